// An upstream's server-sent events as a stream of data strings, shared by the OpenAI-compatible,
// Responses and Anthropic readers: each reader says what an event means (skip it, send it, send it
// and end, or end), and throws its own UpstreamFailure for an error event. A stream that breaks, or
// ends before the reader's last event, is an UpstreamFailure ('timeout' or 'cut').
import { type SseEvent, SseParser } from '../sse/index.js';
import type { ClientAbort } from './client-abort.js';
import { classifyError, UpstreamFailure } from './upstream-failure.js';

export type SseStep = 'skip' | 'send' | 'send-and-end' | 'end';

export async function* readUpstreamSse(
  body: AsyncIterable<Buffer>,
  signal: ClientAbort,
  name: string,
  {
    step,
    lastEvent,
  }: { step: (event: SseEvent) => SseStep /** For the error when it never came. */; lastEvent: string },
): AsyncGenerator<string> {
  const parser = new SseParser();
  try {
    for await (const bytes of body) {
      for (const event of parser.push(bytes)) {
        const next = step(event);
        if (next === 'end') return;
        if (next === 'skip') continue;
        yield event.data;
        if (next === 'send-and-end') return;
      }
    }
  } catch (error) {
    if (error instanceof UpstreamFailure) throw error;
    const failure = classifyError(error, signal);
    throw new UpstreamFailure(
      failure.kind === 'timeout' ? 'timeout' : 'cut',
      `${name}: stream broke: ${failure.message}`,
      { cause: error },
    );
  }
  throw new UpstreamFailure('cut', `${name}: stream ended without ${lastEvent}`);
}
