// An OpenAI-compatible backend (vLLM, TGI, Ollama, llama.cpp, OpenAI, the simulator...) over a
// keep-alive undici Pool: one pool per upstream, so connections are reused across requests.
import { Pool } from 'undici';
import type { ClientAbort } from './client-abort.js';
import { readAnswerText } from './read-answer-text.js';
import { readUpstreamSse } from './read-upstream-sse.js';
import { requestJsonAnswer } from './request-whole-answer.js';
import { readResponsesEvents } from './responses-events.js';
import type {
  Endpoint,
  MediaRequest,
  MediaResponse,
  NativeApi,
  Upstream,
  UpstreamRequest,
  UpstreamResponse,
} from './upstream.js';
import { classifyError, statusFailure, UpstreamFailure } from './upstream-failure.js';

export interface OpenAICompatibleUpstreamOptions {
  name: string;
  /** Base URL including the version segment, e.g. http://127.0.0.1:8000/v1. */
  baseURL: string;
  apiKey?: string;
  headers?: Record<string, string>;
  connections?: number;
  /** Default headers and body timeout, set on the pool; a request with another one sets its own. */
  timeoutMs?: number;
  /** Native APIs it speaks besides chat: 'responses' (POST /responses), 'images', 'audio'. */
  apis?: readonly NativeApi[];
}

const paths: Record<Endpoint, string> = {
  chat: '/chat/completions',
  completions: '/completions',
  embeddings: '/embeddings',
};

export function createOpenAICompatibleUpstream(options: OpenAICompatibleUpstreamOptions): Upstream {
  const {
    name,
    baseURL,
    apiKey,
    headers = {},
    connections = 128,
    timeoutMs: poolTimeoutMs = 60_000,
  } = options;
  const apis = new Set(options.apis ?? []);
  const url = new URL(baseURL);
  const basePath = url.pathname.replace(/\/$/, '');
  // Timeouts on the pool, not per request: per-request timeouts measurably cost CPU in undici.
  const pool = new Pool(url.origin, {
    connections,
    pipelining: 1,
    headersTimeout: poolTimeoutMs,
    bodyTimeout: poolTimeoutMs,
  });
  const fixedHeaders: Record<string, string> = { 'content-type': 'application/json', ...headers };
  if (apiKey) fixedHeaders.authorization = `Bearer ${apiKey}`;
  // The same headers as name/value pairs: undici walks a flat list without Object.keys and a keyed
  // read per header (same headers sent). Each endpoint's path made once: `basePath + path` per
  // request is a new concatenation that undici's checks (path[0], a regex) flatten every time.
  const fixedHeaderList = Object.entries(fixedHeaders).flat();
  const fullPaths = Object.fromEntries(
    Object.entries(paths).map(([endpoint, path]) => [endpoint, basePath + path]),
  ) as Record<Endpoint, string>;
  const responsesPath = `${basePath}/responses`;
  const host = url.host;

  async function sendStream(
    request: UpstreamRequest,
    path: string,
    body: string,
    ownTimeout: boolean,
    responses: boolean,
  ): Promise<UpstreamResponse> {
    const { signal, timeoutMs } = request;
    let response: Awaited<ReturnType<Pool['request']>>;
    try {
      const options: Parameters<Pool['request']>[0] = {
        path,
        method: 'POST',
        headers: fixedHeaders,
        body,
        signal,
      };
      if (ownTimeout) {
        options.headersTimeout = timeoutMs;
        options.bodyTimeout = timeoutMs;
      }
      response = await pool.request(options);
    } catch (error) {
      throw classifyError(error, signal);
    }
    const { statusCode, body: answer } = response;
    if (statusCode >= 400) {
      const text = await readAnswerText(answer, signal, name);
      throw statusFailure(name, statusCode, response.headers, text);
    }
    if (responses) return { kind: 'stream', chunks: readResponsesEvents(answer, signal, name) };
    return { kind: 'stream', chunks: readChunks(answer, signal, name) };
  }

  return {
    name,
    type: 'openai-compatible',
    apis,
    // Not an async function: a whole answer is the promise of requestJsonAnswer itself (no async
    // layer, promise or microtask turn of its own on the hot path); every failure is a rejection.
    send(request: UpstreamRequest): Promise<UpstreamResponse> {
      try {
        const { signal, timeoutMs, native } = request;
        // A Responses API request goes to /responses as the client wrote it (model swapped) when this
        // upstream speaks it; otherwise the chat translation is sent, if there is one.
        const responses = native?.api === 'responses' && apis.has('responses');
        if (native?.untranslatable && !responses) throw untranslatable(name, native.untranslatable);
        const path = responses ? responsesPath : fullPaths[request.endpoint];
        const body = responses
          ? JSON.stringify({ ...(native?.bodyFor?.(name) ?? native?.body), model: request.body.model })
          : (request.bodyText ?? JSON.stringify(request.body));
        const ownTimeout = timeoutMs !== poolTimeoutMs;
        if (!request.stream) {
          return requestJsonAnswer(pool, {
            path,
            headers: fixedHeaderList,
            body,
            signal,
            name,
            headersTimeout: ownTimeout ? timeoutMs : undefined,
            bodyTimeout: ownTimeout ? timeoutMs : undefined,
          });
        }
        return sendStream(request, path, body, ownTimeout, responses);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    async sendMedia(request: MediaRequest): Promise<MediaResponse> {
      const { signal, timeoutMs } = request;
      let response: Awaited<ReturnType<Pool['request']>>;
      try {
        response = await pool.request({
          path: basePath + request.path,
          method: 'POST',
          headers: { ...fixedHeaders, 'content-type': request.contentType },
          body: request.body,
          signal,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
      } catch (error) {
        throw classifyError(error, signal);
      }
      if (response.statusCode >= 400) {
        const text = await readAnswerText(response.body, signal, name);
        throw statusFailure(name, response.statusCode, response.headers, text);
      }
      return { status: response.statusCode, headers: response.headers, body: response.body };
    },
    async probe(timeoutMs) {
      try {
        const { statusCode, body } = await pool.request({
          path: `${basePath}/models`,
          method: 'GET',
          headers: fixedHeaders,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        await body.dump();
        return statusCode < 500;
      } catch {
        return false;
      }
    },
    async close() {
      await pool.close().catch(() => pool.destroy());
    },
    toString: () => `${name} (${host})`,
  } as Upstream;
}

function untranslatable(name: string, reason: string): UpstreamFailure {
  return new UpstreamFailure('status', `${name} cannot take this request: ${reason}`, {
    status: 400,
    body: JSON.stringify({ error: { message: reason, type: 'invalid_request_error' } }),
  });
}

function readChunks(body: AsyncIterable<Buffer>, signal: ClientAbort, name: string): AsyncGenerator<string> {
  return readUpstreamSse(body, signal, name, {
    lastEvent: '[DONE]',
    step(event) {
      if (event.data === '[DONE]') return 'end';
      if (event.event === 'error')
        throw new UpstreamFailure('cut', `${name} sent an error event: ${event.data.slice(0, 200)}`);
      return 'send';
    },
  });
}
