// The body a native Responses upstream gets. previous_response_id is passed on only to the upstream
// that created that response (it holds the conversation); any other upstream gets the stored
// conversation replayed as input items before this request's input, without the id.
import type { ChatMessage } from '../apis/chat-types.js';
import { inputItems } from './input-items.js';

/** The field of a stored Response object naming the upstream that answered natively (not served). */
export const nativeUpstreamField = 'x_gantry_native_upstream';

/** The stored Response object as clients see it (the gateway's own field taken out). */
export function publicResponse(response: Record<string, unknown>): Record<string, unknown> {
  if (!(nativeUpstreamField in response)) return response;
  const { [nativeUpstreamField]: _upstream, ...rest } = response;
  return rest;
}

export interface PreviousResponse {
  /** The conversation up to and including the previous answer, as stored by the gateway. */
  history: readonly ChatMessage[];
  /** The upstream that answered it natively (holds it under the same id), if any. */
  nativeUpstream: string | undefined;
}

export function nativeBodyFor(
  body: Record<string, unknown>,
  previous: PreviousResponse | undefined,
  upstream: string,
): Record<string, unknown> {
  if (!previous || previous.nativeUpstream === upstream) return body;
  const { previous_response_id: _dropped, ...rest } = body;
  return { ...rest, input: [...replayItems(previous.history), ...inputList(body.input)] };
}

/** The stored conversation as Responses input items (no gateway item ids, which upstreams reject). */
export function replayItems(history: readonly ChatMessage[]): Record<string, unknown>[] {
  // inputItems leaves out the last message (it lists a response's input): add a stand-in.
  return inputItems([...history, { role: 'assistant', content: null }], 'asc').map(
    ({ id: _id, status: _status, ...item }) => item,
  );
}

function inputList(input: unknown): unknown[] {
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  return Array.isArray(input) ? input : [];
}
