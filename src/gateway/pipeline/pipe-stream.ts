// Passes a routed stream to the client chunk by chunk (never buffered, back-pressure respected),
// counts its usage, applies the response filter, and ends a broken stream with an error event the
// client can see instead of a silent, truncated 200.
import { GantryError } from '../../errors/index.js';
import { estimateCost } from '../../model/index.js';
import { errorBody } from '../http/index.js';
import type { GatewayMetrics } from '../metrics/index.js';
import type { RouteCall } from '../routing/index.js';
import { countRequestTokens, fromUsageObject } from './extract-usage.js';
import { type GatewayContext, overheadHeaders } from './gateway-context.js';
import { relayStream, streamInterrupted } from './relay-stream.js';
import { chunkFinishes, chunkText, type ParsedChunk, setChunkText } from './stream-chunk.js';

export const streamHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  // Tells nginx and similar proxies not to buffer the stream.
  'x-accel-buffering': 'no',
};

export async function pipeStream(
  context: GatewayContext,
  call: RouteCall,
  metrics: GatewayMetrics | undefined,
): Promise<void> {
  const { res } = context;
  if (call.response.kind !== 'stream') return;
  const clientWantsUsage =
    (context.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  const filter = context.filter;
  const kept: string[] | undefined = context.keepAnswer ? [] : undefined;
  let usageSeen = false;
  let outputText = '';
  const unparsed: string[] = [];
  let filterEnded = false;
  let lastChunkAt = performance.now();
  metrics?.timeToFirstToken(context.model, (lastChunkAt - context.startedAt) / 1000);

  // Object.assign, not `{ ...a, ...b }`: spreads in a literal are slow on Node 20.20 (docs/benchmarks.md).
  res.writeHead(200, Object.assign({}, streamHeaders, overheadHeaders(context)));
  context.status = 200;

  /** Sends one chunk; returns false when the answer must end (filter stopped it, client gone). */
  const send = async (data: string): Promise<boolean> => {
    let out = data;
    const hasUsage = data.includes('"usage":{');
    if (!filter && !hasUsage) {
      // Parsed only if the stream ends without a usage chunk and its tokens must be counted.
      unparsed.push(data);
    } else {
      const parsed = JSON.parse(data) as ParsedChunk;
      if (hasUsage) {
        const usage = fromUsageObject(parsed.usage);
        if (usage) {
          usageSeen = true;
          context.inputTokens = usage.inputTokens;
          context.outputTokens = usage.outputTokens;
          context.cachedInputTokens = usage.cachedInputTokens ?? 0;
          context.cacheWriteTokens = usage.cacheWriteTokens ?? 0;
          context.usageSource = 'upstream';
        }
        // The usage chunk was requested by the gateway, not the client: keep it to ourselves.
        if (!clientWantsUsage && (parsed.choices?.length ?? 0) === 0) return true;
      }
      const text = chunkText(parsed);
      if (!usageSeen) outputText += text;
      if (filter && !filterEnded) {
        let result = text.length > 0 ? filter.delta(text) : '';
        if (chunkFinishes(parsed)) {
          filterEnded = true;
          const tail = filter.end();
          result =
            typeof result === 'string' && typeof tail === 'string'
              ? result + tail
              : typeof result === 'string'
                ? tail
                : result;
        }
        if (typeof result !== 'string') {
          await writeError(
            context,
            new GantryError('GATEWAY_BLOCKED', `The answer was stopped by a gateway policy: ${result.stop}`),
          );
          return false;
        }
        if (result !== text) {
          if (result.length === 0 && !chunkFinishes(parsed)) return true;
          setChunkText(parsed, result);
          out = JSON.stringify(parsed);
        }
      }
    }
    kept?.push(out);
    if (!res.write(`data: ${out}\n\n`)) await drained(res);
    return !res.destroyed;
  };

  let failure: unknown;
  try {
    const ended = await relayStream(context, call.response, send, (now) => {
      metrics?.interToken(context.model, (now - lastChunkAt) / 1000);
      lastChunkAt = now;
    });
    if (!ended) return;
    if (filter && !filterEnded) {
      const tail = filter.end();
      if (typeof tail !== 'string') {
        await writeError(
          context,
          new GantryError('GATEWAY_BLOCKED', `The answer was stopped by a gateway policy: ${tail.stop}`),
        );
        return;
      }
    }
    res.end('data: [DONE]\n\n');
    context.streamChunks = kept;
  } catch (error) {
    failure = error;
    if (context.abort.aborted) return;
    context.error = error;
    await writeError(context, streamInterrupted(error));
  } finally {
    call.finish(context.abort.aborted ? undefined : failure);
    if (!usageSeen) {
      for (const data of unparsed) {
        try {
          outputText += chunkText(JSON.parse(data) as ParsedChunk);
        } catch {
          // A malformed chunk carries no countable text.
        }
      }
      context.inputTokens = countRequestTokens(context.body, context.upstreamModel ?? context.model);
      context.outputTokens = countRequestTokens(
        { prompt: outputText },
        context.upstreamModel ?? context.model,
      );
      context.usageSource = 'counted';
    }
    context.costUsd = estimateCost({
      model: context.upstreamModel ?? context.model,
      inputTokens: context.inputTokens,
      outputTokens: context.outputTokens,
      cachedInputTokens: context.cachedInputTokens,
      cacheWriteTokens: context.cacheWriteTokens,
    });
    metrics?.tokens(context.model, context.inputTokens, context.outputTokens);
    metrics?.cost(context.model, context.costUsd);
  }
}

/** An error the client's SSE parser surfaces (the openai client throws it; the AI SDK emits an error part). */
async function writeError(context: GatewayContext, error: GantryError): Promise<void> {
  const { status, body } = errorBody(error);
  context.status = status;
  context.error = error;
  if (!context.res.destroyed) context.res.end(`data: ${body}\n\n`);
}

function drained(res: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
