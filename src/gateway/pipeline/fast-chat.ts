// PROTOTYPE (gwfast step 1, not for merge): the common chat request in one async function, no stages.
import { GantryError } from '../../errors/index.js';
import type { GatewayKeyLimits } from '../../store/index.js';
import { checkJsonMediaType, parseJsonRequest, readBody } from '../http/index.js';
import type { AuthenticatedKey, KeyService } from '../keys/index.js';
import { readCredential } from '../keys/index.js';
import type { GatewayMetrics } from '../metrics/index.js';
import { callRoute, type Route, type RouteTarget } from '../routing/index.js';
import type { GatewayState } from '../state/index.js';
import type { UpstreamFailure } from '../upstream/index.js';
import { answerJson } from './forward.js';
import type { GatewayContext } from './gateway-context.js';
import { invalid } from './parse-request.js';

export function fastChat(o: {
  keys: KeyService;
  defaultLimits: GatewayKeyLimits;
  bodyLimitBytes: number;
  maximumDepth: number;
  routes: ReadonlyMap<string, Route>;
  state: GatewayState;
  seedSpend: (keyId: string) => Promise<void> | undefined;
  metrics: GatewayMetrics | undefined;
  observer: { failed: (c: GatewayContext, e: unknown) => void; ended: (c: GatewayContext) => void };
}): (context: GatewayContext) => Promise<void> {
  const { keys, defaultLimits, routes, state, seedSpend, metrics, observer } = o;
  const options = { bodyLimitBytes: o.bodyLimitBytes, maximumDepth: o.maximumDepth, invalid };
  const merged = new WeakMap<AuthenticatedKey, GatewayKeyLimits>();
  const onFailure = metrics
    ? (target: RouteTarget, failure: UpstreamFailure) =>
        metrics.upstreamError(
          target.upstream.name,
          failure.kind === 'status' ? String(failure.status) : failure.kind,
        )
    : undefined;
  async function forwardFast(context: GatewayContext, route: Route): Promise<void> {
    const waitStarted = performance.now();
    const call = await callRoute(route, {
      endpoint: 'chat',
      body: context.body,
      bodyText: context.bodyText,
      stream: false,
      signal: context.abort,
      onFailure,
      startedAt: waitStarted,
    });
    context.upstreamMs += (call.settledAt || performance.now()) - waitStarted;
    context.upstream = call.target.upstream.name;
    context.upstreamModel = call.target.model;
    if (call.response.kind !== 'json') throw new Error('prototype');
    answerJson(context, call.response.text, metrics);
  }
  return async (context) => {
    metrics?.requestStarted();
    try {
      const secret = readCredential(context.req.headers);
      if (!secret) throw new GantryError('GATEWAY_AUTH_REQUIRED', 'no key');
      let key = keys.cached(secret, context.startedAt);
      if (key === null) key = await keys.authenticate(secret);
      if (!key) throw new GantryError('GATEWAY_AUTH_REQUIRED', 'unknown');
      if (!key.scopes.includes('gateway')) throw new GantryError('AUTH_SCOPE_FORBIDDEN', 'scope');
      context.key = key;
      context.tenant = key.tenant;
      let limits = merged.get(key);
      if (!limits) {
        limits = { ...defaultLimits, ...key.limits };
        merged.set(key, limits);
      }
      context.limits = limits;
      checkJsonMediaType(context.req);
      const { fields, text } = parseJsonRequest(await readBody(context.req, options.bodyLimitBytes), options);
      if (!Array.isArray(fields.messages) || fields.messages.length === 0)
        throw invalid("'messages' must be a non-empty array.", 'messages');
      context.body = fields;
      context.bodyText = text;
      context.model = fields.model;
      if (fields.stream === true || text.includes('image_url')) throw new Error('prototype: not fast');
      const route = routes.get(fields.model);
      if (!route) throw new GantryError('GATEWAY_MODEL_NOT_FOUND', 'no route');
      context.route = route;
      const keyId = key.id;
      if (!hasLimits(limits)) {
        await forwardFast(context, route);
        observer.ended(context);
        return;
      }
      const seeding = seedSpend(keyId);
      if (seeding) await seeding;
      const admission = state.admitNow?.(keyId, limits, Date.now());
      if (!admission) throw new Error('prototype: memory state only');
      if (!admission.ok) throw new GantryError('GATEWAY_RATE_LIMITED', 'limited');
      try {
        await forwardFast(context, route);
      } finally {
        state.releaseNow?.(
          keyId,
          limits,
          { tokens: context.inputTokens + context.outputTokens, costUsd: context.costUsd },
          Date.now(),
        );
      }
    } catch (error) {
      observer.failed(context, error);
    }
    observer.ended(context);
  };
}

const hasLimits = (limits: GatewayKeyLimits): boolean =>
  limits.requestsPerMinute !== undefined ||
  limits.tokensPerMinute !== undefined ||
  limits.concurrentRequests !== undefined ||
  limits.dailyBudgetUsd !== undefined ||
  limits.totalBudgetUsd !== undefined;
