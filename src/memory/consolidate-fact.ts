// Semantic memory's consolidation: a candidate fact is a duplicate (adds provenance), new, or an
// update that supersedes the active facts of the same key said at or before it.
import { randomUUID } from 'node:crypto';
import type { MemoryFactRecord, MemoryRepository } from '../store/index.js';
import { estimateImportance } from './estimate-importance.js';
import type { CandidateFact } from './extract-facts.js';
import { fromFact } from './indexed-items.js';
import type { ResolvedScope } from './memory-scope.js';
import type { FactChange } from './memory-types.js';
import type { UserIndexes } from './user-indexes.js';

export interface ConsolidateContext {
  repository: MemoryRepository;
  indexes: UserIndexes;
  now: () => number;
  /** Default lifetime of facts. */
  factsTtlMs?: number;
}

const normalise = (value: string) => value.trim().toLowerCase().replace(/\s+/g, ' ');

export async function consolidateFact(
  context: ConsolidateContext,
  scope: ResolvedScope,
  candidate: CandidateFact,
  sourceIds: string[],
  at: number,
  ttlMs?: number,
): Promise<FactChange> {
  const { repository, indexes } = context;
  const existing = await repository.listFacts(scope.tenant, scope.user, {
    status: 'active',
    key: candidate.key,
  });
  const same = existing.find((fact) => normalise(fact.value) === normalise(candidate.value));
  const time = context.now();
  if (same) {
    // A repeated fact adds provenance; it never deletes or duplicates the original.
    const merged = [...new Set([...same.sourceIds, ...sourceIds])];
    await repository.updateFact(scope.tenant, scope.user, same.id, { sourceIds: merged, updatedAt: time });
    return { action: 'duplicate', fact: { ...same, sourceIds: merged, updatedAt: time } };
  }
  const lifetime = ttlMs ?? context.factsTtlMs;
  const fact: MemoryFactRecord = {
    tenant: scope.tenant,
    user: scope.user,
    id: `fact_${randomUUID()}`,
    key: candidate.key,
    value: candidate.value,
    text: candidate.text,
    status: 'active',
    supersededBy: null,
    sourceIds,
    importance: Math.max(0.6, estimateImportance(candidate.text)),
    validFrom: at,
    createdAt: time,
    updatedAt: time,
    expiresAt: lifetime !== undefined ? time + lifetime : null,
  };
  await repository.addFact(fact);
  const replaced = existing.filter((old) => old.validFrom <= at);
  for (const old of replaced) {
    await repository.updateFact(scope.tenant, scope.user, old.id, {
      status: 'superseded',
      supersededBy: fact.id,
      updatedAt: time,
    });
  }
  await indexes.remove(
    scope,
    replaced.map((old) => old.id),
  );
  await indexes.add(scope, [fromFact(fact)]);
  return replaced.length > 0
    ? { action: 'superseded', fact, replaced: replaced.at(-1) }
    : { action: 'added', fact };
}
