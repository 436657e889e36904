// A fake OpenAI-compatible backend for tests and benchmarks: configurable time to first token,
// inter-token latency and output length, plus injected faults (429 + Retry-After, 5xx, timeouts,
// connection resets, streams cut mid-answer). A request may force a fault with `x-simulator-fault`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoReply, demoTokens } from './demo-reply.js';
import { demoToolCall, writeToolCall } from './demo-tool-call.js';
import { createPrefixCacheModel, type PrefixCacheModel, promptText } from './prefix-cache-model.js';
import {
  type ResolvedSimulatorOptions,
  resolveSimulatorOptions,
  type SimulatorFault,
  type SimulatorOptions,
} from './simulator-options.js';

export interface SimulatorStats {
  requests: number;
  /** Streams whose client went away before the answer ended. */
  abortedStreams: number;
  completedStreams: number;
  faults: Record<string, number>;
  /** Last request bodies received (up to 50), for tests. */
  lastBodies: unknown[];
  /** With options.prefixCache: prompt blocks seen and those found cached. */
  prefixCache?: { blocks: number; cachedBlocks: number };
}

export interface Simulator {
  readonly server: Server;
  readonly stats: SimulatorStats;
  /** Changes options while running (faults on and off during a test). */
  configure(options: SimulatorOptions): void;
  listen(port?: number, host?: string): Promise<string>;
  /** Base URL including /v1, once listening. */
  readonly baseURL: string;
  close(): Promise<void>;
}

