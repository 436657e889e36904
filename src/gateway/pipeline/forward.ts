// Stage: the upstream call through the route (fallbacks, retries, breakers), then the answer:
// JSON in one write, or a stream passed through chunk by chunk.
import { GantryError } from '../../errors/index.js';
import { estimateCost } from '../../model/index.js';
import { sendJson } from '../http/index.js';
import type { GatewayMetrics } from '../metrics/index.js';
import { affinityKey, callRoute, type RouteCall, type RouteTarget } from '../routing/index.js';
import { UpstreamFailure } from '../upstream/index.js';
import { countRequestTokens, extractUsage } from './extract-usage.js';
import { type GatewayContext, type Stage, sendAnswer, upstreamEndpoint } from './gateway-context.js';
import { pipeStream } from './pipe-stream.js';

export function forward({ metrics }: { metrics: GatewayMetrics | undefined }): Stage {
  // Made once, not per request.
  const onFailure = metrics
    ? (target: RouteTarget, failure: UpstreamFailure) =>
        metrics.upstreamError(target.upstream.name, failureLabel(failure))
    : undefined;
  return async (context) => {
    const route = context.route;
    if (!route) throw new GantryError('INTERNAL', 'forward ran without a route');
    const upstreamBody =
      context.stream && context.endpoint !== 'embeddings' ? withStreamUsage(context.body) : context.body;
    const waitStarted = performance.now();
    let call: RouteCall;
    try {
      call = await callRoute(route, {
        endpoint: upstreamEndpoint(context),
        body: upstreamBody,
        bodyText: upstreamBody === context.body ? context.bodyText : undefined,
        stream: context.stream,
        signal: context.abort,
        onFailure,
        affinityKey:
          route.affinityCharacters === undefined
            ? undefined
            : affinityKey(context.body, route.affinityCharacters),
        startedAt: waitStarted,
      });
    } catch (error) {
      context.upstreamMs += performance.now() - waitStarted;
      if (error instanceof UpstreamFailure && error.kind === 'status' && error.status !== undefined) {
        // Not a reason to fall back (a 400 from the backend): the client sees the backend's answer.
        context.status = error.status;
        sendJson(
          context.res,
          error.status,
          error.body ?? JSON.stringify({ error: { message: error.message, type: 'upstream_error' } }),
        );
        return;
      }
      throw error;
    }
    // A JSON answer's wait ends where callRoute read the clock for the target's latency (one read fewer).
    context.upstreamMs += (call.settledAt || performance.now()) - waitStarted;
    context.upstream = call.target.upstream.name;
    context.upstreamModel = call.target.model;
    if (call.response.kind === 'json') {
      answerJson(context, call.response.text, metrics);
      return;
    }
    await pipeStream(context, call, metrics);
  };
}

function answerJson(context: GatewayContext, text: string, metrics: GatewayMetrics | undefined): void {
  let payload = text;
  const usage = extractUsage(text);
  if (usage) {
    context.inputTokens = usage.inputTokens;
    context.outputTokens = usage.outputTokens;
    context.cachedInputTokens = usage.cachedInputTokens ?? 0;
    context.cacheWriteTokens = usage.cacheWriteTokens ?? 0;
    context.usageSource = 'upstream';
  }
  if (context.filter || !usage) {
    const parsed = JSON.parse(text) as {
      choices?: { message?: { content?: string | null }; text?: string }[];
    };
    const choice = parsed.choices?.[0];
    const content = choice?.message?.content ?? choice?.text ?? '';
    if (context.filter && typeof content === 'string') {
      const first = context.filter.delta(content);
      const last = context.filter.end();
      if (typeof first !== 'string' || typeof last !== 'string') {
        const reason = typeof first !== 'string' ? first.stop : (last as { stop: string }).stop;
        throw new GantryError('GATEWAY_BLOCKED', `The answer was blocked by a gateway policy: ${reason}`, {
          hint: 'Change the request, or ask the gateway operator about the policy.',
        });
      }
      const filtered = first + last;
      if (filtered !== content && choice) {
        if (choice.message) choice.message.content = filtered;
        else choice.text = filtered;
        payload = JSON.stringify(parsed);
      }
    }
    if (!usage) {
      context.inputTokens = countRequestTokens(context.body, context.upstreamModel ?? context.model);
      context.outputTokens = typeof content === 'string' ? countTokenSafe(content, context) : 0;
      context.usageSource = 'counted';
    }
  }
  context.costUsd = estimateCost({
    model: context.upstreamModel ?? context.model,
    inputTokens: context.inputTokens,
    outputTokens: context.outputTokens,
    cachedInputTokens: context.cachedInputTokens,
    cacheWriteTokens: context.cacheWriteTokens,
  });
  context.status = 200;
  metrics?.tokens(context.model, context.inputTokens, context.outputTokens);
  metrics?.cost(context.model, context.costUsd);
  context.responseText = payload;
  sendAnswer(context, 200, payload);
}

function countTokenSafe(text: string, context: GatewayContext): number {
  return countRequestTokens({ prompt: text }, context.upstreamModel ?? context.model);
}

/** Asks the backend for the usage chunk, so that streamed requests are counted exactly. */
function withStreamUsage(body: Record<string, unknown>): Record<string, unknown> {
  const options = body.stream_options as Record<string, unknown> | undefined;
  if (options?.include_usage === true) return body;
  // A copy with the field set after it: `{ ...body, stream_options: … }` costs ~1.3 µs more per
  // property after the spread on Node 20.20 (docs/benchmarks.md).
  const streamOptions: Record<string, unknown> = { ...options };
  streamOptions.include_usage = true;
  const copy = { ...body };
  copy.stream_options = streamOptions;
  return copy;
}

function failureLabel(failure: UpstreamFailure): string {
  return failure.kind === 'status' ? String(failure.status) : failure.kind;
}
