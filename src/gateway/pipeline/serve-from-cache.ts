// Stage: the exact-match response cache. A hit is answered without an upstream call (a streamed
// request is replayed as a stream); a miss is stored once it completed successfully. Errors and
// broken streams are never stored.

import { cacheKey, isCacheable } from '../cache/index.js';
import { sendJson } from '../http/index.js';
import type { GatewayMetrics } from '../metrics/index.js';
import type { GatewayState } from '../state/index.js';
import type { GatewayContext, Next, Stage } from './gateway-context.js';
import { streamHeaders } from './pipe-stream.js';

export interface CacheStageOptions {
  state: GatewayState;
  mode: 'deterministic' | 'opt-in';
  ttlMs: number;
  maxEntryBytes: number;
  metrics: GatewayMetrics | undefined;
}

export interface CachedAnswer {
  /** JSON body, or the chunks of a stream. */
  text?: string;
  chunks?: string[];
  inputTokens: number;
  outputTokens: number;
}

export function serveFromCache({ state, mode, ttlMs, maxEntryBytes, metrics }: CacheStageOptions): Stage {
  // A request that cannot be cached goes straight on, without an async function of its own.
  return (context, next) => {
    const header = context.req.headers['x-gantry-cache'];
    if (!isCacheable(context.endpoint, context.body, typeof header === 'string' ? header : undefined, mode))
      return next(context);
    return cached(context, next);
  };

  async function cached(context: GatewayContext, next: Next): Promise<void> {
    const key = cacheKey(context.endpoint, context.body);
    const hit = await state.cacheGet(key);
    metrics?.cache(context.model, hit !== undefined);
    if (hit !== undefined) {
      replayAnswer(context, JSON.parse(hit) as CachedAnswer, { 'x-gantry-cache': 'hit' });
      return;
    }
    context.responseHeaders = { ...context.responseHeaders, 'x-gantry-cache': 'miss' };
    context.keepAnswer = true;
    await next(context);
    const value = answerToStore(context);
    if (value !== undefined && value.length <= maxEntryBytes) await state.cacheSet(key, value, ttlMs);
  }
}

/** Answers from a cached answer: a stream is replayed as a stream, JSON in one write. */
export function replayAnswer(
  context: GatewayContext,
  answer: CachedAnswer,
  headers: Record<string, string>,
): void {
  context.cached = true;
  context.status = 200;
  context.inputTokens = answer.inputTokens;
  context.outputTokens = answer.outputTokens;
  context.usageSource = 'upstream';
  if (answer.chunks) {
    const { res } = context;
    res.writeHead(200, Object.assign({}, streamHeaders, headers));
    for (const chunk of answer.chunks) res.write(`data: ${chunk}\n\n`);
    res.end('data: [DONE]\n\n');
  } else {
    sendJson(context.res, 200, answer.text ?? '{}', headers);
  }
}

/** The completed answer as a cache value; undefined when it failed or was not kept. */
export function answerToStore(context: GatewayContext): string | undefined {
  if (context.status !== 200 || context.error) return undefined;
  const answer: CachedAnswer = {
    inputTokens: context.inputTokens,
    outputTokens: context.outputTokens,
    ...(context.stream ? { chunks: context.streamChunks } : { text: context.responseText }),
  };
  if (answer.text === undefined && answer.chunks === undefined) return undefined;
  return JSON.stringify(answer);
}
