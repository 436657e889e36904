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
  api: 'messages' | 'responses';
  body: Record<string, unknown>;
  /** The body for one upstream (by name), when it depends on which one answers (previous_response_id). */
  bodyFor?: (upstream: string) => Record<string, unknown>;
  /** Why the request cannot be translated (a built-in tool...): upstreams that don't speak it refuse it. */
  untranslatable?: string;
}

/** The APIs an OpenAI-compatible upstream may speak besides chat, completions and embeddings. */
export type NativeApi = 'responses' | 'images' | 'audio';

/** True when the upstream takes `native` as written (Anthropic for messages, `apis` for the rest). */
export function speaksNative(upstream: Upstream, native: NativeRequest): boolean {
  if (upstream.type === native.upstreamType) return true;
  return native.api !== 'messages' && upstream.apis?.has(native.api) === true;
}

/** A media request (images, audio) passed through as the client sent it, with only the model swapped. */
export interface MediaRequest {
  /** The path after the base URL's version segment, e.g. '/images/generations'. */
  path: string;
  contentType: string;
  body: Buffer;
  signal: ClientAbort;
  timeoutMs: number;
}

export interface MediaResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: AsyncIterable<Buffer>;
}

export type UpstreamResponse =
  | { kind: 'json'; status: number; text: string }
  /** `chunks` yields each chunk's JSON text; it throws UpstreamFailure if the stream breaks. */
  | { kind: 'stream'; chunks: AsyncIterable<string> };

export interface Upstream {
  readonly name: string;
  readonly type: string;
  /** Native APIs this upstream speaks (OpenAI-compatible upstreams configured with `apis`). */
  readonly apis?: ReadonlySet<NativeApi>;
  send(request: UpstreamRequest): Promise<UpstreamResponse>;
  /** Sends a media request as is (upstreams whose `apis` include images or audio). */
  sendMedia?(request: MediaRequest): Promise<MediaResponse>;
  /** Active health probe; resolves true when the backend answers. */
  probe?(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}
