// Stage (last) of a translated API: the chat-completions call through the route (fallbacks, retries,
// breakers as for /v1/chat/completions), then the answer in the client's API, whole or streamed.
// Upstreams that speak the client's API natively get its request as sent and answer through.
import { GantryError } from '../../errors/index.js';
import { sendJson } from '../http/index.js';
import type { GatewayMetrics } from '../metrics/index.js';
import { type GatewayContext, overheadHeaders, type Stage } from '../pipeline/gateway-context.js';
import { streamHeaders } from '../pipeline/pipe-stream.js';
import { relayStream, streamInterrupted } from '../pipeline/relay-stream.js';
import { callRoute, type RouteCall, type RouteTarget } from '../routing/index.js';
import { speaksNative, UpstreamFailure } from '../upstream/index.js';
import { accountUsage } from './account-usage.js';
import type { ApiExchange } from './api-exchange.js';
import type { ChatChunk, ChatCompletion } from './chat-types.js';
import { filterDelta, filterWholeText } from './filter-text.js';
import { passNative } from './pass-native.js';
import { exchangeOf } from './read-api-body.js';
import { formatSseEvent, writeSseEvents } from './sse-event.js';

export function forwardTranslated({ metrics }: { metrics: GatewayMetrics | undefined }): Stage {
  const onFailure = metrics
    ? (target: RouteTarget, failure: UpstreamFailure) =>
        metrics.upstreamError(
          target.upstream.name,
          failure.kind === 'status' ? String(failure.status) : failure.kind,
        )
    : undefined;
  return async (context) => {
    const route = context.route;
    if (!route) throw new GantryError('INTERNAL', 'forwardTranslated ran without a route');
    const exchange = exchangeOf(context);
    const native = exchange.native;
    if (exchange.untranslatable && !(native && route.targets.some((t) => speaksNative(t.upstream, native))))
      throw exchange.untranslatable;
    const body = context.stream
      ? { ...context.body, stream: true, stream_options: { include_usage: true } }
      : context.body;
    const waitStarted = performance.now();
    let call: RouteCall;
    try {
      call = await callRoute(route, {
        endpoint: 'chat',
        body,
        stream: context.stream,
        signal: context.abort,
        onFailure,
        native: exchange.native,
      });
    } catch (error) {
      context.upstreamMs += performance.now() - waitStarted;
      if (error instanceof UpstreamFailure && error.kind === 'status' && error.status !== undefined) {
        // The backend refused the request itself (a 400): the client sees why, in its API's shape.
        context.status = error.status;
        sendJson(context.res, error.status, exchange.rejection(error.status, upstreamMessage(error)));
        return;
      }
      throw error;
    }
    context.upstreamMs += performance.now() - waitStarted;
    context.upstream = call.target.upstream.name;
    context.upstreamModel = call.target.model;
    if (exchange.native && speaksNative(call.target.upstream, exchange.native)) {
      if (exchange.passNative) await exchange.passNative(call, metrics);
      else await passNative(context, call, exchange, metrics);
      return;
    }
    if (call.response.kind === 'json') {
      const completion = JSON.parse(call.response.text) as ChatCompletion;
      const message = completion.choices?.[0]?.message;
      if (context.filter && message && typeof message.content === 'string') {
        message.content = filterWholeText(context.filter, message.content);
      }
      const usage = accountUsage(context, completion.usage, message?.content ?? '', metrics);
      const payload = await exchange.answer(completion, usage);
      context.status = 200;
      sendJson(context.res, 200, payload, overheadHeaders(context));
      return;
    }
    await streamTranslated(context, call, exchange, metrics);
  };
}

async function streamTranslated(
  context: GatewayContext,
  call: RouteCall,
  exchange: ApiExchange,
  metrics: GatewayMetrics | undefined,
): Promise<void> {
  if (call.response.kind !== 'stream') return;
  const { res, filter } = context;
  const translator = exchange.stream();
  let reported: unknown;
  let outputText = '';
  let failure: unknown;
  metrics?.timeToFirstToken(context.model, (performance.now() - context.startedAt) / 1000);
  res.writeHead(200, { ...streamHeaders, ...overheadHeaders(context) });
  context.status = 200;

  /** Translates one chunk; false when the answer must end (filter stopped it, client gone). */
  const send = async (data: string): Promise<boolean> => {
    const chunk = JSON.parse(data) as ChatChunk;
    if (chunk.usage) reported = chunk.usage;
    const delta = chunk.choices?.[0]?.delta;
    if (typeof delta?.content === 'string' && delta.content.length > 0) {
      outputText += delta.content;
      if (filter) {
        const text = filterDelta(filter.delta(delta.content));
        if (typeof text !== 'string') return stop(text);
        delta.content = text;
      }
    }
    return writeSseEvents(res, translator.chunk(chunk));
  };
  const stop = async (error: GantryError): Promise<false> => {
    context.status = error.httpStatus;
    context.error = error;
    if (!res.destroyed) res.end(translator.error(error).map(formatSseEvent).join(''));
    return false;
  };

  try {
    if (!(await relayStream(context, call.response, send))) return;
    if (filter) {
      const tail = filterDelta(filter.end());
      if (typeof tail !== 'string') return void (await stop(tail));
      if (tail)
        await writeSseEvents(res, translator.chunk({ choices: [{ index: 0, delta: { content: tail } }] }));
    }
    const usage = accountUsage(context, reported, outputText, metrics);
    await writeSseEvents(res, translator.end(usage));
    res.end();
    await translator.finished?.();
  } catch (error) {
    failure = error;
    if (context.abort.aborted) return;
    await stop(streamInterrupted(error));
  } finally {
    call.finish(context.abort.aborted ? undefined : failure);
    if (context.usageSource === 'none') accountUsage(context, reported, outputText, metrics);
  }
}

/** The message inside a backend's error body (OpenAI or Anthropic shape), or the failure's own. */
function upstreamMessage(failure: UpstreamFailure): string {
  try {
    const parsed = JSON.parse(failure.body ?? '') as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === 'string') return parsed.error.message;
  } catch {
    // Not JSON: the failure's message says what happened.
  }
  return failure.message;
}
