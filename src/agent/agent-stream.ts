// A run's events as an async iterable, with the final result as a promise beside it.
import type { AgentEvent } from './agent-events.js';
import type { AgentResult } from './agent-result.js';

export interface AgentStream extends AsyncIterable<AgentEvent> {
  /** Settles when the run ends, whether or not the events were read. */
  readonly result: Promise<AgentResult>;
}

export function toAgentStream(generator: AsyncGenerator<AgentEvent, AgentResult>): AgentStream {
  let resolve!: (result: AgentResult) => void;
  let reject!: (error: unknown) => void;
  const result = new Promise<AgentResult>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  result.catch(() => {}); // the iterator reports the error; avoid a second, unhandled report
  let started = false;
  async function* iterate(): AsyncGenerator<AgentEvent> {
    try {
      for (;;) {
        const next = await generator.next();
        if (next.done) {
          resolve(next.value);
          return;
        }
        yield next.value;
      }
    } catch (error) {
      reject(error);
      throw error;
    }
  }
  const iterator = iterate();
  return {
    [Symbol.asyncIterator]() {
      started = true;
      return iterator;
    },
    get result() {
      // Reading only the result drives the run to its end.
      if (!started) {
        started = true;
        void (async () => {
          try {
            for await (const _event of iterator);
          } catch {}
        })();
      }
      return result;
    },
  };
}

/** Runs to the end, discarding events. */
export async function drain(generator: AsyncGenerator<AgentEvent, AgentResult>): Promise<AgentResult> {
  for (;;) {
    const next = await generator.next();
    if (next.done) return next.value;
  }
}
