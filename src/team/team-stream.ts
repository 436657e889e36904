// A team run's events as an async iterable, with the final result as a promise beside it.
import type { TeamEvent } from './team-events.js';
import type { TeamResult } from './team-result.js';

export interface TeamStream extends AsyncIterable<TeamEvent> {
  readonly result: Promise<TeamResult>;
}

export function toTeamStream(start: (emit: (event: TeamEvent) => void) => Promise<TeamResult>): TeamStream {
  const queue: TeamEvent[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  let failure: { error: unknown } | undefined;
  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const result = start((event) => {
    queue.push(event);
    notify();
  }).then(
    (value) => {
      finished = true;
      notify();
      return value;
    },
    (error) => {
      finished = true;
      failure = { error };
      notify();
      throw error;
    },
  );
  result.catch(() => {}); // the iterator reports the error too; avoid an unhandled rejection
  return {
    result,
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (queue.length > 0) {
          yield queue.shift()!;
          continue;
        }
        if (finished) {
          if (failure) throw failure.error;
          return;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
  };
}
