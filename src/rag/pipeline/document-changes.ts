// What an ingest has to do against what is stored: the loaded documents that are new or changed (by
// content hash), and the stored sources under the given prefixes that were not loaded (deleted files).
import type { LoadedDocument } from '../loading/index.js';
import { documentHash } from './chunk-document.js';

export function changedDocuments(
  loaded: readonly LoadedDocument[],
  stored: ReadonlyMap<string, { contentHash: string }>,
): { document: LoadedDocument; hash: string }[] {
  return loaded
    .map((document) => ({ document, hash: documentHash(document) }))
    .filter(({ document, hash }) => stored.get(document.source)?.contentHash !== hash);
}

/** Stored sources (`file#part` counts as `file`) under one of the prefixes and not among the loaded. */
export function missingSources(
  stored: Iterable<string>,
  loaded: readonly LoadedDocument[],
  under: string | readonly string[],
): string[] {
  const prefixes = typeof under === 'string' ? [under] : under;
  const present = new Set(loaded.map((document) => document.source));
  const missing: string[] = [];
  for (const source of stored) {
    const file = source.split('#')[0];
    if (!present.has(source) && prefixes.some((prefix) => file.startsWith(prefix))) missing.push(source);
  }
  return missing;
}
