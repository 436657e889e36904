// One streaming chat (or completions) request over node:http, timed chunk by chunk. Lean on purpose:
// the load generator's own cost must stay far below the latencies it measures.
import type { Dispatcher } from 'undici';
import type { RequestRecord } from './request-record.js';

export interface StreamTarget {
  /** Base URL including /v1. */
  url: URL;
  model: string;
  apiKey?: string;
  endpoint: 'chat' | 'completions';
  /** An undici Pool or Agent; keep-alive connections are reused across requests. */
  dispatcher: Dispatcher;
  timeoutMs: number;
  /** Called with each parsed chunk and when it arrived (bench/backend's skew check); off by default. */
  onChunk?: (event: Record<string, unknown>, receivedAtMs: number) => void;
}

export interface PromptItem {
  prompt: string;
  promptTokens: number;
  maxTokens: number;
}

export function streamRequest(
  target: StreamTarget,
  item: PromptItem,
  sentAtMs: number,
): Promise<RequestRecord> {
  const body = JSON.stringify({
    model: target.model,
    ...(target.endpoint === 'chat'
      ? { messages: [{ role: 'user', content: item.prompt }] }
      : { prompt: item.prompt }),
    max_tokens: item.maxTokens,
    stream: true,
    stream_options: { include_usage: true },
  });
  const path = `${target.url.pathname.replace(/\/$/, '')}/${target.endpoint === 'chat' ? 'chat/completions' : 'completions'}`;
  const record: RequestRecord = {
    ok: false,
    sentAtMs,
    ttftMs: 0,
    latencyMs: 0,
    itlMs: [],
    outputTokens: 0,
    promptTokens: item.promptTokens,
    usageReported: false,
  };
  return new Promise((resolve) => {
    const start = performance.now();
    let last = 0;
    let chunks = 0;
    let buffer = '';
    let done = false;
    const finish = (error?: string) => {
      if (done) return;
      done = true;
      record.latencyMs = performance.now() - start;
      if (error) record.error = error;
      else if (chunks === 0) record.error = 'the stream carried no output';
      record.ok = !record.error;
      if (!record.usageReported) record.outputTokens = chunks;
      resolve(record);
    };
    const onEvent = (data: string) => {
      if (data === '[DONE]') return;
      const now = performance.now();
      let event: {
        choices?: { delta?: Record<string, unknown>; text?: string }[];
        usage?: { completion_tokens?: number; prompt_tokens?: number };
      };
      try {
        event = JSON.parse(data);
      } catch {
        return finish('the server sent a chunk that is not JSON');
      }
      target.onChunk?.(event, now);
      if (event.usage && typeof event.usage.completion_tokens === 'number') {
        record.outputTokens = event.usage.completion_tokens;
        if (typeof event.usage.prompt_tokens === 'number') record.promptTokens = event.usage.prompt_tokens;
        record.usageReported = true;
      }
      const choice = event.choices?.[0];
      if (!choice || !carriesOutput(choice)) return;
      if (chunks === 0) record.ttftMs = now - start;
      else record.itlMs.push(now - last);
      last = now;
      chunks++;
    };
    const decoder = new TextDecoder();
    let status = 0;
    target.dispatcher.dispatch(
      {
        origin: target.url.origin,
        path,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {}),
        },
        body,
        headersTimeout: target.timeoutMs,
        bodyTimeout: target.timeoutMs,
      },
      {
        onConnect() {},
        onHeaders(statusCode) {
          status = statusCode;
          return true;
        },
        onData(chunk) {
          if (status !== 200) return true;
          buffer += decoder.decode(chunk, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const line of block.split('\n')) if (line.startsWith('data:')) onEvent(line.slice(5).trim());
          }
          return true;
        },
        onComplete() {
          finish(status === 200 ? undefined : `HTTP ${status}`);
        },
        onError(error) {
          finish(error.message || (error as { code?: string }).code || 'request failed');
        },
      },
    );
  });
}

/** A chunk counts as output when it brings text, reasoning or a tool call; role-only chunks do not. */
function carriesOutput(choice: { delta?: Record<string, unknown>; text?: string }): boolean {
  if (typeof choice.text === 'string') return choice.text.length > 0;
  const delta = choice.delta;
  if (!delta) return false;
  return (
    (typeof delta.content === 'string' && delta.content.length > 0) ||
    (typeof delta.reasoning_content === 'string' && delta.reasoning_content.length > 0) ||
    (typeof delta.reasoning === 'string' && delta.reasoning.length > 0) ||
    (Array.isArray(delta.tool_calls) && delta.tool_calls.length > 0)
  );
}
