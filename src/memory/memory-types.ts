// The memory service's public contract: what createMemory takes and the methods it returns.
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { z } from 'zod';
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
import type { MemoryScope } from './memory-scope.js';
import type { RecallItem, RecallOptions, RecallWeights } from './recall-types.js';

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
  /**
   * Several processes sharing one database: each keeps its own in-memory index per user, which does
   * not see the others' writes (or erasures). An index older than this is rebuilt from the store on
   * its next use. Default: never (one process writes a user's memory).
   */
  indexMaxAgeMs?: number;
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
