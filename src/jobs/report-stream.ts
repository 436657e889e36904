// Drives an agent or team stream to its end, reporting progress on the job as steps finish.
import type { AgentEvent } from '../agent/index.js';
import type { TeamEvent } from '../team/index.js';
import type { JobContext, JobProgress } from './job-handler.js';

interface EventStream<E, R> extends AsyncIterable<E> {
  readonly result: Promise<R>;
}

const stepEvents = new Set(['step-end', 'turn-end', 'agent-end']);

export async function reportStream<E extends AgentEvent | TeamEvent, R>(
  stream: EventStream<E, R>,
  context: Pick<JobContext, 'progress'>,
): Promise<R> {
  const progress: JobProgress = { events: 0, steps: 0 };
  for await (const event of stream) {
    progress.events++;
    progress.last = event.type;
    // One Redis write per finished step, not per event (text deltas would flood it).
    if (stepEvents.has(event.type)) {
      progress.steps++;
      await context.progress({ ...progress });
    }
  }
  return stream.result;
}
