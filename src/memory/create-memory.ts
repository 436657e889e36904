// The memory service: working memory (versioned profiles), episodic memory (turns, session
// summaries), semantic memory (facts with supersession), recall over all three, forgetting and
// per-user erasure. Persistence goes through the store's memory domain; the retrieval index of
// each user lives in this process and is rebuilt from the store on first use.
import { GantryError } from '../errors/index.js';
import type { MemorySummaryRecord } from '../store/index.js';
import { applyProfileChanges } from './apply-profile-changes.js';
import { consolidateFact } from './consolidate-fact.js';
import { episodesFromTurns } from './episodes-from-turns.js';
import { type CandidateFact, extractFacts } from './extract-facts.js';
import { extractFactsWithModel } from './extract-facts-with-model.js';
import { fromEpisode, fromSummary, toRecallItem } from './indexed-items.js';
import { resolveScope } from './memory-scope.js';
import type { FactChange, Memory, MemoryOptions } from './memory-types.js';
import { recallMemories } from './recall-memories.js';
import { summarizeExtractively, summarizeWithModel } from './summarize-session.js';
import { createUserIndexes } from './user-indexes.js';

export type { FactChange, Memory, MemoryOptions, TurnInput } from './memory-types.js';

export function createMemory(options: MemoryOptions): Memory {
  const repository = options.store.memory;
  const now = options.now ?? Date.now;
  const indexes = createUserIndexes(repository, {
    embedder: options.embedder,
    maxAgeMs: options.indexMaxAgeMs,
    now,
  });
  const consolidation = { repository, indexes, now, factsTtlMs: options.ttl?.factsMs };

  const memory: Memory = {
    now,
    async addTurns(scopeInput, turns) {
      const scope = resolveScope(scopeInput);
      const episodes = episodesFromTurns(scope, turns, {
        now: now(),
        episodesTtlMs: options.ttl?.episodesMs,
      });
      await repository.addEpisodes(episodes);
      await indexes.add(scope, episodes.map(fromEpisode));
      const facts: FactChange[] = [];
      if (options.extractFacts === false) return { episodes, facts };
      const userTurns = episodes.filter((episode) => episode.role === 'user');
      if (options.model && userTurns.length > 0) {
        const sourceIds = userTurns.map((turn) => turn.id);
        for (const candidate of await extractFactsWithModel(options.model, userTurns))
          facts.push(await consolidateFact(consolidation, scope, candidate, sourceIds, userTurns.at(-1)!.at));
      } else {
        for (const turn of userTurns) {
          for (const candidate of extractFacts(turn.text, turn.speaker))
            facts.push(await consolidateFact(consolidation, scope, candidate, [turn.id], turn.at));
        }
      }
      return { episodes, facts };
    },
    async endSession(scopeInput, session) {
      const scope = resolveScope(scopeInput);
      const turns = await repository.listEpisodes({ tenant: scope.tenant, user: scope.user, session });
      if (turns.length === 0) return undefined;
      const text = options.model
        ? await summarizeWithModel(options.model, turns)
        : summarizeExtractively(turns);
      const summary: MemorySummaryRecord = {
        tenant: scope.tenant,
        user: scope.user,
        id: `summary:${session}`,
        session,
        text,
        from: turns[0].at,
        to: turns.at(-1)!.at,
        episodeIds: turns.map((turn) => turn.id),
        createdAt: now(),
      };
      await repository.putSummary(summary);
      await indexes.add(scope, [fromSummary(summary)]);
      return summary;
    },
    async remember(scopeInput, input) {
      const scope = resolveScope(scopeInput);
      if (typeof input?.text !== 'string' || input.text.trim() === '') {
        throw new GantryError('MEMORY_INPUT_INVALID', 'A memory to remember needs a non-empty text.', {
          hint: 'Pass { text: "the fact", key?: "attribute" }.',
        });
      }
      const extracted = input.key ? undefined : extractFacts(input.text, scope.user)[0];
      const candidate: CandidateFact = extracted ?? {
        key: input.key?.trim().toLowerCase() || `note:${input.text.trim().toLowerCase().slice(0, 80)}`,
        value: input.value ?? input.text.trim(),
        text: input.text.trim(),
      };
      return consolidateFact(
        consolidation,
        scope,
        candidate,
        input.sourceIds ?? [],
        input.at ?? now(),
        input.ttlMs,
      );
    },
    async recall(scopeInput, query, recallOptions = {}) {
      const scope = resolveScope(scopeInput);
      return recallMemories(() => indexes.get(scope), query, recallOptions, {
        embedder: options.embedder,
        weights: options.weights,
        now: now(),
      });
    },
    async getItems(scopeInput, ids) {
      const index = await indexes.get(resolveScope(scopeInput));
      return ids.flatMap((id) => {
        const item = index.items.get(id);
        return item ? [toRecallItem(item)] : [];
      });
    },
    async facts(scopeInput, { includeSuperseded = false } = {}) {
      const scope = resolveScope(scopeInput);
      return repository.listFacts(scope.tenant, scope.user, includeSuperseded ? {} : { status: 'active' });
    },
    async recentTurns(scopeInput, { session, limit }) {
      const scope = resolveScope(scopeInput);
      const turns = await repository.listEpisodes({
        tenant: scope.tenant,
        user: scope.user,
        session,
        order: 'desc',
        limit,
      });
      return turns.reverse();
    },
    async summaries(scopeInput, session) {
      const scope = resolveScope(scopeInput);
      return repository.listSummaries(scope.tenant, scope.user, session);
    },
    async getProfile(scopeInput) {
      const scope = resolveScope(scopeInput);
      const profile = await repository.getProfile(scope.tenant, scope.user, scope.thread);
      return { data: profile?.data ?? {}, version: profile?.version ?? 0 };
    },
    async updateProfile(scopeInput, changes, source = {}) {
      const scope = resolveScope(scopeInput);
      const current = await repository.getProfile(scope.tenant, scope.user, scope.thread);
      const { data, changed } = applyProfileChanges(current?.data ?? {}, changes, options.profileSchema);
      const version = current?.version ?? 0;
      if (Object.keys(changed).length === 0) return { data, version, changed };
      await repository.saveProfile(
        {
          tenant: scope.tenant,
          user: scope.user,
          thread: scope.thread,
          data,
          version: version + 1,
          updatedAt: now(),
        },
        { expectedVersion: version, changes: changed, source },
      );
      return { data, version: version + 1, changed };
    },
    async profileHistory(scopeInput) {
      const scope = resolveScope(scopeInput);
      return repository.listProfileVersions(scope.tenant, scope.user, scope.thread);
    },
    async forget(scopeInput, ids) {
      const scope = resolveScope(scopeInput);
      const gone = await repository.deleteItems(scope.tenant, scope.user, ids);
      await indexes.remove(scope, ids);
      return gone;
    },
    async eraseUser(scopeInput) {
      const scope = resolveScope(scopeInput);
      indexes.drop(scope);
      return repository.eraseUser(scope.tenant, scope.user);
    },
    async expire() {
      const gone = await repository.deleteExpired(now());
      for (const item of gone) await indexes.remove(item, [item.id]);
      return gone.length;
    },
    clearIndexes() {
      indexes.clear();
    },
  };
  return memory;
}
