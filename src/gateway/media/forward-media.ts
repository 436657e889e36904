// Stage (last) of an image or audio route: the request sent to a target that offers the endpoint,
// and its answer relayed: JSON answers read whole (for usage) up to a limit, anything else (speech
// audio, text or SSE transcriptions) streamed to the client as it arrives.
import type { ServerResponse } from 'node:http';
import { GantryError } from '../../errors/index.js';
import { sendJson } from '../http/index.js';
import type { GatewayMetrics } from '../metrics/index.js';
import { type GatewayContext, overheadHeaders, type Stage } from '../pipeline/gateway-context.js';
import { UpstreamFailure } from '../upstream/index.js';
import { accountMedia } from './account-media.js';
import { callMedia, type MediaCall } from './call-media.js';
import { payloadOf } from './read-media-body.js';
import { SseUsageWatcher } from './stream-usage.js';

export function forwardMedia({
  metrics,
  maximumAnswerBytes,
}: {
  metrics: GatewayMetrics | undefined;
  maximumAnswerBytes: number;
}): Stage {
  return async (context) => {
    const route = context.route;
    if (!route) throw new GantryError('INTERNAL', 'forwardMedia ran without a route');
    const payload = payloadOf(context);
    const waitStarted = performance.now();
    let call: MediaCall;
    try {
      call = await callMedia(route, payload, context.body, context.abort);
    } catch (error) {
      context.upstreamMs += performance.now() - waitStarted;
      if (error instanceof UpstreamFailure && error.kind === 'status' && error.status !== undefined) {
        // The backend refused the request itself (a 400, an unknown voice...): its own error body.
        context.status = error.status;
        sendJson(
          context.res,
          error.status,
          error.body ?? JSON.stringify({ error: { message: error.message } }),
        );
        return;
      }
      throw error;
    }
    context.upstreamMs += performance.now() - waitStarted;
    context.upstream = call.target.upstream.name;
    context.upstreamModel = call.target.model;
    let failure: unknown;
    try {
      await relay(context, call, payload.endpoint, metrics, maximumAnswerBytes);
    } catch (error) {
      failure = error;
      if (context.abort.aborted) return;
      if (!context.res.headersSent) throw interrupted(error);
      context.error = interrupted(error);
      context.res.destroy();
    } finally {
      call.finish(context.abort.aborted ? undefined : failure);
    }
  };
}

async function relay(
  context: GatewayContext,
  call: MediaCall,
  endpoint: Parameters<typeof accountMedia>[1],
  metrics: GatewayMetrics | undefined,
  maximumAnswerBytes: number,
): Promise<void> {
  const { res } = context;
  const { status, headers, body } = call.response;
  const contentType = String(headers['content-type'] ?? 'application/octet-stream');
  const iterator = body[Symbol.asyncIterator]();
  const held: Buffer[] = [];
  if (/json/i.test(contentType)) {
    let size = 0;
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        const whole = Buffer.concat(held);
        accountMedia(context, endpoint, parseJson(whole), metrics);
        context.status = status;
        res.writeHead(status, { 'content-type': contentType, ...overheadHeaders(context) });
        res.end(whole);
        return;
      }
      held.push(next.value);
      size += next.value.length;
      if (size > maximumAnswerBytes) break; // too big to read whole: streamed, usage counted
    }
  }
  metrics?.timeToFirstToken(context.model, (performance.now() - context.startedAt) / 1000);
  context.status = status;
  res.writeHead(status, { 'content-type': contentType, ...overheadHeaders(context) });
  // A streamed transcription reports its usage in an event: read it on the way through.
  const watcher = /^text\/event-stream/i.test(contentType) ? new SseUsageWatcher() : undefined;
  try {
    for (const chunk of held) {
      watcher?.feed(chunk);
      if (!(await write(res, chunk))) return;
    }
    for (;;) {
      const waitStarted = performance.now();
      const next = await iterator.next();
      context.upstreamMs += performance.now() - waitStarted;
      if (next.done) break;
      watcher?.feed(next.value);
      if (!(await write(res, next.value))) {
        await iterator.return?.();
        return;
      }
    }
    res.end();
  } finally {
    // Counted once the bytes are on their way (counting the input text may load a tokenizer).
    watcher?.end();
    accountMedia(context, endpoint, watcher?.usage ? { usage: watcher.usage } : undefined, metrics);
  }
}

function write(res: ServerResponse, chunk: Buffer): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  if (res.write(chunk)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve(!res.destroyed);
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

function interrupted(error: unknown): GantryError {
  return new GantryError(
    'GATEWAY_STREAM_INTERRUPTED',
    `The upstream answer broke off: ${(error as Error).message}`,
    { hint: 'Retry the request; the answer so far is incomplete.', cause: error },
  );
}
