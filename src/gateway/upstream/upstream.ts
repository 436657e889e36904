import type { ClientAbort } from './client-abort.js';

// What the router calls: one backend that takes an OpenAI-shaped request and answers with a whole
// JSON body or a stream of OpenAI chat/completion chunks (as JSON text).

export type Endpoint = 'chat' | 'completions' | 'embeddings';

export interface UpstreamRequest {
  endpoint: Endpoint;
  /** OpenAI-shaped body, `model` already set to the target's model. */
  body: Record<string, unknown>;
  /** `body` already serialised (the client's text with the model swapped); send it as is when set. */
  bodyText?: string;
  stream: boolean;
  signal: ClientAbort;
  timeoutMs: number;
  /** The client's request in an API some upstreams speak natively (sent instead of `body` by those). */
  native?: NativeRequest;
}

/** A request in an inbound API's own format, for upstreams of `upstreamType` (model swapped by them). */
export interface NativeRequest {
  upstreamType: string;
  api: 'messages';
  body: Record<string, unknown>;
}

export type UpstreamResponse =
  | { kind: 'json'; status: number; text: string }
  /** `chunks` yields each chunk's JSON text; it throws UpstreamFailure if the stream breaks. */
  | { kind: 'stream'; chunks: AsyncIterable<string> };

export interface Upstream {
  readonly name: string;
  readonly type: string;
  send(request: UpstreamRequest): Promise<UpstreamResponse>;
  /** Active health probe; resolves true when the backend answers. */
  probe?(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}
