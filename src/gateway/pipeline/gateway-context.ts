// The state of one proxied request as it moves through the stages.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GantryError } from '../../errors/index.js';
import type { GatewayKeyLimits, GatewayKeyRecord } from '../../store/index.js';
import type { ResponseFilter } from '../hooks.js';
import { sendJson } from '../http/index.js';
import type { MediaEndpointName } from '../media/media-endpoints.js';
import type { Route } from '../routing/index.js';
import type { ClientAbort, Endpoint } from '../upstream/index.js';

/** The endpoint a request is for: an OpenAI family (chat, completions, embeddings) or a media path. */
export type GatewayEndpoint = Endpoint | MediaEndpointName;

export interface GatewayContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly endpoint: GatewayEndpoint;
  /** performance.now() when the request arrived. */
  readonly startedAt: number;
  /**
   * performance.now() when sendAnswer wrote a whole answer with the overhead header (the time that
   * header was computed from); 0 otherwise. The request's end for the observe stage (one clock read).
   */
  answeredAt: number;
  /** Aborted when the client goes away: cancels the upstream request. */
  readonly abort: ClientAbort;
  body: Record<string, unknown>;
  /** The body's JSON text as received, while `body` is unchanged (cleared when a hook may rewrite it). */
  bodyText: string | undefined;
  /** The alias the client named. */
  model: string;
  stream: boolean;
  key: GatewayKeyRecord | null;
  /** The key's tenant (undefined without a key): limits shared by all of its keys apply. */
  tenant: string | undefined;
  limits: GatewayKeyLimits;
  /** Limit state to give back once the request ends. */
  admitted: boolean;
  route: Route | undefined;
  filter: ResponseFilter | undefined;
  /** Filled in as the answer is produced. */
  status: number;
  upstream: string | null;
  upstreamModel: string | null;
  /** Milliseconds spent waiting on upstreams (headers, body or chunks). */
  upstreamMs: number;
  inputTokens: number;
  outputTokens: number;
  /** Of inputTokens, read from / written to the provider's prompt cache (priced apart). */
  cachedInputTokens: number;
  cacheWriteTokens: number;
  usageSource: 'upstream' | 'counted' | 'none';
  costUsd: number;
  cached: boolean;
  /** Extra headers for the answer (cache status...). */
  responseHeaders: Record<string, string> | undefined;
  /** The JSON answer sent, or the chunks of a completed stream (kept only when the cache wants them). */
  responseText: string | undefined;
  streamChunks: string[] | undefined;
  /** Set by the cache stage: keep the answer so that it can be stored. */
  keepAnswer: boolean;
  /** Whether answers carry x-gantry-overhead-ms. */
  readonly overheadHeader: boolean;
  error: unknown;
  /** Extra span attributes set by stages (the cost router's decision...). */
  spanAttributes?: Record<string, string | number | boolean>;
}

/**
 * A request's context before any stage ran: the one place that lists every field's starting value.
 * One object literal with every field named, no `...start`: on Node 20.20 (V8 11.3) each property
 * defined after a spread in a literal costs ~1.3 µs (a runtime call), so the spread form of this
 * literal cost ~85 µs per request, more than the whole bare proxy (docs/benchmarks.md).
 */
export function newGatewayContext(start: {
  req: IncomingMessage;
  res: ServerResponse;
  endpoint: GatewayEndpoint;
  abort: ClientAbort;
  limits: GatewayKeyLimits;
  overheadHeader: boolean;
}): GatewayContext {
  return {
    req: start.req,
    res: start.res,
    endpoint: start.endpoint,
    abort: start.abort,
    limits: start.limits,
    overheadHeader: start.overheadHeader,
    startedAt: performance.now(),
    answeredAt: 0,
    body: {},
    bodyText: undefined,
    model: '',
    stream: false,
    key: null,
    tenant: undefined,
    admitted: false,
    route: undefined,
    filter: undefined,
    status: 0,
    upstream: null,
    upstreamModel: null,
    upstreamMs: 0,
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    usageSource: 'none',
    costUsd: 0,
    cached: false,
    responseHeaders: undefined,
    responseText: undefined,
    streamChunks: undefined,
    keepAnswer: false,
    error: undefined,
  };
}

/** The upstream endpoint of a chat, completions or embeddings request (the stages that call routes). */
export function upstreamEndpoint(context: GatewayContext): Endpoint {
  const { endpoint } = context;
  if (endpoint === 'chat' || endpoint === 'completions' || endpoint === 'embeddings') return endpoint;
  throw new GantryError('INTERNAL', `A ${endpoint} request reached a chat-completions stage.`);
}

/** x-gantry-overhead-ms: time in the gateway so far, excluding the wait on upstreams. */
export function overheadHeaders(context: GatewayContext): Record<string, string> | undefined {
  if (!context.overheadHeader) return context.responseHeaders;
  const overhead = overheadMs(context);
  if (!context.responseHeaders) return { [overheadHeader]: overhead };
  // Copied, then set: `{ ...headers, name: value }` costs ~1.3 µs per property after the spread on
  // Node 20.20 (docs/benchmarks.md).
  const headers = Object.assign({}, context.responseHeaders);
  headers[overheadHeader] = overhead;
  return headers;
}

/**
 * sendJson with overheadHeaders(context): the same status, headers in the same order and body, with
 * the overhead header passed as a name and value (no headers object built per answer).
 */
export function sendAnswer(context: GatewayContext, status: number, payload: string): void {
  const extra = context.responseHeaders;
  if (!context.overheadHeader || (extra !== undefined && Object.hasOwn(extra, overheadHeader))) {
    sendJson(context.res, status, payload, overheadHeaders(context));
    return;
  }
  const now = performance.now();
  context.answeredAt = now;
  sendJson(
    context.res,
    status,
    payload,
    extra,
    overheadHeader,
    fixed3(now - context.startedAt - context.upstreamMs),
  );
}

const overheadHeader = 'x-gantry-overhead-ms';

function overheadMs(context: GatewayContext): string {
  return fixed3(performance.now() - context.startedAt - context.upstreamMs);
}

/**
 * `x.toFixed(3)` for the millisecond figures of the overhead header, at ~40 ns instead of ~100
 * (Node 20.20): the thousandths rounded from x × 1000, which is exact to ~1e-7 below 10^6; toFixed
 * itself answers outside that range and within 1e-6 of a half.
 */
export function fixed3(x: number): string {
  if (!(x >= 0 && x < 1e6)) return x.toFixed(3);
  const scaled = x * 1000;
  const floor = Math.floor(scaled);
  const fraction = scaled - floor;
  if (fraction > 0.499999 && fraction < 0.500001) return x.toFixed(3);
  const n = fraction > 0.5 ? floor + 1 : floor;
  const whole = Math.floor(n / 1000);
  const thousandths = n - whole * 1000;
  return `${whole}.${thousandths < 10 ? '00' : thousandths < 100 ? '0' : ''}${thousandths}`;
}

/** A stage gets the context and the rest of the pipeline; it calls `next(context)` to go on. */
export type Stage = (context: GatewayContext, next: Next) => Promise<void>;
export type Next = (context: GatewayContext) => Promise<void>;

const done: Next = () => Promise.resolve();

/**
 * Runs stages in order; each decides whether and when to call the next (Hono's compose). The chain
 * is built once: `next` takes the context, so no closure is allocated per request and stage.
 */
export function compose(stages: readonly Stage[]): Next {
  let run = done;
  for (let index = stages.length - 1; index >= 0; index--) {
    const stage = stages[index];
    const next = run;
    run = (context) => stage(context, next);
  }
  return run;
}
