// A run's checkpoint as stored: the last whole state (agent_runs.checkpoint) and the entries appended
// since (agent_checkpoint_entries). Both backends read the same rows and rebuild the state here.
import type { AgentCheckpointEntry } from './types.js';

/** One row of the checkpoint query: position 0 is the whole state, then the entries in order. */
export interface CheckpointPartRow {
  position: number;
  body: string | null;
}

/** The rebuilt checkpoint, or undefined when the run has neither a whole state nor entries. */
export function rowsToCheckpoint(rows: readonly CheckpointPartRow[]): unknown {
  let state: Record<string, unknown> | undefined;
  for (const row of rows) {
    if (row.body === null) continue;
    const parsed = JSON.parse(row.body) as unknown;
    if (row.position === 0) {
      // A whole checkpoint that is not an object (written by an older caller) has no entries to apply.
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return parsed;
      state = parsed as Record<string, unknown>;
    } else {
      state = applyCheckpointEntry(state ?? {}, parsed as AgentCheckpointEntry);
    }
  }
  return state;
}

export function applyCheckpointEntry(
  state: Record<string, unknown>,
  entry: AgentCheckpointEntry,
): Record<string, unknown> {
  if (entry.append) {
    for (const [key, items] of Object.entries(entry.append)) {
      const current = state[key];
      if (!Array.isArray(current)) state[key] = [...items];
      else for (const item of items) current.push(item);
    }
  }
  if (entry.set) {
    for (const [key, value] of Object.entries(entry.set)) {
      if (value === null) delete state[key];
      else state[key] = value;
    }
  }
  return state;
}
