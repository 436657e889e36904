// Stage: the semantic cache, after the exact cache. A request whose last user turn means the same as
// a cached one (same caller, model, parameters and conversation before it) is answered from the
// cache once no false-hit guard objects; otherwise the answer is stored when it completed.
// `x-gantry-semantic-cache: off` (or `x-gantry-cache: off`) opts a request out. With a configured
// embedding model the prompt is embedded here (one call per lookup; a failed call skips the cache).
import { Counter } from 'prom-client';
import type { CachingConfig } from '../../config/index.js';
import type { Embedder } from '../../search/index.js';
import { isCacheable } from '../cache/index.js';
import { type SemanticCache, semanticKey } from '../cache/semantic/index.js';
import type { GatewayMetrics } from '../metrics/index.js';
import type { GatewayContext, Next, Stage } from './gateway-context.js';
import { answerToStore, type CachedAnswer, replayAnswer } from './serve-from-cache.js';

export interface SemanticCacheStageOptions {
  cache: SemanticCache;
  settings: CachingConfig['semantic'];
  metrics: GatewayMetrics | undefined;
  /** The configured embedding model (caching.semantic.embedder); absent: the cache's hashed embedder. */
  embedder?: Embedder;
}

type RouteSettings = CachingConfig['semantic']['routes'][string] | undefined;

export function serveFromSemanticCache({
  cache,
  settings,
  metrics,
  embedder,
}: SemanticCacheStageOptions): Stage {
  const counter = metrics
    ? new Counter({
        name: 'gantry_gateway_semantic_cache_total',
        help: 'Semantic-cache lookups, by result: hit, miss, refused by a false-hit guard (refused-<guard>) or by the hit verifier (refused-verifier), embed-failed.',
        labelNames: ['model', 'result'],
        registers: [metrics.registry],
      })
    : undefined;
  return (context, next) => {
    if (context.endpoint === 'embeddings' || !context.route) return next(context);
    const route = settings.routes[context.model];
    if (!(route?.enabled ?? settings.enabled)) return next(context);
    const optOut = context.req.headers['x-gantry-semantic-cache'];
    if (optOut === 'off' || optOut === 'no-store') return next(context);
    const header = context.req.headers['x-gantry-cache'];
    if (
      !isCacheable(
        context.endpoint,
        context.body,
        typeof header === 'string' ? header : undefined,
        settings.mode,
      )
    )
      return next(context);
    const caller = settings.scope === 'global' ? 'global' : (context.key?.id ?? 'anonymous');
    const key = semanticKey(context.endpoint, context.body, caller, context.model);
    if (!key) return next(context);
    return lookup(context, next, key.scope, key.text, route);
  };

  async function lookup(
    context: GatewayContext,
    next: Next,
    scope: string,
    text: string,
    route: RouteSettings,
  ): Promise<void> {
    let vector: Float32Array | undefined;
    if (embedder) {
      vector = await embedOne(embedder, text, settings.dimension);
      if (!vector) {
        counter?.inc({ model: context.model, result: 'embed-failed' });
        return next(context);
      }
    }
    const result = cache.lookup(scope, text, {
      threshold: route?.threshold,
      guards: route?.guards,
      verifier: route?.verifier,
      verifierThreshold: route?.verifierThreshold,
      vector,
    });
    if (result.kind === 'hit') {
      counter?.inc({ model: context.model, result: 'hit' });
      replayAnswer(context, JSON.parse(result.answer) as CachedAnswer, {
        'x-gantry-cache': 'semantic-hit',
        'x-gantry-cache-similarity': result.similarity.toFixed(3),
        ...(result.score === undefined ? {} : { 'x-gantry-cache-verifier': result.score.toFixed(3) }),
      });
      return;
    }
    const refused = result.guard ? `refused-${result.guard}` : result.refusedBy ? 'refused-verifier' : 'miss';
    counter?.inc({ model: context.model, result: refused });
    if (!context.responseHeaders?.['x-gantry-cache'])
      context.responseHeaders = { ...context.responseHeaders, 'x-gantry-cache': 'miss' };
    context.keepAnswer = true;
    await next(context);
    const value = answerToStore(context);
    if (value !== undefined && value.length <= settings.maxEntryBytes)
      cache.store(scope, text, value, vector);
  }
}

/** The prompt's unit vector from the embedding model; undefined when the call fails or the size is wrong. */
async function embedOne(
  embedder: Embedder,
  text: string,
  dimension: number,
): Promise<Float32Array | undefined> {
  let vector: Float32Array | undefined;
  try {
    [vector] = await embedder.embed([text]);
  } catch {
    return undefined;
  }
  if (!vector || vector.length !== dimension) return undefined;
  let norm = 0;
  for (const value of vector) norm += value * value;
  if (!(norm > 0)) return undefined;
  const unit = new Float32Array(vector.length);
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < vector.length; i++) unit[i] = vector[i] * scale;
  return unit;
}