export function createSimulator(initial: SimulatorOptions = {}): Simulator {
  let options = resolveSimulatorOptions(initial);
  const stats: SimulatorStats = {
    requests: 0,
    abortedStreams: 0,
    completedStreams: 0,
    faults: {},
    lastBodies: [],
  };
  let baseURL = '';
  const prefixCache = initial.prefixCache ? createPrefixCacheModel(initial.prefixCache) : undefined;
  if (prefixCache) stats.prefixCache = prefixCache.stats;
  const server = createServer((req, res) => {
    handle(req, res, options, stats, prefixCache).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 60_000;
  return {
    server,
    stats,
    configure(next) {
      options = resolveSimulatorOptions(next);
    },
    get baseURL() {
      return baseURL;
    },
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          baseURL = `http://${host}:${address.port}/v1`;
          resolve(baseURL);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  options: ResolvedSimulatorOptions,
  stats: SimulatorStats,
  prefixCache?: PrefixCacheModel,
): Promise<void> {
  const url = req.url ?? '/';
  if (req.method === 'GET' && url.endsWith('/models')) {
    return json(res, 200, {
      object: 'list',
      data: [{ id: options.model, object: 'model', owned_by: 'simulator' }],
    });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  stats.requests++;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return json(res, 400, { error: { message: 'invalid JSON', type: 'invalid_request_error' } });
  }
  if (stats.lastBodies.length >= 50) stats.lastBodies.shift();
  stats.lastBodies.push(body);

  const fault = pickFault(req, options);
  if (fault) stats.faults[fault] = (stats.faults[fault] ?? 0) + 1;
  if (fault === 'reset') return void req.socket.destroy();
  if (fault === 'timeout') return; // never answers: the caller's timeout has to fire
  if (fault === '429') {
    res.setHeader('retry-after', String(options.retryAfterSeconds));
    return json(res, 429, { error: { message: 'simulated rate limit', type: 'rate_limit_error' } });
  }
  if (fault === '400') {
    return json(res, 400, { error: { message: 'simulated invalid request', type: 'invalid_request_error' } });
  }
  if (fault === '500' || fault === '503') {
    return json(res, Number(fault), { error: { message: `simulated ${fault}`, type: 'server_error' } });
  }

  const model = typeof body.model === 'string' ? body.model : options.model;
  if (url.endsWith('/embeddings')) return embeddings(res, body, model, options);
  const chat = url.endsWith('/chat/completions');
  if (!chat && !url.endsWith('/completions')) {
    return json(res, 404, { error: { message: `no route ${url}`, type: 'invalid_request_error' } });
  }
  const call = options.reply === 'demo' && chat ? demoToolCall(body) : undefined;
  if (call) {
    await sleep(delay(options.timeToFirstTokenMs, options));
    return writeToolCall(res, call, {
      id: `chatcmpl-sim${stats.requests}`,
      model,
      stream: body.stream === true,
      includeUsage: (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true,
      promptTokens: estimatePromptTokens(body),
    });
  }
  const tokens = options.reply === 'demo' ? demoTokens(demoReply(body)) : undefined;
  const outputTokens = tokens ? tokens.length : pickLength(body, options);
  const promptTokens = estimatePromptTokens(body);
  const admission = prefixCache?.admit(promptText(body));
  const prefillMs = admission?.prefillMs ?? 0;
  const cachedTokens = admission ? Math.min(promptTokens, Math.floor(admission.cachedCharacters / 4)) : 0;
  if (body.stream === true) {
    const includeUsage =
      (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    return stream(
      req,
      res,
      { chat, model, outputTokens, tokens, promptTokens, includeUsage, cut: fault === 'cut', prefillMs },
      options,
      stats,
    );
  }
  await sleep(
    delay(options.timeToFirstTokenMs + prefillMs + options.interTokenLatencyMs * outputTokens, options),
  );
  const text = tokens ? tokens.join('') : words(0, outputTokens);
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: outputTokens,
    total_tokens: promptTokens + outputTokens,
    ...(admission ? { prompt_tokens_details: { cached_tokens: cachedTokens } } : {}),
  };
  if (fault === 'cut') {
    // A non-streaming answer cut mid-body: headers promise more bytes than arrive.
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"id":"chatcmpl-sim","choices":[{"message":{"content":"');
    return void req.socket.end();
  }
  const created = Math.floor(Date.now() / 1000);
  return chat
    ? json(res, 200, {
        id: `chatcmpl-sim${stats.requests}`,
        object: 'chat.completion',
        created,
        model,
        choices: [
          { index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop', logprobs: null },
        ],
        usage,
      })
    : json(res, 200, {
        id: `cmpl-sim${stats.requests}`,
        object: 'text_completion',
        created,
        model,
        choices: [{ index: 0, text, finish_reason: 'stop', logprobs: null }],
        usage,
      });
}

interface StreamPlan {
  chat: boolean;
  model: string;
  outputTokens: number;
  /** The reply's tokens in demo mode; otherwise ' w<i>'. */
  tokens: string[] | undefined;
  promptTokens: number;
  includeUsage: boolean;
  cut: boolean;
  /** Prefill of the uncached prompt blocks (prefix-cache model), added to the first token's delay. */
  prefillMs: number;
}

async function stream(
  req: IncomingMessage,
  res: ServerResponse,
  plan: StreamPlan,
  options: ResolvedSimulatorOptions,
  stats: SimulatorStats,
): Promise<void> {
  let closed = false;
  res.on('close', () => {
    if (!res.writableFinished) {
      closed = true;
      stats.abortedStreams++;
    }
  });
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const id = `chatcmpl-sim${stats.requests}`;
  const created = Math.floor(Date.now() / 1000);
  const object = plan.chat ? 'chat.completion.chunk' : 'text_completion';
  const stamp = () => (options.stampChunks ? { sent_at_ms: performance.timeOrigin + performance.now() } : {});
  const chunk = (choice: Record<string, unknown>, usage: unknown = undefined) =>
    `data: ${JSON.stringify({ id, object, created, model: plan.model, choices: choice ? [choice] : [], ...(usage ? { usage } : {}), ...stamp() })}\n\n`;
  if (plan.chat)
    res.write(chunk({ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }));
  await sleep(delay(options.timeToFirstTokenMs + plan.prefillMs, options));
  // A cut stream breaks after about half of the answer (at least one token), without [DONE].
  const cutAt = plan.cut ? Math.max(1, Math.floor(plan.outputTokens / 2)) : -1;
  for (let i = 0; i < plan.outputTokens; i++) {
    if (closed) return;
    // end() flushes what was written, then closes: the client gets the first half, then a broken stream.
    if (i === cutAt) return void req.socket.end();
    const text = plan.tokens ? plan.tokens[i] : words(i, 1);
    res.write(
      chunk(
        plan.chat
          ? { index: 0, delta: { content: text }, finish_reason: null }
          : { index: 0, text, finish_reason: null },
      ),
    );
    if (i < plan.outputTokens - 1 && options.interTokenLatencyMs > 0)
      await sleep(delay(options.interTokenLatencyMs, options));
  }
  if (closed) return;
  res.write(
    chunk(
      plan.chat
        ? { index: 0, delta: {}, finish_reason: 'stop' }
        : { index: 0, text: '', finish_reason: 'stop' },
    ),
  );
  if (plan.includeUsage) {
    const usage = {
      prompt_tokens: plan.promptTokens,
      completion_tokens: plan.outputTokens,
      total_tokens: plan.promptTokens + plan.outputTokens,
    };
    res.write(`data: ${JSON.stringify({ id, object, created, model: plan.model, choices: [], usage })}\n\n`);
  }
  res.end('data: [DONE]\n\n');
  stats.completedStreams++;
}

function embeddings(
  res: ServerResponse,
  body: Record<string, unknown>,
  model: string,
  options: ResolvedSimulatorOptions,
) {
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  let tokens = 0;
  const data = inputs.map((input, index) => {
    const text = String(input ?? '');
    tokens += Math.max(1, Math.ceil(text.length / 4));
    const vector = pseudoVector(text, options.embeddingDimensions);
    // The openai client asks for base64 (little-endian float32) by default.
    const embedding =
      body.encoding_format === 'base64'
        ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
        : vector;
    return { object: 'embedding', index, embedding };
  });
  return json(res, 200, {
    object: 'list',
    data,
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

/** A deterministic unit vector derived from the text, so equal inputs embed equally. */
function pseudoVector(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (let i = 0; i < text.length; i++) vector[i % dimensions] += text.charCodeAt(i) % 31;
  const norm = Math.hypot(...vector) || 1;
  return vector.map((v) => v / norm);
}

function pickFault(req: IncomingMessage, options: ResolvedSimulatorOptions): SimulatorFault | undefined {
  const forced = req.headers['x-simulator-fault'];
  if (typeof forced === 'string' && forced.length > 0) return forced as SimulatorFault;
  let roll = options.random();
  for (const [fault, probability] of Object.entries(options.faults) as [SimulatorFault, number][]) {
    if (roll < probability) return fault;
    roll -= probability;
  }
  return undefined;
}

function pickLength(body: Record<string, unknown>, options: ResolvedSimulatorOptions): number {
  const { min, max } = options.outputTokens;
  let n = min + Math.floor(options.random() * (max - min + 1));
  const cap = body.max_tokens ?? body.max_completion_tokens;
  if (typeof cap === 'number' && cap > 0) n = Math.min(n, cap);
  return n;
}

/** About four characters per token, the usual rule of thumb for English. */
function estimatePromptTokens(body: Record<string, unknown>): number {
  let chars = 0;
  if (Array.isArray(body.messages)) {
    for (const m of body.messages as { content?: unknown }[])
      chars += typeof m.content === 'string' ? m.content.length : 16;
  } else if (typeof body.prompt === 'string') chars = body.prompt.length;
  return Math.max(1, Math.ceil(chars / 4));
}

/** Output text: token i is " w<i>" so that a test can tell which tokens arrived. */
function words(from: number, count: number): string {
  let text = '';
  for (let i = from; i < from + count; i++) text += ` w${i}`;
  return text;
}

function delay(ms: number, options: ResolvedSimulatorOptions): number {
  if (ms <= 0) return 0;
  return options.jitter > 0 ? ms * (1 + options.jitter * (options.random() * 2 - 1)) : ms;
}

function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const payload = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}
