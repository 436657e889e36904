// Drops the rows of a new source that another source already holds in other words: a near-duplicate
// (word 3-gram Jaccard ≥ 0.5, groupRows' rule) or a shared 160-character template prefix. Kept, such a row
// would join the other source's group and its leave-one-source-out figure would score rows the fold model
// trained on under the other source's name.
import { nearDuplicateJaccard, shinglesOf, templatePrefix, words } from './group-rows.js';
import type { TaskRow } from './task-rows.js';

export interface NearDuplicate {
  row: TaskRow;
  /** The earlier row (another source) it repeats. */
  of: TaskRow;
}

/**
 * Keeps each candidate unless it near-duplicates a reference row or a kept candidate of another source
 * (candidates are taken in order, so an earlier source keeps a text two sources share). Near-duplicates
 * within one source are kept: groupRows puts them in one group.
 */
export function dropNearDuplicates(
  candidates: readonly TaskRow[],
  reference: readonly TaskRow[],
): { kept: TaskRow[]; dropped: NearDuplicate[] } {
  const known: { row: TaskRow; shingles: Set<string> }[] = [];
  const byShingle = new Map<string, number[]>();
  const byPrefix = new Map<string, number>();
  const remember = (row: TaskRow) => {
    const index = known.length;
    const shingles = shinglesOf(row.text);
    known.push({ row, shingles });
    for (const shingle of shingles) {
      const list = byShingle.get(shingle);
      if (list) list.push(index);
      else byShingle.set(shingle, [index]);
    }
    const normalised = words(row.text).join(' ');
    if (normalised.length >= templatePrefix) {
      const key = normalised.slice(0, templatePrefix);
      if (!byPrefix.has(key)) byPrefix.set(key, index);
    }
  };
  for (const row of reference) remember(row);
  const kept: TaskRow[] = [];
  const dropped: NearDuplicate[] = [];
  for (const row of candidates) {
    const shingles = shinglesOf(row.text);
    const normalised = words(row.text).join(' ');
    let match: TaskRow | undefined;
    const prefixed =
      normalised.length >= templatePrefix ? byPrefix.get(normalised.slice(0, templatePrefix)) : undefined;
    if (prefixed !== undefined && known[prefixed].row.source !== row.source) match = known[prefixed].row;
    if (!match) {
      // Shared 3-grams per earlier row, counted through the index: Jaccard without set intersections.
      const shared = new Map<number, number>();
      for (const shingle of shingles)
        for (const index of byShingle.get(shingle) ?? []) shared.set(index, (shared.get(index) ?? 0) + 1);
      for (const [index, count] of shared) {
        const other = known[index];
        const similarity = count / (shingles.size + other.shingles.size - count);
        if (other.row.source !== row.source && similarity >= nearDuplicateJaccard) {
          match = other.row;
          break;
        }
      }
    }
    if (match) dropped.push({ row, of: match });
    else {
      kept.push(row);
      remember(row);
    }
  }
  return { kept, dropped };
}
