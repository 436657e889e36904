// Stage: the semantic cache, after the exact cache. A request whose last user turn means the same as
// a cached one (same caller, model, parameters and conversation before it) is answered from the
// cache once no false-hit guard objects; otherwise the answer is stored when it completed.
// `x-gantry-semantic-cache: off` (or `x-gantry-cache: off`) opts a request out.
import { Counter } from 'prom-client';
import type { CachingConfig, SemanticCacheGuardName } from '../../config/index.js';
import { isCacheable } from '../cache/index.js';
import { type SemanticCache, semanticKey } from '../cache/semantic/index.js';
import type { GatewayMetrics } from '../metrics/index.js';
import type { GatewayContext, Next, Stage } from './gateway-context.js';
import { answerToStore, type CachedAnswer, replayAnswer } from './serve-from-cache.js';

export interface SemanticCacheStageOptions {
  cache: SemanticCache;
  settings: CachingConfig['semantic'];
  metrics: GatewayMetrics | undefined;
}

export function serveFromSemanticCache({ cache, settings, metrics }: SemanticCacheStageOptions): Stage {
  const counter = metrics
    ? new Counter({
        name: 'gantry_gateway_semantic_cache_total',
        help: 'Semantic-cache lookups, by result: hit, miss, or refused by a false-hit guard (refused-<guard>).',
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
    return lookup(context, next, key.scope, key.text, route?.threshold, route?.guards);
  };

  async function lookup(
    context: GatewayContext,
    next: Next,
    scope: string,
    text: string,
    threshold: number | undefined,
    guards: SemanticCacheGuardName[] | undefined,
  ): Promise<void> {
    const result = cache.lookup(scope, text, { threshold, guards });
    if (result.kind === 'hit') {
      counter?.inc({ model: context.model, result: 'hit' });
      replayAnswer(context, JSON.parse(result.answer) as CachedAnswer, {
        'x-gantry-cache': 'semantic-hit',
        'x-gantry-cache-similarity': result.similarity.toFixed(3),
      });
      return;
    }
    counter?.inc({ model: context.model, result: result.guard ? `refused-${result.guard}` : 'miss' });
    if (!context.responseHeaders?.['x-gantry-cache'])
      context.responseHeaders = { ...context.responseHeaders, 'x-gantry-cache': 'miss' };
    context.keepAnswer = true;
    await next(context);
    const value = answerToStore(context);
    if (value !== undefined && value.length <= settings.maxEntryBytes) cache.store(scope, text, value);
  }
}
