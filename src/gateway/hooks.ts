// Hook points for policies (guardrails) around the upstream call. Both are optional; with none
// registered the request path pays nothing for them.
//
// - `beforeUpstream` sees the parsed request after auth and limits, before cache and routing. It
//   may let it pass, rewrite its body (redact a prompt), or block it with a reason.
// - `response` is asked once per request for a filter that sees the answer as it is produced: each
//   text delta of a stream (or the whole text of a non-streamed answer) goes through `delta()`,
//   which returns the text to send now. Returning '' holds text back (the filter may release it
//   later, joined to a following delta or from `end()`); returning different text redacts; returning
//   `{ stop: reason }` ends the answer: a stream receives an error event, a JSON answer a 400.
import type { GatewayEndpoint } from './pipeline/gateway-context.js';

export interface HookRequestContext {
  /**
   * 'chat', 'completions', 'embeddings', or an image/audio path ('images.generations', 'audio.speech',
   * 'audio.transcriptions'...), whose body is the JSON body or the multipart form's text fields
   * (`prompt`, `input`, `language`...; the file itself is not shown).
   */
  endpoint: GatewayEndpoint;
  /** The alias the client asked for. */
  model: string;
  /** The API key's id, or null for anonymous traffic. */
  keyId: string | null;
  stream: boolean;
  /** The parsed OpenAI request body. Treat it as read-only; rewrite by returning a new one. */
  body: Record<string, unknown>;
}

export type BeforeUpstreamResult =
  | undefined
  | { action: 'allow' }
  | { action: 'rewrite'; body: Record<string, unknown> }
  | { action: 'block'; reason: string; details?: Record<string, unknown> };

export type DeltaResult = string | { stop: string };

export interface ResponseFilter {
  /** Called with each text delta in order; returns the text to send now (see above). */
  delta(text: string): DeltaResult;
  /** Called once the upstream answer ended; returns any held-back text to send before the end. */
  end(): DeltaResult;
}

export interface GatewayHooks {
  beforeUpstream?(context: HookRequestContext): BeforeUpstreamResult | Promise<BeforeUpstreamResult>;
  /** Returns a filter for this request's answer, or undefined to pass it through untouched. */
  response?(context: HookRequestContext): ResponseFilter | undefined;
}
