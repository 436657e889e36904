// A native Responses API stream read from an upstream: each event's JSON data as the upstream sent
// it, up to the event that ends the response (response.completed, .incomplete or .failed). An `error`
// event or a stream cut before the end is an UpstreamFailure.
import type { ClientAbort } from './client-abort.js';
import { readUpstreamSse } from './read-upstream-sse.js';
import { UpstreamFailure } from './upstream-failure.js';

const endings = new Set(['response.completed', 'response.incomplete', 'response.failed']);

export function readResponsesEvents(
  body: AsyncIterable<Buffer>,
  signal: ClientAbort,
  name: string,
): AsyncGenerator<string> {
  return readUpstreamSse(body, signal, name, {
    lastEvent: 'response.completed',
    step(event) {
      if (event.data === '[DONE]') return 'end';
      const type = event.event ?? typeOf(event.data);
      if (type === 'error')
        throw new UpstreamFailure('cut', `${name} sent an error event: ${event.data.slice(0, 200)}`);
      return type !== undefined && endings.has(type) ? 'send-and-end' : 'send';
    },
  });
}

function typeOf(data: string): string | undefined {
  const match = /"type"\s*:\s*"([^"]+)"/.exec(data);
  return match?.[1];
}
