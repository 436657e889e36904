// The memory service: working memory (versioned profiles), episodic memory (turns, session
// summaries), semantic memory (facts with supersession), recall over all three, forgetting and
// per-user erasure. Persistence goes through the store's memory domain; the retrieval index of
// each user lives in this process and is rebuilt from the store on first use.
import { randomUUID } from 'node:crypto';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { z } from 'zod';
import { GantryError } from '../errors/index.js';
import type { Embedder } from '../search/index.js';
import type {
  MemoryEpisodeRecord,
  MemoryFactRecord,
  MemoryProfileSource,
  MemoryProfileVersionRecord,
  MemoryRole,
  MemoryRowCounts,
  MemorySummaryRecord,
  Store,
} from '../store/index.js';
import { applyProfileChanges } from './apply-profile-changes.js';
import { estimateImportance } from './estimate-importance.js';
import { type CandidateFact, extractFacts } from './extract-facts.js';
import { extractFactsWithModel } from './extract-facts-with-model.js';
import { type IndexedItem, MemoryIndex } from './memory-index.js';
import { type MemoryScope, type ResolvedScope, resolveScope, scopeKey } from './memory-scope.js';
import { parseTimeRange } from './parse-time-range.js';
import { rankMemories } from './rank-memories.js';
import type { RecallItem, RecallOptions, RecallWeights } from './recall-types.js';
import { summarizeExtractively, summarizeWithModel } from './summarize-session.js';

type ItemInput = Omit<IndexedItem, 'slot'>;

export interface TurnInput {
  /** The message id in the conversation; default: a new id. */
  id?: string;
  session: string;
  /** Default: the user id for 'user' turns, 'assistant' or the tool name otherwise. */
  speaker?: string;
  role?: MemoryRole;
  text: string;
  /** When it was said (ms, ISO string or Date); default: now. */
  at?: number | string | Date;
  metadata?: Record<string, unknown>;
  /** This turn is forgotten after this many milliseconds (default: the memory's episode TTL). */
  ttlMs?: number;
}

export interface MemoryOptions {
  store: Pick<Store, 'memory'>;
  /** Embeds memories for the vector signal; without one, recall fuses BM25 with the other signals. */
  embedder?: Embedder;
  /** Extracts facts and summarises sessions; without one, rule-based extraction and extractive summaries. */
  model?: LanguageModelV3;
  /** Checks working-memory profiles. */
  profileSchema?: z.ZodType;
  weights?: Partial<RecallWeights>;
  /** Default lifetimes; absent: kept until forgotten. */
  ttl?: { episodesMs?: number; factsMs?: number };
  /** Extract facts from user turns as they are added (default true). */
  extractFacts?: boolean;
  now?: () => number;
}

export interface FactChange {
  action: 'added' | 'duplicate' | 'superseded';
  fact: MemoryFactRecord;
  /** The fact this one replaced (action 'superseded'). */
  replaced?: MemoryFactRecord;
}

