// The guard domain's repository: guard events (one per scanned request, response or tool result) and
// the drift reports computed over windows of them.
import type { DriftWindowRecord, GuardEventRecord } from './types.js';

export interface GuardEventRepository {
  saveEvents(events: readonly GuardEventRecord[]): Promise<void>;
  /** Events with start <= at < end, oldest first. */
  listEvents(options: {
    start: number;
    end: number;
    direction?: GuardEventRecord['direction'];
    limit?: number;
  }): Promise<GuardEventRecord[]>;
  saveDriftWindow<Report extends object>(window: DriftWindowRecord<Report>): Promise<number>;
  /** The type argument names the report's type, as the writer stored it (not checked). */
  listDriftWindows<Report = Record<string, unknown>>(options?: {
    limit?: number;
  }): Promise<DriftWindowRecord<Report>[]>;
}

/** What the guard domain adds to the Store. */
export interface GuardRepositories {
  readonly guardEvents: GuardEventRepository;
}
