// The agent domain's repositories. Runs carry their checkpoint (a whole state, then the entries
// appended to it step by step), so that a run can be resumed;
// completed tool calls are recorded as each one finishes, so that a resumed run never repeats one;
// approvals of tool calls are bound to one run, one call id and the hash of its arguments.
import type {
  AgentApprovalRecord,
  AgentApprovalStatus,
  AgentCheckpointEntry,
  AgentRunRecord,
  AgentRunStatus,
  AgentRunUpdate,
  AgentToolCallRecord,
} from './types.js';

export interface AgentRunRepository {
  createRun(
    run: Pick<AgentRunRecord, 'id' | 'agentName' | 'task' | 'model'> & {
      parentRunId?: string | null;
      traceId?: string | null;
    },
  ): Promise<void>;
  updateRun(id: string, update: AgentRunUpdate): Promise<void>;
  /**
   * Adds an entry to the run's checkpoint (what changed since the last write, not the whole state)
   * and applies `update` to the run, in one transaction; its cost grows with the entry, not the run.
   * The progress given (stepCount, tokens, cost) is kept with the entry, and getRun shows it until
   * the run's progress is written again; fields not given show the run's own.
   */
  appendCheckpoint(
    id: string,
    entry: AgentCheckpointEntry,
    update?: Omit<AgentRunUpdate, 'checkpoint'>,
  ): Promise<void>;
  getRun(id: string): Promise<AgentRunRecord | undefined>;
  /**
   * The run's checkpoint: the last whole one with every entry appended since applied in order. The
   * type argument names the checkpoint's type, as the writer stored it (not checked).
   */
  getCheckpoint<Checkpoint = unknown>(id: string): Promise<Checkpoint | undefined>;
  listRuns(options?: { limit?: number; status?: AgentRunStatus }): Promise<AgentRunRecord[]>;
}

export interface AgentToolCallRepository {
  /** Records a finished call; recording the same (run, call) twice keeps the first. */
  recordToolCall(record: AgentToolCallRecord): Promise<void>;
  listToolCalls(runId: string): Promise<AgentToolCallRecord[]>;
}

export interface AgentApprovalRepository {
  /** Creates a pending approval, or returns the existing one for the same (run, call). */
  requestApproval(
    approval: Pick<AgentApprovalRecord, 'id' | 'runId' | 'callId' | 'toolName' | 'input' | 'inputHash'>,
  ): Promise<AgentApprovalRecord>;
  getApproval(id: string): Promise<AgentApprovalRecord | undefined>;
  findApproval(runId: string, callId: string): Promise<AgentApprovalRecord | undefined>;
  /**
   * Decides a pending approval. Deciding it again the same way changes nothing (returns it);
   * the caller checks for a conflicting earlier decision.
   */
  decideApproval(
    id: string,
    decision: { status: 'approved' | 'rejected'; reason?: string; decidedBy?: string },
  ): Promise<AgentApprovalRecord | undefined>;
  /** With `runId`: that run's approvals and those of its sub-runs (by parentRunId), at any depth. */
  listApprovals(options?: {
    status?: AgentApprovalStatus;
    runId?: string;
    limit?: number;
  }): Promise<AgentApprovalRecord[]>;
}

/** What the agent domain adds to the Store. */
/** The tenant owning each run (security); a run without one belongs to the default tenant. */
export interface AgentTenantRepository {
  setRunTenant(runId: string, tenant: string): Promise<void>;
  /** The owning tenant; 'default' for a run without a recorded owner (runs made by the CLI). */
  runTenant(runId: string): Promise<string>;
  /** Ids of a tenant's runs, newest first. */
  listRunIds(options: { tenant: string; status?: string; limit: number }): Promise<string[]>;
  /** Ids of the approvals of a tenant's runs, newest first. */
  listApprovalIds(options: {
    tenant: string;
    status?: string;
    runId?: string;
    limit: number;
  }): Promise<string[]>;
}

export interface AgentRepositories {
  readonly agentRuns: AgentRunRepository;
  readonly agentToolCalls: AgentToolCallRepository;
  readonly agentApprovals: AgentApprovalRepository;
  readonly agentTenants: AgentTenantRepository;
}
