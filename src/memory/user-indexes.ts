// The retrieval indexes of the users this process has recalled for: built from the store on first
// use, kept in step with this process's writes, dropped on erasure.
import type { Embedder } from '../search/index.js';
import type { MemoryRepository } from '../store/index.js';
import { fromEpisode, fromFact, fromSummary, type ItemInput } from './indexed-items.js';
import { MemoryIndex } from './memory-index.js';
import { type ResolvedScope, scopeKey } from './memory-scope.js';

export interface UserIndexes {
  /** The user's index, built from the store when this process first needs it. */
  get(scope: ResolvedScope): Promise<MemoryIndex>;
  /** The index if it is built (or being built); writes to unbuilt indexes are read from the store later. */
  peek(scope: { tenant: string; user: string }): Promise<MemoryIndex> | undefined;
  /** Embeds (when an embedder is set), stores the vectors and indexes items just written. */
  add(scope: ResolvedScope, items: readonly ItemInput[]): Promise<void>;
  remove(scope: { tenant: string; user: string }, ids: readonly string[]): Promise<void>;
  drop(scope: { tenant: string; user: string }): void;
  clear(): void;
}

export interface UserIndexesOptions {
  embedder?: Embedder;
  /**
   * Rebuild an index from the store once it is older than this: the bound on how long writes made
   * by other processes sharing the database (and erasures they make) stay invisible here.
   */
  maxAgeMs?: number;
  now: () => number;
}

export function createUserIndexes(
  repository: MemoryRepository,
  { embedder, maxAgeMs, now }: UserIndexesOptions,
): UserIndexes {
  const indexes = new Map<string, Promise<MemoryIndex>>();
  const builtAt = new Map<string, number>();

  async function build(scope: ResolvedScope): Promise<MemoryIndex> {
    const index = new MemoryIndex(embedder);
    const vectors = new Map<string, Float32Array>();
    if (embedder)
      for (const row of await repository.listVectors(scope.tenant, scope.user))
        vectors.set(row.id, row.vector);
    const episodes = await repository.listEpisodes({ tenant: scope.tenant, user: scope.user });
    const facts = await repository.listFacts(scope.tenant, scope.user, { status: 'active' });
    const summaries = await repository.listSummaries(scope.tenant, scope.user);
    const items = [...episodes.map(fromEpisode), ...facts.map(fromFact), ...summaries.map(fromSummary)];
    if (embedder) {
      const missing = items.filter((item) => !vectors.has(item.id));
      for (const [id, vector] of await embedAndStore(scope, missing)) vectors.set(id, vector);
    }
    for (const item of items) index.add(item, vectors.get(item.id));
    return index;
  }

  async function embedAndStore(
    scope: ResolvedScope,
    items: readonly { id: string; text: string }[],
  ): Promise<Map<string, Float32Array>> {
    const result = new Map<string, Float32Array>();
    if (!embedder || items.length === 0) return result;
    const vectors = await embedder.embed(items.map((item) => item.text));
    for (const [position, item] of items.entries()) result.set(item.id, vectors[position]);
    await repository.putVectors(
      items.map((item, position) => ({
        tenant: scope.tenant,
        user: scope.user,
        id: item.id,
        vector: vectors[position],
      })),
    );
    return result;
  }

  const userIndexes: UserIndexes = {
    get(scope) {
      const key = scopeKey(scope);
      let pending = indexes.get(key);
      if (pending && maxAgeMs !== undefined && now() - builtAt.get(key)! > maxAgeMs) pending = undefined;
      if (!pending) {
        builtAt.set(key, now());
        pending = build(scope);
        indexes.set(key, pending);
        pending.catch(() => indexes.delete(key));
      }
      return pending;
    },
    peek(scope) {
      return indexes.get(scopeKey(scope));
    },
    async add(scope, items) {
      // Not built yet: it will read these rows from the store when first used.
      if (items.length === 0 || !indexes.has(scopeKey(scope))) return;
      const index = await userIndexes.get(scope);
      const vectors = await embedAndStore(scope, items);
      for (const item of items) index.add(item, vectors.get(item.id));
    },
    async remove(scope, ids) {
      const pending = indexes.get(scopeKey(scope));
      if (!pending) return;
      const index = await pending;
      for (const id of ids) index.remove(id);
    },
    drop(scope) {
      indexes.delete(scopeKey(scope));
      builtAt.delete(scopeKey(scope));
    },
    clear() {
      indexes.clear();
      builtAt.clear();
    },
  };
  return userIndexes;
}
