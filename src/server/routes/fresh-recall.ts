// Recall that honours deletions made by other processes. A Memory keeps each user's recall index in
// its process; a forget or an erasure made elsewhere (the CLI, another worker or replica) is in the
// store at once but not in this index. So every recalled item is checked against the store, and when
// one is gone the indexes are rebuilt from the store and the recall is made again.
import type { Memory, MemoryScope, RecallItem, RecallOptions } from '../../memory/index.js';
import type { Store } from '../../store/index.js';

export async function freshRecall(
  memory: Memory,
  store: Pick<Store, 'memory'>,
  scope: MemoryScope & { tenant: string },
  query: string,
  options: RecallOptions,
): Promise<RecallItem[]> {
  const items = await memory.recall(scope, query, options);
  if (await allStored(store, scope, items)) return items;
  memory.clearIndexes();
  return memory.recall(scope, query, options);
}

async function allStored(
  store: Pick<Store, 'memory'>,
  { tenant, user }: { tenant: string; user: string },
  items: readonly RecallItem[],
): Promise<boolean> {
  const wanted = (kind: RecallItem['kind']) =>
    items.filter((item) => item.kind === kind).map((item) => item.id);
  const episodes = wanted('episode');
  const facts = wanted('fact');
  const summaries = wanted('summary');
  const present = new Set<string>();
  if (episodes.length > 0)
    for (const row of await store.memory.getEpisodes(tenant, user, episodes)) present.add(row.id);
  if (facts.length > 0)
    for (const row of await store.memory.listFacts(tenant, user, { status: 'active' })) present.add(row.id);
  if (summaries.length > 0)
    for (const row of await store.memory.listSummaries(tenant, user)) present.add(row.id);
  return items.every((item) => present.has(item.id));
}
