// A native Responses API stream read from an upstream: each event's JSON data as the upstream sent
// it, up to the event that ends the response (response.completed, .incomplete or .failed). An `error`
// event or a stream cut before the end is an UpstreamFailure.
import { SseParser } from '../sse/index.js';
import type { ClientAbort } from './client-abort.js';
import { classifyError, UpstreamFailure } from './upstream-failure.js';

const endings = new Set(['response.completed', 'response.incomplete', 'response.failed']);

export async function* readResponsesEvents(
  body: AsyncIterable<Buffer>,
  signal: ClientAbort,
  name: string,
): AsyncGenerator<string> {
  const parser = new SseParser();
  try {
    for await (const bytes of body) {
      for (const event of parser.push(bytes)) {
        if (event.data === '[DONE]') return;
        const type = event.event ?? typeOf(event.data);
        if (type === 'error')
          throw new UpstreamFailure('cut', `${name} sent an error event: ${event.data.slice(0, 200)}`);
        yield event.data;
        if (type !== undefined && endings.has(type)) return;
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
  throw new UpstreamFailure('cut', `${name}: stream ended without response.completed`);
}

function typeOf(data: string): string | undefined {
  const match = /"type"\s*:\s*"([^"]+)"/.exec(data);
  return match?.[1];
}
