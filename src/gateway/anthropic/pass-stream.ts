// A native Messages API stream passed through: each event's JSON data as Anthropic sent it (its
// `type` names the event), up to message_stop. An error event or a cut stream is an UpstreamFailure.
import { SseParser } from '../sse/index.js';
import { type ClientAbort, classifyError, UpstreamFailure } from '../upstream/index.js';

export async function* passStream(
  body: AsyncIterable<Buffer>,
  signal: ClientAbort,
  name: string,
): AsyncGenerator<string> {
  const parser = new SseParser();
  try {
    for await (const bytes of body) {
      for (const event of parser.push(bytes)) {
        if (event.event === 'ping') continue;
        if (event.event === 'error')
          throw new UpstreamFailure('cut', `${name} sent an error event: ${event.data}`);
        yield event.data;
        if (event.event === 'message_stop') return;
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
  throw new UpstreamFailure('cut', `${name}: stream ended without message_stop`);
}
