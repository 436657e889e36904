// Saves a run's state as the loop goes, at a cost that grows with what changed, not with the run: a
// whole checkpoint first (and every `entriesPerSnapshot` writes, so that a resume reads a bounded
// number of entries), otherwise one appended entry with the new messages and keys and the counters.
import type { AgentRunStatus, AgentRunUpdate, Store } from '../store/index.js';
import type { RunState } from './run-state.js';

/** Entries appended after a whole checkpoint before the next whole one. */
export const entriesPerSnapshot = 50;

/** Arrays of the state that only grow while the run goes on: entries carry their new items. */
const appendedFields = ['messages', 'toolCallKeys', 'observationKeys'] as const;
/** Fields the loop changes in place: entries carry them whole (a few dozen bytes). */
const changingFields = ['step', 'usage', 'elapsedMs', 'invalidTurns', 'protocol', 'countedCallIds'] as const;

type AppendedField = (typeof appendedFields)[number];
type RunColumns = Omit<AgentRunUpdate, 'checkpoint'>;

export interface CheckpointWriter {
  /** Saves the state and the run's columns in one write. */
  save(state: RunState, columns: RunColumns): Promise<void>;
}

/**
 * `stored`: whether the state given to the first save is already the stored checkpoint (a resumed
 * run); a new run's first save writes it whole.
 */
export function createCheckpointWriter(
  store: Pick<Store, 'agentRuns'>,
  { runId, stored }: { runId: string; stored?: RunState },
): CheckpointWriter {
  let written = stored ? lengthsOf(stored) : undefined;
  let entries = 0;
  let status: AgentRunStatus | undefined = 'running';
  let traceId: string | null | undefined;

  return {
    async save(state, columns) {
      // Columns that did not change are left out: the same statement, and no index update for status.
      const changed: RunColumns = { ...columns };
      if (changed.status === status) delete changed.status;
      if (changed.traceId === traceId) delete changed.traceId;
      if (!written || entries >= entriesPerSnapshot || !grewFrom(state, written)) {
        await store.agentRuns.updateRun(runId, { ...changed, checkpoint: state });
        entries = 0;
      } else {
        const append: Partial<Record<AppendedField, unknown[]>> = {};
        for (const field of appendedFields) {
          const from = written.lengths[field];
          if (state[field].length > from) append[field] = state[field].slice(from);
        }
        const set: Record<string, unknown> = {};
        for (const field of changingFields) set[field] = state[field] ?? null;
        await store.agentRuns.appendCheckpoint(runId, { append, set }, changed);
        entries++;
      }
      written = lengthsOf(state);
      status = columns.status ?? status;
      traceId = columns.traceId ?? traceId;
    },
  };
}

interface Written {
  arrays: Record<AppendedField, unknown[]>;
  lengths: Record<AppendedField, number>;
}

function lengthsOf(state: RunState): Written {
  return {
    arrays: {
      messages: state.messages,
      toolCallKeys: state.toolCallKeys,
      observationKeys: state.observationKeys,
    },
    lengths: {
      messages: state.messages.length,
      toolCallKeys: state.toolCallKeys.length,
      observationKeys: state.observationKeys.length,
    },
  };
}

/** Whether the arrays are the ones last written, only longer: else the state is written whole. */
function grewFrom(state: RunState, written: Written): boolean {
  return appendedFields.every(
    (field) => state[field] === written.arrays[field] && state[field].length >= written.lengths[field],
  );
}
