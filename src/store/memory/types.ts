// The memory domain's rows. Every row carries its tenant and user, and every repository method takes
// them, so no query can reach across users.

export type MemoryRole = 'user' | 'assistant' | 'tool' | 'system';

/** One conversation turn or tool result, with the id it had in the conversation. */
export interface MemoryEpisodeRecord {
  tenant: string;
  user: string;
  id: string;
  session: string;
  /** Who spoke: a person's name, 'assistant', or a tool's name. */
  speaker: string;
  role: MemoryRole;
  text: string;
  /** Milliseconds since the epoch: when the turn was said. */
  at: number;
  /** 0..1: how much this is worth keeping (first-person facts, numbers, dates score higher). */
  importance: number;
  expiresAt: number | null;
  metadata: Record<string, unknown>;
}

export interface MemorySummaryRecord {
  tenant: string;
  user: string;
  id: string;
  session: string;
  text: string;
  from: number;
  to: number;
  episodeIds: string[];
  createdAt: number;
}

export type MemoryFactStatus = 'active' | 'superseded';

/** A fact about the user, with the turns it came from and what replaced it. */
export interface MemoryFactRecord {
  tenant: string;
  user: string;
  id: string;
  /** What the fact is about ('location', 'employer', 'dog name'): a newer value for a key supersedes. */
  key: string;
  value: string;
  text: string;
  status: MemoryFactStatus;
  supersededBy: string | null;
  sourceIds: string[];
  importance: number;
  /** When the fact became true (the time of its source turn). */
  validFrom: number;
  createdAt: number;
  updatedAt: number;
  expiresAt: number | null;
}

/** The working-memory profile of a user ('' thread) or of one thread. */
export interface MemoryProfileRecord {
  tenant: string;
  user: string;
  thread: string;
  data: Record<string, unknown>;
  version: number;
  updatedAt: number;
}

export interface MemoryProfileSource {
  runId?: string;
  messageId?: string;
  tool?: string;
}

export interface MemoryProfileVersionRecord {
  tenant: string;
  user: string;
  thread: string;
  version: number;
  /** The fields this version changed (null: the field was removed). */
  changes: Record<string, unknown>;
  source: MemoryProfileSource;
  at: number;
}

export interface MemoryVectorRecord {
  tenant: string;
  user: string;
  /** The episode, fact or summary id the vector belongs to. */
  id: string;
  vector: Float32Array;
}

export interface MemoryEpisodeFilter {
  tenant: string;
  user: string;
  session?: string;
  from?: number;
  to?: number;
  /** Newest first ('desc') or oldest first ('asc', the default). */
  order?: 'asc' | 'desc';
  limit?: number;
}

export interface MemorySessionInfo {
  session: string;
  from: number;
  to: number;
  turns: number;
}

/** Rows per table for one user: what erasure must bring to zero. */
export type MemoryRowCounts = Record<
  'episodes' | 'summaries' | 'facts' | 'profiles' | 'profileVersions' | 'vectors',
  number
>;
