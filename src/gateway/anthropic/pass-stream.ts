// A native Messages API stream passed through: each event's JSON data as Anthropic sent it (its
// `type` names the event), up to message_stop. An error event or a cut stream is an UpstreamFailure.
import { type ClientAbort, readUpstreamSse, UpstreamFailure } from '../upstream/index.js';

export function passStream(
  body: AsyncIterable<Buffer>,
  signal: ClientAbort,
  name: string,
): AsyncGenerator<string> {
  return readUpstreamSse(body, signal, name, {
    lastEvent: 'message_stop',
    step(event) {
      if (event.event === 'ping') return 'skip';
      if (event.event === 'error')
        throw new UpstreamFailure('cut', `${name} sent an error event: ${event.data}`);
      return event.event === 'message_stop' ? 'send-and-end' : 'send';
    },
  });
}
