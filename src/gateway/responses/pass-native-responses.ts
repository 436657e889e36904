// An answer from an upstream that speaks the Responses API natively, passed through as written (its
// response id included, so the upstream can continue the conversation), with usage read from it, the
// response filter applied to its text, and the response stored for the tenant (unless store: false).
import type { GantryError } from '../../errors/index.js';
import { accountUsage } from '../apis/account-usage.js';
import { filterDelta } from '../apis/filter-text.js';
import { formatSseEvent, writeSseEvents } from '../apis/sse-event.js';
import { errorBody, sendJson } from '../http/index.js';
import type { GatewayMetrics } from '../metrics/index.js';
import { type GatewayContext, overheadHeaders } from '../pipeline/gateway-context.js';
import { streamHeaders } from '../pipeline/pipe-stream.js';
import { relayStream, streamInterrupted } from '../pipeline/relay-stream.js';
import type { RouteCall } from '../routing/index.js';
import { chatUsage, filterOutput, outputText, rewriteItem } from './native-output.js';
import type { OutputItem } from './response-object.js';

type Save = (response: Record<string, unknown>, output: readonly OutputItem[]) => Promise<void>;

interface NativeEvent {
  type: string;
  item_id?: string;
  delta?: string;
  text?: string;
  part?: { type?: string; text?: string };
  item?: OutputItem;
  response?: { status?: string; output?: OutputItem[]; usage?: unknown } & Record<string, unknown>;
}

const endings = new Set(['response.completed', 'response.incomplete', 'response.failed']);

export async function passNativeResponses(
  context: GatewayContext,
  call: RouteCall,
  metrics: GatewayMetrics | undefined,
  save: Save,
): Promise<void> {
  const { res, filter } = context;
  if (call.response.kind === 'json') {
    const response = JSON.parse(call.response.text) as Record<string, unknown> & { output?: OutputItem[] };
    const output = response.output ?? [];
    const text = outputText(output);
    if (filter) filterOutput(filter, output);
    accountUsage(context, chatUsage(response.usage), text, metrics);
    await save(response, output);
    context.status = 200;
    sendJson(res, 200, filter ? JSON.stringify(response) : call.response.text, overheadHeaders(context));
    return;
  }
  let usage: unknown;
  let text = '';
  let final: NativeEvent['response'];
  let failure: unknown;
  /** Each message item's text as sent (filtered), to put into the events that repeat it whole. */
  const sent = new Map<string, string>();
  metrics?.timeToFirstToken(context.model, (performance.now() - context.startedAt) / 1000);
  res.writeHead(200, { ...streamHeaders, ...overheadHeaders(context) });
  context.status = 200;

  const stop = (error: GantryError): false => {
    context.status = error.httpStatus;
    context.error = error;
    const detail = (JSON.parse(errorBody(error).body) as { error: Record<string, unknown> }).error;
    const data = { type: 'error', code: detail.code, message: detail.message, param: null, error: detail };
    if (!res.destroyed) res.end(formatSseEvent({ event: 'error', data }));
    return false;
  };
  const send = async (data: string): Promise<boolean> => {
    const event = JSON.parse(data) as NativeEvent;
    if (event.type === 'response.output_text.delta' && typeof event.delta === 'string') {
      text += event.delta;
      if (filter) {
        const filtered = filterDelta(filter.delta(event.delta));
        if (typeof filtered !== 'string') return stop(filtered);
        event.delta = filtered;
      }
      if (event.item_id) sent.set(event.item_id, (sent.get(event.item_id) ?? '') + event.delta);
    }
    if (endings.has(event.type)) {
      final = event.response;
      usage = final?.usage;
      if (filter) {
        // Held-back text is released only if the policy lets it through; it cannot be re-inserted.
        const tail = filterDelta(filter.end());
        if (typeof tail !== 'string') return stop(tail);
      }
    }
    if (filter) {
      if (event.type === 'response.output_text.done' && event.item_id && sent.has(event.item_id))
        event.text = sent.get(event.item_id);
      if (event.type === 'response.content_part.done' && event.item_id && event.part?.type === 'output_text')
        event.part.text = sent.get(event.item_id) ?? event.part.text;
      if (event.type === 'response.output_item.done') rewriteItem(event.item, sent);
      for (const item of event.response?.output ?? []) rewriteItem(item, sent);
    }
    return writeSseEvents(res, [{ event: event.type, data: event as unknown as Record<string, unknown> }]);
  };

  try {
    if (!(await relayStream(context, call.response, send))) return;
    res.end();
    if (final && final.status !== 'failed') await save(final, final.output ?? []);
  } catch (error) {
    failure = error;
    if (context.abort.aborted) return;
    stop(streamInterrupted(error));
  } finally {
    call.finish(context.abort.aborted ? undefined : failure);
    accountUsage(context, chatUsage(usage), text, metrics);
  }
}
