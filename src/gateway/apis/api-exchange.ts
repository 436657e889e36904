// What an inbound API (Responses, Anthropic Messages) provides to the shared translated pipeline:
// the chat-completions request to route, and how to turn the chat answer back into its own format.
import type { GantryError } from '../../errors/index.js';
import type { GatewayMetrics } from '../metrics/index.js';
import type { GatewayContext } from '../pipeline/gateway-context.js';
import type { RouteCall } from '../routing/index.js';
import type { NativeRequest } from '../upstream/index.js';
import type { AnswerUsage, ChatChunk, ChatCompletion } from './chat-types.js';
import type { SseEvent } from './sse-event.js';

/** Turns a chat-completions stream into the API's events. */
export interface StreamTranslator {
  /** Events for one chunk (the first call also opens the answer). */
  chunk(chunk: ChatChunk): SseEvent[];
  /** Events that close the answer once the upstream stream ended. */
  end(usage: AnswerUsage): SseEvent[];
  /** The event that tells the client the answer broke off. */
  error(error: GantryError): SseEvent[];
  /** Called once after the stream ended normally (e.g. to store the answer). */
  finished?(): Promise<void>;
}

export interface ApiExchange {
  /** The chat-completions body routed to the upstream (model = the client's alias). */
  chatBody: Record<string, unknown>;
  /** Set when some upstreams speak the inbound API natively: they get this instead. */
  native?: NativeRequest;
  /** Why the request cannot be translated: refused up front when no target of the route speaks it natively. */
  untranslatable?: GantryError;
  /** Passes a native upstream's answer to the client (default: the Anthropic Messages pass-through). */
  passNative?(call: RouteCall, metrics: GatewayMetrics | undefined): Promise<void>;
  /** The whole answer in the API's format (and any side effect, such as storing it). */
  answer(completion: ChatCompletion, usage: AnswerUsage): Promise<string>;
  stream(): StreamTranslator;
  /** A backend's rejection (4xx) in the API's error shape. */
  rejection(status: number, message: string): string;
}

/** An inbound API: turns the client's parsed body into an exchange. */
export type InboundApi = (body: Record<string, unknown>, context: GatewayContext) => Promise<ApiExchange>;
