// Near-duplicate and template grouping, then a three-way split by group: rows of one template family
// (JailbreakBench's JBC prompts all share one "AIM" template; DAN variants share most of their text)
// never sit on both sides of a split, so test figures measure new templates, not memorised ones.
import { createHash } from 'node:crypto';
import type { TaskRow } from './task-rows.js';

export type ThreeWaySplit = 'train' | 'validation' | 'test';

export interface GroupedRow extends TaskRow {
  group: string;
  split: ThreeWaySplit;
  /** False for every row of a group but its first: counting these shows the "without near-duplicates" figure. */
  representative: boolean;
}

const shingleSize = 3;
const bands = 12;
const rowsPerBand = 3;
/** Two texts whose word 3-gram sets overlap at least this much (Jaccard) are near-duplicates. */
export const nearDuplicateJaccard = 0.5;
/** Texts sharing their first this many normalised characters share a template. */
export const templatePrefix = 160;

/** The lower-cased words (letters and digits) of a text. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 12)) >>> 0;
}

/** Word 3-grams (the whole text when it has fewer than three words). */
export function shinglesOf(text: string): Set<string> {
  const w = words(text);
  const set = new Set<string>();
  if (w.length < shingleSize) set.add(w.join(' '));
  for (let i = 0; i + shingleSize <= w.length; i++) set.add(w.slice(i, i + shingleSize).join(' '));
  return set;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

/** The split of a group: 60 % train, 20 % validation, 20 % test, stable across runs. */
export function splitOfGroup(group: string): ThreeWaySplit {
  const bucket = createHash('sha256').update(`split:${group}`).digest()[0] % 10;
  return bucket < 6 ? 'train' : bucket < 8 ? 'validation' : 'test';
}

/**
 * Groups rows (a preset group, a shared template prefix, or MinHash-LSH candidates whose word 3-gram
 * Jaccard is ≥ 0.5) with union-find, names each group after its first row, and splits by group.
 */
export function groupRows(rows: readonly TaskRow[]): GroupedRow[] {
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const byKey = new Map<string, number>();
  const joinKey = (key: string, i: number) => {
    const first = byKey.get(key);
    if (first === undefined) byKey.set(key, i);
    else union(first, i);
  };
  const shingles = rows.map((row) => shinglesOf(row.text));
  const candidates = new Map<string, number[]>();
  rows.forEach((row, i) => {
    if (row.group) joinKey(`preset:${row.group}`, i);
    const normalised = words(row.text).join(' ');
    if (normalised.length >= templatePrefix) joinKey(`prefix:${normalised.slice(0, templatePrefix)}`, i);
    const signature: number[] = [];
    for (let k = 0; k < bands * rowsPerBand; k++) {
      let min = 0xffffffff;
      for (const shingle of shingles[i]) min = Math.min(min, hash32(shingle, k + 1));
      signature.push(min);
    }
    for (let b = 0; b < bands; b++) {
      const key = `${b}:${signature.slice(b * rowsPerBand, (b + 1) * rowsPerBand).join(',')}`;
      const list = candidates.get(key);
      if (list) list.push(i);
      else candidates.set(key, [i]);
    }
  });
  for (const list of candidates.values()) {
    if (list.length < 2) continue;
    for (let a = 0; a < list.length; a++)
      for (let b = a + 1; b < list.length; b++)
        if (
          find(list[a]) !== find(list[b]) &&
          jaccard(shingles[list[a]], shingles[list[b]]) >= nearDuplicateJaccard
        )
          union(list[a], list[b]);
  }
  const seen = new Set<number>();
  return rows.map((row, i) => {
    const root = find(i);
    const group = createHash('sha256').update(rows[root].text).digest('hex').slice(0, 12);
    const representative = !seen.has(root);
    seen.add(root);
    return { ...row, group, split: splitOfGroup(group), representative };
  });
}
