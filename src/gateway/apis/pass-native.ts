// An answer from an upstream that speaks the client's API natively (Anthropic Messages to an Anthropic
// upstream): sent through as the upstream wrote it, with usage read from it and the response filter
// applied to its text.
import type { GantryError } from '../../errors/index.js';
import { sendJson } from '../http/index.js';
import type { GatewayMetrics } from '../metrics/index.js';
import { type GatewayContext, overheadHeaders } from '../pipeline/gateway-context.js';
import { streamHeaders } from '../pipeline/pipe-stream.js';
import { relayStream, streamInterrupted } from '../pipeline/relay-stream.js';
import type { RouteCall } from '../routing/index.js';
import { accountUsage } from './account-usage.js';
import type { ApiExchange } from './api-exchange.js';
import { filterDelta, filterWholeText } from './filter-text.js';
import { formatSseEvent, writeSseEvents } from './sse-event.js';

interface NativeBlock {
  type?: string;
  text?: string;
}

interface NativeEvent {
  type: string;
  message?: { usage?: { input_tokens?: number; cache_read_input_tokens?: number } };
  delta?: { type?: string; text?: string };
  usage?: { output_tokens?: number };
}

export async function passNative(
  context: GatewayContext,
  call: RouteCall,
  exchange: ApiExchange,
  metrics: GatewayMetrics | undefined,
): Promise<void> {
  const { res, filter } = context;
  if (call.response.kind === 'json') {
    let text = call.response.text;
    const message = JSON.parse(text) as { content?: NativeBlock[]; usage?: Record<string, unknown> };
    let outputText = '';
    for (const block of message.content ?? []) {
      if (block.type !== 'text' || typeof block.text !== 'string') continue;
      if (filter) block.text = filterWholeText(filter, block.text);
      outputText += block.text;
    }
    if (filter) text = JSON.stringify(message);
    accountUsage(context, message.usage, outputText, metrics);
    context.status = 200;
    sendJson(res, 200, text, overheadHeaders(context));
    return;
  }
  const usage: { input_tokens?: number; output_tokens?: number; cache_read_input_tokens?: number } = {};
  let outputText = '';
  let failure: unknown;
  metrics?.timeToFirstToken(context.model, (performance.now() - context.startedAt) / 1000);
  res.writeHead(200, { ...streamHeaders, ...overheadHeaders(context) });
  context.status = 200;

  const stop = (error: GantryError): false => {
    context.status = error.httpStatus;
    context.error = error;
    if (!res.destroyed) res.end(exchange.stream().error(error).map(formatSseEvent).join(''));
    return false;
  };
  const send = async (data: string): Promise<boolean> => {
    const event = JSON.parse(data) as NativeEvent;
    if (event.type === 'message_start') Object.assign(usage, event.message?.usage);
    if (event.type === 'message_delta' && typeof event.usage?.output_tokens === 'number')
      usage.output_tokens = event.usage.output_tokens;
    if (event.type === 'content_block_delta' && event.delta?.type === 'text_delta') {
      const text = event.delta.text ?? '';
      outputText += text;
      if (filter) {
        const filtered = filterDelta(filter.delta(text));
        if (typeof filtered !== 'string') return stop(filtered);
        if (filtered !== text) event.delta.text = filtered;
      }
    }
    if (filter && event.type === 'message_stop') {
      // Held-back text is released only if the policy lets it through; it cannot be re-inserted.
      const tail = filterDelta(filter.end());
      if (typeof tail !== 'string') return stop(tail);
    }
    return writeSseEvents(res, [{ event: event.type, data: event as unknown as Record<string, unknown> }]);
  };

  try {
    if (!(await relayStream(context, call.response, send))) return;
    res.end();
  } catch (error) {
    failure = error;
    if (context.abort.aborted) return;
    stop(streamInterrupted(error));
  } finally {
    call.finish(context.abort.aborted ? undefined : failure);
    accountUsage(context, typeof usage.input_tokens === 'number' ? usage : undefined, outputText, metrics);
  }
}
