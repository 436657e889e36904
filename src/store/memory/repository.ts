// The memory domain's repository: async so a Postgres implementation can pass the same contract.
import type {
  MemoryEpisodeFilter,
  MemoryEpisodeRecord,
  MemoryFactRecord,
  MemoryFactStatus,
  MemoryProfileRecord,
  MemoryProfileSource,
  MemoryProfileVersionRecord,
  MemoryRowCounts,
  MemorySessionInfo,
  MemorySummaryRecord,
  MemoryVectorRecord,
} from './types.js';

export interface MemoryFactUpdate {
  status?: MemoryFactStatus;
  supersededBy?: string | null;
  sourceIds?: string[];
  updatedAt: number;
}

export interface MemoryRepository {
  /** Adds episodes; an episode whose (tenant, user, id) exists is replaced. */
  addEpisodes(episodes: readonly MemoryEpisodeRecord[]): Promise<void>;
  listEpisodes(filter: MemoryEpisodeFilter): Promise<MemoryEpisodeRecord[]>;
  getEpisodes(tenant: string, user: string, ids: readonly string[]): Promise<MemoryEpisodeRecord[]>;
  listSessions(tenant: string, user: string): Promise<MemorySessionInfo[]>;
  putSummary(summary: MemorySummaryRecord): Promise<void>;
  listSummaries(tenant: string, user: string, session?: string): Promise<MemorySummaryRecord[]>;
  addFact(fact: MemoryFactRecord): Promise<void>;
  updateFact(tenant: string, user: string, id: string, update: MemoryFactUpdate): Promise<void>;
  listFacts(
    tenant: string,
    user: string,
    options?: { status?: MemoryFactStatus; key?: string },
  ): Promise<MemoryFactRecord[]>;
  getProfile(tenant: string, user: string, thread: string): Promise<MemoryProfileRecord | undefined>;
  /**
   * Writes the profile as version `expectedVersion + 1` with the changes that made it; fails with
   * MEMORY_PROFILE_CONFLICT when another writer got there first.
   */
  saveProfile(
    profile: MemoryProfileRecord,
    change: { expectedVersion: number; changes: Record<string, unknown>; source: MemoryProfileSource },
  ): Promise<void>;
  listProfileVersions(tenant: string, user: string, thread: string): Promise<MemoryProfileVersionRecord[]>;
  putVectors(vectors: readonly MemoryVectorRecord[]): Promise<void>;
  listVectors(tenant: string, user: string): Promise<MemoryVectorRecord[]>;
  /** Deletes episodes, facts and summaries with these ids, and their vectors; returns the ids found. */
  deleteItems(tenant: string, user: string, ids: readonly string[]): Promise<string[]>;
  /** Deletes every episode and fact whose expiry is at or before `now`; returns what went. */
  deleteExpired(now: number): Promise<{ tenant: string; user: string; id: string }[]>;
  /** Deletes every row about the user in every memory table. */
  eraseUser(tenant: string, user: string): Promise<MemoryRowCounts>;
  countUserRows(tenant: string, user: string): Promise<MemoryRowCounts>;
}

/** What the memory domain adds to the Store. */
export interface MemoryRepositories {
  readonly memory: MemoryRepository;
}