export interface Memory {
  addTurns(
    scope: MemoryScope,
    turns: readonly TurnInput[],
  ): Promise<{ episodes: MemoryEpisodeRecord[]; facts: FactChange[] }>;
  /** Summarises a finished session (model or extractive) and indexes the summary. */
  endSession(scope: MemoryScope, session: string): Promise<MemorySummaryRecord | undefined>;
  /** Stores a fact directly (the `remember` tool), consolidated like extracted ones. */
  remember(
    scope: MemoryScope,
    input: { text: string; key?: string; value?: string; sourceIds?: string[]; at?: number; ttlMs?: number },
  ): Promise<FactChange>;
  recall(scope: MemoryScope, query: string, options?: RecallOptions): Promise<RecallItem[]>;
  /** Full items by id (the pointer a truncated tool result leaves). */
  getItems(scope: MemoryScope, ids: readonly string[]): Promise<RecallItem[]>;
  facts(scope: MemoryScope, options?: { includeSuperseded?: boolean }): Promise<MemoryFactRecord[]>;
  recentTurns(
    scope: MemoryScope,
    options: { session?: string; limit: number },
  ): Promise<MemoryEpisodeRecord[]>;
  summaries(scope: MemoryScope, session?: string): Promise<MemorySummaryRecord[]>;
  getProfile(scope: MemoryScope): Promise<{ data: Record<string, unknown>; version: number }>;
  updateProfile(
    scope: MemoryScope,
    changes: Record<string, unknown>,
    source?: MemoryProfileSource,
  ): Promise<{ data: Record<string, unknown>; version: number; changed: Record<string, unknown> }>;
  profileHistory(scope: MemoryScope): Promise<MemoryProfileVersionRecord[]>;
  /** Forgets items by id; returns the ids that existed. */
  forget(scope: MemoryScope, ids: readonly string[]): Promise<string[]>;
  /** Erases everything about the user: every table, and the in-process indexes. */
  eraseUser(scope: MemoryScope): Promise<MemoryRowCounts>;
  /** Deletes expired episodes and facts; returns how many went. */
  expire(): Promise<number>;
  /** Drops the in-process indexes (they are rebuilt from the store on next use). */
  clearIndexes(): void;
  readonly now: () => number;
}

const toTime = (value: number | string | Date | undefined, fallback: number, field: string): number => {
  if (value === undefined) return fallback;
  const time =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(time)) {
    throw new GantryError(
      'MEMORY_INPUT_INVALID',
      `'${field}' is not a valid time: ${JSON.stringify(value)}.`,
      {
        hint: 'Use milliseconds since the epoch, an ISO 8601 string or a Date.',
      },
    );
  }
  return time;
};

