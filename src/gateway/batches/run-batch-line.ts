// One line of a batch: resolved to its route (the key's model list applies), admitted by the key's
// limits (waiting Retry-After when rate-limited), sent with the route's fallbacks and retries, counted
// in usage, and written as a line of the output file (2xx) or the error file.
import { randomBytes } from 'node:crypto';
import { GantryError } from '../../errors/index.js';
import { estimateCost } from '../../model/index.js';
import type { BatchItemRecord, GatewayKeyLimits } from '../../store/index.js';
import { errorBody } from '../http/index.js';
import { countRequestTokens, extractUsage } from '../pipeline/extract-usage.js';
import { callRoute, type Route } from '../routing/index.js';
import type { GatewayState } from '../state/index.js';
import { ClientAbort, type Endpoint, UpstreamFailure } from '../upstream/index.js';
import type { UsageRecorder } from '../usage/index.js';

export interface LineContext {
  routes: ReadonlyMap<string, Route>;
  state: GatewayState;
  usage: UsageRecorder;
  endpoint: Endpoint;
  keyId: string | null;
  limits: GatewayKeyLimits;
  models: readonly string[] | null;
  rateLimitAttempts: number;
}

export interface LineResult {
  ok: boolean;
  /** The output or error file line. */
  text: string;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export async function runBatchLine(item: BatchItemRecord, context: LineContext): Promise<LineResult> {
  const body = JSON.parse(item.request) as Record<string, unknown>;
  const model = String(body.model);
  const started = performance.now();
  const line = (status: number, payload: unknown): LineResult => ({
    ok: status < 300,
    text: JSON.stringify({
      id: `batch_req_${hex(12)}`,
      custom_id: item.customId,
      response: { status_code: status, request_id: `req_${hex(12)}`, body: payload },
      error: null,
    }),
  });
  const route = context.routes.get(model);
  try {
    if (!route)
      throw new GantryError(
        'GATEWAY_MODEL_NOT_FOUND',
        `The model '${model.slice(0, 100)}' does not exist on this gateway.`,
      );
    if (context.models && !context.models.includes(model)) {
      throw new GantryError(
        'GATEWAY_MODEL_FORBIDDEN',
        `This API key may not use the model '${model.slice(0, 100)}'.`,
      );
    }
    const keyId = context.keyId ?? 'anonymous';
    const limited = Object.values(context.limits).some((v) => v !== undefined);
    if (limited) await admit(keyId, context);
    let tokens = 0;
    let costUsd = 0;
    try {
      const call = await callRoute(route, {
        endpoint: context.endpoint,
        body: { ...body, stream: false },
        stream: false,
        signal: new ClientAbort(),
      });
      if (call.response.kind !== 'json')
        throw new GantryError('INTERNAL', 'A batch line was answered with a stream.');
      const text = call.response.text;
      const usage = extractUsage(text);
      const upstreamModel = call.target.model;
      const inputTokens = usage?.inputTokens ?? countRequestTokens(body, upstreamModel);
      const outputTokens = usage?.outputTokens ?? 0;
      tokens = inputTokens + outputTokens;
      costUsd = estimateCost({ model: upstreamModel, inputTokens, outputTokens });
      context.usage.record({
        keyId: context.keyId,
        model,
        route: route.name,
        upstream: call.target.upstream.name,
        endpoint: context.endpoint,
        status: 200,
        stream: false,
        cached: false,
        inputTokens,
        outputTokens,
        costUsd,
        usageSource: usage ? 'upstream' : 'counted',
        durationMs: performance.now() - started,
        createdAt: Date.now(),
      });
      return line(200, JSON.parse(text));
    } finally {
      if (limited) {
        const charge = { tokens, costUsd };
        if (context.state.releaseNow) context.state.releaseNow(keyId, context.limits, charge, Date.now());
        else await context.state.release(keyId, context.limits, charge, Date.now()).catch(() => {});
      }
    }
  } catch (error) {
    if (error instanceof UpstreamFailure && error.kind === 'status' && error.status !== undefined) {
      return line(
        error.status,
        parseOr(error.body, { error: { message: error.message, type: 'upstream_error' } }),
      );
    }
    const { status, body: payload } = errorBody(error);
    return line(status, JSON.parse(payload));
  }
}

async function admit(keyId: string, context: LineContext): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const admission = await context.state.admit(keyId, context.limits, Date.now());
    if (admission.ok) return;
    const budget = admission.limit === 'daily-budget' || admission.limit === 'total-budget';
    if (budget || attempt >= context.rateLimitAttempts) {
      throw new GantryError(
        budget ? 'GATEWAY_BUDGET_EXCEEDED' : 'GATEWAY_RATE_LIMITED',
        `The ${admission.limit} limit of this key refused the line.`,
        {
          details: { limit: admission.limit },
        },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(50, admission.retryAfterMs)));
  }
}

function parseOr(text: string | undefined, fallback: unknown): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return fallback;
  }
}
