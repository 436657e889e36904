// One chat (or completions) request over a raw keep-alive connection, timed chunk by chunk. Lean on
// purpose: the load generator's own cost must stay far below the latencies it measures. Every event of
// one read is timed at the read's arrival (before any parsing), the SSE framing is found on the bytes,
// and only each event's JSON is decoded.
import type { RequestRecord } from './request-record.js';
import { type Exchange, readClock, SseScanner, type WirePool } from './wire/index.js';

export interface StreamTarget {
  /** Base URL including /v1. */
  url: URL;
  model: string;
  apiKey?: string;
  endpoint: 'chat' | 'completions';
  /** Keep-alive connections to the URL's origin, reused across requests. */
  pool: WirePool;
  timeoutMs: number;
  /** false: ask for one JSON answer (TTFT is then the whole latency, as vLLM counts it). Default true. */
  stream?: boolean;
  /** Called with each parsed chunk and when its read arrived (bench/backend's skew check); off by default. */
  onChunk?: (event: Record<string, unknown>, receivedAtMs: number) => void;
}

export interface PromptItem {
  prompt: string;
  promptTokens: number;
  maxTokens: number;
}

interface Chunk {
  choices?: { delta?: Record<string, unknown>; text?: string; message?: Record<string, unknown> }[];
  usage?: { completion_tokens?: number; prompt_tokens?: number };
}

const DONE = Buffer.from('[DONE]');

export function streamRequest(
  target: StreamTarget,
  item: PromptItem,
  sentAtMs: number,
): Promise<RequestRecord> {
  const stream = target.stream !== false;
  // Written out rather than built as an object: the same JSON, a few µs less per request.
  const body =
    `{"model":${JSON.stringify(target.model)},` +
    (target.endpoint === 'chat'
      ? `"messages":[{"role":"user","content":${JSON.stringify(item.prompt)}}],`
      : `"prompt":${JSON.stringify(item.prompt)},`) +
    `"max_tokens":${Number(item.maxTokens)},"stream":${stream}` +
    (stream ? ',"stream_options":{"include_usage":true}}' : '}');
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
    let start = 0;
    let last = 0;
    let chunks = 0;
    let status = 0;
    let done = false;
    let whole: Buffer[] | undefined;
    const finish = (error?: string) => {
      if (done) return;
      done = true;
      record.latencyMs = (error ? performance.now() : readClock.now) - start;
      if (error) record.error = error;
      else if (chunks === 0)
        record.error = stream ? 'the stream carried no output' : 'the answer carried no output';
      record.ok = !record.error;
      if (!record.usageReported) record.outputTokens = chunks;
      resolve(record);
    };
    const onEvent = (event: Chunk, now: number) => {
      target.onChunk?.(event as Record<string, unknown>, now);
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
    const sse = new SseScanner((bytes, from, to) => {
      if (done) return;
      if (to - from === DONE.length && bytes.compare(DONE, 0, DONE.length, from, to) === 0) return;
      let event: Chunk;
      try {
        event = JSON.parse(bytes.toString('utf8', from, to));
      } catch {
        return finish('the server sent a chunk that is not JSON');
      }
      onEvent(event, readClock.now);
    });
    const exchange: Exchange = {
      onHead(code) {
        status = code;
        if (!stream && code === 200) whole = [];
      },
      onBody(bytes, from, to) {
        if (status !== 200) return;
        if (whole) whole.push(Buffer.from(bytes.subarray(from, to)));
        else sse.push(bytes, from, to);
      },
      onEnd() {
        if (status !== 200) return finish(`HTTP ${status}`);
        if (whole) {
          try {
            onEvent(JSON.parse(Buffer.concat(whole).toString('utf8')) as Chunk, readClock.now);
          } catch {
            return finish('the server sent an answer that is not JSON');
          }
        }
        finish();
      },
      onError(error) {
        finish(error.message || (error as { code?: string }).code || 'request failed');
      },
    };
    const head = `${requestHead(target, stream)}content-length: ${Buffer.byteLength(body)}\r\n\r\n`;
    start = performance.now();
    target.pool.send(Buffer.from(head + body), exchange);
  });
}

const heads = new WeakMap<StreamTarget, string[]>();

/** The request line and the headers but content-length, once per target and mode. */
function requestHead(target: StreamTarget, stream: boolean): string {
  let pair = heads.get(target);
  if (!pair) {
    const path = `${target.url.pathname.replace(/\/$/, '')}/${target.endpoint === 'chat' ? 'chat/completions' : 'completions'}`;
    const common =
      `POST ${path} HTTP/1.1\r\nhost: ${target.url.host}\r\ncontent-type: application/json\r\n` +
      (target.apiKey ? `authorization: Bearer ${target.apiKey}\r\n` : '');
    pair = [`${common}accept: application/json\r\n`, `${common}accept: text/event-stream\r\n`];
    heads.set(target, pair);
  }
  return pair[stream ? 1 : 0];
}

/** A chunk counts as output when it brings text, reasoning or a tool call; role-only chunks do not. */
function carriesOutput(choice: {
  delta?: Record<string, unknown>;
  message?: Record<string, unknown>;
  text?: string;
}): boolean {
  if (typeof choice.text === 'string') return choice.text.length > 0;
  const delta = choice.delta ?? choice.message;
  if (!delta) return false;
  return (
    (typeof delta.content === 'string' && delta.content.length > 0) ||
    (typeof delta.reasoning_content === 'string' && delta.reasoning_content.length > 0) ||
    (typeof delta.reasoning === 'string' && delta.reasoning.length > 0) ||
    (Array.isArray(delta.tool_calls) && delta.tool_calls.length > 0)
  );
}