export function createMemory(options: MemoryOptions): Memory {
  const repository = options.store.memory;
  const now = options.now ?? Date.now;
  const indexes = new Map<string, Promise<MemoryIndex>>();

  async function indexFor(scope: ResolvedScope): Promise<MemoryIndex> {
    const key = scopeKey(scope);
    let pending = indexes.get(key);
    if (!pending) {
      pending = buildIndex(scope);
      indexes.set(key, pending);
      pending.catch(() => indexes.delete(key));
    }
    return pending;
  }

  async function buildIndex(scope: ResolvedScope): Promise<MemoryIndex> {
    const index = new MemoryIndex(options.embedder);
    const vectors = new Map<string, Float32Array>();
    if (options.embedder)
      for (const row of await repository.listVectors(scope.tenant, scope.user))
        vectors.set(row.id, row.vector);
    const episodes = await repository.listEpisodes({ tenant: scope.tenant, user: scope.user });
    const facts = await repository.listFacts(scope.tenant, scope.user, { status: 'active' });
    const summaries = await repository.listSummaries(scope.tenant, scope.user);
    const items = [...episodes.map(fromEpisode), ...facts.map(fromFact), ...summaries.map(fromSummary)];
    if (options.embedder) {
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
    if (!options.embedder || items.length === 0) return result;
    const vectors = await options.embedder.embed(items.map((item) => item.text));
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

  async function indexItems(scope: ResolvedScope, items: ItemInput[]): Promise<void> {
    if (items.length === 0) return;
    const key = scopeKey(scope);
    // Not built yet: it will read these rows from the store when first used.
    if (!indexes.has(key)) return;
    const index = await indexFor(scope);
    const vectors = await embedAndStore(scope, items);
    for (const item of items) index.add(item, vectors.get(item.id));
  }

  async function consolidate(
    scope: ResolvedScope,
    candidate: CandidateFact,
    sourceIds: string[],
    at: number,
    ttlMs?: number,
  ): Promise<FactChange> {
    const existing = await repository.listFacts(scope.tenant, scope.user, {
      status: 'active',
      key: candidate.key,
    });
    const normalise = (value: string) => value.trim().toLowerCase().replace(/\s+/g, ' ');
    const same = existing.find((fact) => normalise(fact.value) === normalise(candidate.value));
    const time = now();
    if (same) {
      // A repeated fact adds provenance; it never deletes or duplicates the original.
      const merged = [...new Set([...same.sourceIds, ...sourceIds])];
      await repository.updateFact(scope.tenant, scope.user, same.id, { sourceIds: merged, updatedAt: time });
      return { action: 'duplicate', fact: { ...same, sourceIds: merged, updatedAt: time } };
    }
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
      expiresAt:
        (ttlMs ?? options.ttl?.factsMs) !== undefined ? time + (ttlMs ?? options.ttl!.factsMs!) : null,
    };
    await repository.addFact(fact);
    const replaced = existing.filter((old) => old.validFrom <= at);
    const index = indexes.has(scopeKey(scope)) ? await indexFor(scope) : undefined;
    for (const old of replaced) {
      await repository.updateFact(scope.tenant, scope.user, old.id, {
        status: 'superseded',
        supersededBy: fact.id,
        updatedAt: time,
      });
      index?.remove(old.id);
    }
    await indexItems(scope, [fromFact(fact)]);
    return replaced.length > 0
      ? { action: 'superseded', fact, replaced: replaced.at(-1) }
      : { action: 'added', fact };
  }

  const toRecallItem = (item: ItemInput): RecallItem => ({
    id: item.id,
    kind: item.kind,
    text: item.text,
    session: item.session,
    speaker: item.speaker,
    role: item.role,
    at: item.at,
    score: 0,
    sourceIds: item.sourceIds,
    components: {},
  });

  const memory: Memory = {
    now,
    async addTurns(scopeInput, turns) {
      const scope = resolveScope(scopeInput);
      const time = now();
      const episodes = turns.map((turn, position): MemoryEpisodeRecord => {
        if (
          typeof turn?.text !== 'string' ||
          turn.text.trim() === '' ||
          typeof turn.session !== 'string' ||
          turn.session === ''
        ) {
          throw new GantryError(
            'MEMORY_INPUT_INVALID',
            `Turn ${position} needs a non-empty text and session.`,
            {
              hint: 'Each turn is { session, text, speaker?, role?, at?, id? }.',
              details: { position },
            },
          );
        }
        const role = turn.role ?? 'user';
        const ttl = turn.ttlMs ?? options.ttl?.episodesMs;
        return {
          tenant: scope.tenant,
          user: scope.user,
          id: turn.id ?? `ep_${randomUUID()}`,
          session: turn.session,
          speaker: turn.speaker ?? (role === 'user' ? scope.user : role),
          role,
          text: turn.text,
          at: toTime(turn.at, time, `turns[${position}].at`),
          importance: estimateImportance(turn.text),
          expiresAt: ttl !== undefined ? time + ttl : null,
          metadata: { ...turn.metadata, ...(scope.thread ? { thread: scope.thread } : {}) },
        };
      });
      await repository.addEpisodes(episodes);
      await indexItems(scope, episodes.map(fromEpisode));
      const facts: FactChange[] = [];
      if (options.extractFacts !== false) {
        const userTurns = episodes.filter((episode) => episode.role === 'user');
        if (options.model && userTurns.length > 0) {
          for (const candidate of await extractFactsWithModel(options.model, userTurns)) {
            facts.push(
              await consolidate(
                scope,
                candidate,
                userTurns.map((turn) => turn.id),
                userTurns.at(-1)!.at,
              ),
            );
          }
        } else {
          for (const turn of userTurns) {
            for (const candidate of extractFacts(turn.text, turn.speaker))
              facts.push(await consolidate(scope, candidate, [turn.id], turn.at));
          }
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
      await indexItems(scope, [fromSummary(summary)]);
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
      return consolidate(scope, candidate, input.sourceIds ?? [], input.at ?? now(), input.ttlMs);
    },
    async recall(scopeInput, query, recallOptions = {}) {
      const scope = resolveScope(scopeInput);
      if (typeof query !== 'string' || query.trim() === '') {
        throw new GantryError('MEMORY_INPUT_INVALID', 'A recall query must be a non-empty string.', {
          hint: 'Ask in words what to remember, e.g. "where does the user live".',
        });
      }
      const k = recallOptions.k ?? 10;
      if (!Number.isInteger(k) || k <= 0) {
        throw new GantryError('MEMORY_INPUT_INVALID', `k must be a positive integer (got ${k}).`, {
          hint: 'Ask for 5 to 20 memories.',
        });
      }
      const index = await indexFor(scope);
      const reference = recallOptions.now ?? now();
      let anchorHit: RecallItem | undefined;
      let from = recallOptions.from !== undefined ? toTime(recallOptions.from, 0, 'from') : undefined;
      let to = recallOptions.to !== undefined ? toTime(recallOptions.to, 0, 'to') : undefined;
      if (recallOptions.temporal !== false && from === undefined && to === undefined) {
        const range = parseTimeRange(query, reference);
        from = range.from;
        to = range.to;
        const anchor = /\b(before|after) (?:(?:i|we) )?([a-z' ]{3,60})/i.exec(query);
        if (anchor && from === undefined && to === undefined) {
          // One BM25 search for the event the question is anchored on (not a full ranking).
          const episodes = index.slotFilter({ kinds: new Set(['episode']) })!;
          const [hit] = index.lexical.search(anchor[2], { limit: 1, filter: (_, slot) => episodes(slot!) });
          const item = hit && index.items.get(hit.id);
          if (item) anchorHit = { ...toRecallItem(item), components: { anchor: 1 } };
          if (anchorHit) {
            if (anchor[1].toLowerCase() === 'before') to = anchorHit.at - 1;
            else from = anchorHit.at + 1;
          }
        }
      }
      const queryVector = options.embedder ? (await options.embedder.embed([query]))[0] : undefined;
      const ranked = rankMemories(index, {
        query,
        queryVector,
        k,
        kinds: recallOptions.kinds,
        from,
        to,
        session: recallOptions.session,
        weights: { ...options.weights, ...recallOptions.weights },
      });
      // "before I moved": the event the question is anchored on belongs in the answer too.
      if (anchorHit && !ranked.some((item) => item.id === anchorHit.id)) {
        const kinds = recallOptions.kinds;
        if (!kinds || kinds.includes('episode'))
          return [{ ...anchorHit, score: ranked[0]?.score ?? 1 }, ...ranked].slice(0, k);
      }
      return ranked;
    },
    async getItems(scopeInput, ids) {
      const index = await indexFor(resolveScope(scopeInput));
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
      if (indexes.has(scopeKey(scope))) {
        const index = await indexFor(scope);
        for (const id of ids) index.remove(id);
      }
      return gone;
    },
    async eraseUser(scopeInput) {
      const scope = resolveScope(scopeInput);
      indexes.delete(scopeKey(scope));
      return repository.eraseUser(scope.tenant, scope.user);
    },
    async expire() {
      const gone = await repository.deleteExpired(now());
      for (const item of gone) {
        const pending = indexes.get(scopeKey(item));
        if (pending) (await pending).remove(item.id);
      }
      return gone.length;
    },
    clearIndexes() {
      indexes.clear();
    },
  };
  return memory;
}

function fromEpisode(episode: MemoryEpisodeRecord): ItemInput {
  return {
    id: episode.id,
    kind: 'episode',
    text: episode.text,
    session: episode.session,
    speaker: episode.speaker,
    role: episode.role,
    at: episode.at,
    importance: episode.importance,
    sourceIds: [] as string[],
  };
}

function fromFact(fact: MemoryFactRecord): ItemInput {
  return {
    id: fact.id,
    kind: 'fact',
    text: fact.text,
    session: '',
    speaker: fact.user,
    role: 'system',
    at: fact.validFrom,
    importance: fact.importance,
    sourceIds: fact.sourceIds,
  };
}

function fromSummary(summary: MemorySummaryRecord): ItemInput {
  return {
    id: summary.id,
    kind: 'summary',
    text: summary.text,
    session: summary.session,
    speaker: 'summary',
    role: 'system',
    at: summary.to,
    importance: 0.5,
    sourceIds: summary.episodeIds,
  };
}
