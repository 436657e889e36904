// Relaying an upstream stream to the client, shared by the OpenAI routes and the translated and
// native APIs: the chunks read while choosing the target first, then the rest, with the time spent
// waiting on the upstream counted apart from the gateway's own.
import { GantryError } from '../../errors/index.js';
import type { GatewayContext } from './gateway-context.js';

export interface UpstreamStream {
  /** Chunks already read (while the route checked the answer had started). */
  head: readonly string[];
  rest: AsyncIterator<string>;
}

/**
 * Sends every chunk through `send`; false when `send` stopped the stream (the upstream is closed),
 * true when the upstream ended. An upstream failure is thrown (see streamInterrupted).
 * `onUpstreamChunk` gets the time each chunk after the head arrived (inter-token metrics).
 */
export async function relayStream(
  context: GatewayContext,
  { head, rest }: UpstreamStream,
  send: (data: string) => Promise<boolean>,
  onUpstreamChunk?: (now: number) => void,
): Promise<boolean> {
  for (const data of head) if (!(await send(data))) return false;
  for (;;) {
    const waitStarted = performance.now();
    const next = await rest.next();
    const now = performance.now();
    context.upstreamMs += now - waitStarted;
    if (next.done) return true;
    onUpstreamChunk?.(now);
    if (!(await send(next.value))) {
      await rest.return?.();
      return false;
    }
  }
}

/** The error a client gets when the upstream's stream breaks after the answer had started. */
export function streamInterrupted(error: unknown): GantryError {
  return new GantryError(
    'GATEWAY_STREAM_INTERRUPTED',
    `The upstream stream broke after the answer had started: ${(error as Error).message}`,
    { hint: 'Retry the request; the answer so far is incomplete.', cause: error },
  );
}
