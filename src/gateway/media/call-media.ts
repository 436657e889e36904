// Sends a media request along a route: only the targets whose upstream offers the endpoint, in the
// route's strategy order, each tried once, moving on when the route's fallbackOn says so. Breakers
// are consulted and told, as for chat; a request no target can take is refused up front.
import { GantryError } from '../../errors/index.js';
import { type Route, type RouteTarget, recordLatency } from '../routing/index.js';
import { type ClientAbort, type MediaResponse, UpstreamFailure } from '../upstream/index.js';
import type { MediaPayload } from './read-media-body.js';

export interface MediaCall {
  target: RouteTarget;
  response: MediaResponse;
  /** Ends the lease once the answer was relayed (or failed). */
  finish(failure?: unknown): void;
}

export function mediaTargets(route: Route, api: string): RouteTarget[] {
  return route.targets.filter(
    (t) => t.upstream.sendMedia !== undefined && t.upstream.apis?.has(api as 'images') === true,
  );
}

export async function callMedia(
  route: Route,
  payload: MediaPayload,
  fields: Record<string, unknown>,
  signal: ClientAbort,
): Promise<MediaCall> {
  const { endpoint } = payload;
  const able = new Set(mediaTargets(route, endpoint.api));
  if (able.size === 0) {
    throw new GantryError(
      'GATEWAY_ENDPOINT_UNSUPPORTED',
      `No upstream of model '${route.name}' offers /v1${endpoint.path}.`,
      {
        hint: `Route the model to an upstream that serves it (OpenAI, or an OpenAI-compatible one with apis: ['${endpoint.api}'] in gateway.upstreams).`,
        details: { param: 'model', route: route.name },
      },
    );
  }
  let lastFailure: UpstreamFailure | undefined;
  let attempts = 0;
  for (const target of route.order(route.targets)) {
    if (!able.has(target) || attempts >= route.maxAttempts) continue;
    const decision = target.breaker.acquire();
    if (decision === 'reject') continue;
    attempts++;
    target.outstanding++;
    const started = performance.now();
    let settled = false;
    const settle = (failure: unknown) => {
      if (settled) return;
      settled = true;
      target.outstanding--;
      if (failure === undefined) {
        target.breaker.recordSuccess(decision);
        recordLatency(target, performance.now() - started);
      } else target.breaker.recordFailure(decision);
    };
    try {
      const { body, contentType } = await payload.bodyFor(target.model, fields);
      const response = await target.upstream.sendMedia?.({
        path: endpoint.path,
        contentType,
        body,
        signal,
        timeoutMs: target.timeoutMs,
      });
      if (!response) throw new GantryError('INTERNAL', `${target.upstream.name} cannot send media.`);
      return { target, response, finish: settle };
    } catch (error) {
      if (signal.aborted || !(error instanceof UpstreamFailure)) {
        settle(undefined);
        throw error;
      }
      const retriable = isRetriable(error, route.fallbackOn);
      settle(retriable ? error : undefined);
      if (!retriable) throw error;
      lastFailure = error;
    }
  }
  throw new GantryError(
    lastFailure?.kind === 'timeout' ? 'GATEWAY_UPSTREAM_TIMEOUT' : 'GATEWAY_UPSTREAM_FAILED',
    lastFailure
      ? `Model '${route.name}' failed on every target that offers /v1${endpoint.path}; last error: ${lastFailure.message}.`
      : `Every target of model '${route.name}' that offers /v1${endpoint.path} is unavailable (circuit breakers open).`,
    {
      hint: 'Check the backends named in the route (gantry doctor), or add a fallback target.',
      details: {
        route: route.name,
        attempts,
        status: lastFailure?.status,
        retryAfterMs: lastFailure?.retryAfterMs,
      },
      cause: lastFailure,
    },
  );
}

function isRetriable(failure: UpstreamFailure, fallbackOn: ReadonlySet<number | string>): boolean {
  if (failure.kind === 'status') return failure.status !== undefined && fallbackOn.has(failure.status);
  if (failure.kind === 'timeout') return fallbackOn.has('timeout');
  return fallbackOn.has('connection');
}
