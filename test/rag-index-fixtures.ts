// Shared data for the persisted-index tests: seeded documents of pseudo-words and an 16-d hashing
// embedder (deterministic, no model).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Embedder, LoadedDocument } from '../src/rag/index.js';
import { openSqliteStore, type SqliteStore } from '../src/store/index.js';

const vocabulary = Array.from({ length: 300 }, (_, index) => `w${index.toString(36)}x`);

export function syntheticDocuments(count: number, from = 0): LoadedDocument[] {
  return Array.from({ length: count }, (_, offset) => {
    const n = from + offset;
    const words = Array.from({ length: 12 }, (_, k) => vocabulary[(n * 7 + k * k * 13 + (n % 5) * k) % 300]);
    return {
      source: `doc-${n}`,
      format: 'text' as const,
      metadata: { shard: n % 3 },
      sections: [{ text: `doc${n} ${words.join(' ')}`, metadata: {} }],
    };
  });
}

export const hashEmbedder: Embedder = {
  id: 'test:hash16',
  async embed(texts) {
    return texts.map((text) => {
      const vector = new Float32Array(16);
      for (const word of text.split(' ')) {
        let hash = 0;
        for (const char of word) hash = (hash * 31 + char.charCodeAt(0)) | 0;
        vector[Math.abs(hash) % 16] += hash % 2 === 0 ? 1 : -1;
      }
      return vector;
    });
  },
};

/**
 * A fresh folder and SQLite path per test (`prefix` names the folder); `open()` opens a store on that
 * path, closed with the folder removed after the test.
 */
export function temporaryStores(prefix: string): {
  open: () => SqliteStore;
  folder: () => string;
  path: () => string;
} {
  let folder = '';
  let path = '';
  const stores: SqliteStore[] = [];
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), prefix));
    path = join(folder, 'rag.db');
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    rmSync(folder, { recursive: true, force: true });
  });
  return {
    open: () => {
      const store = openSqliteStore({ path });
      stores.push(store);
      return store;
    },
    folder: () => folder,
    path: () => path,
  };
}
