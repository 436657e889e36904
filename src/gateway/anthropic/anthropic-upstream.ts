// Anthropic's Messages API as an upstream: OpenAI chat and completion requests are translated on the
// way in and answers (whole or streamed, tools included) on the way out, so clients only ever see
// OpenAI's format, in the shape of the endpoint they called.
import { Pool } from 'undici';
import { SseParser } from '../sse/index.js';
import type { ClientAbort } from '../upstream/index.js';
import {
  classifyError,
  parseRetryAfter,
  readAnswerText,
  type Upstream,
  UpstreamFailure,
  type UpstreamRequest,
  type UpstreamResponse,
} from '../upstream/index.js';
import {
  type AnswerEndpoint,
  AnthropicStreamTranslator,
  fromAnthropicMessage,
  toTextCompletion,
} from './from-anthropic-response.js';
import { passStream } from './pass-stream.js';
import { type PromptCachingOptions, toAnthropicRequest } from './to-anthropic-request.js';

export interface AnthropicUpstreamOptions {
  name: string;
  /** e.g. https://api.anthropic.com/v1 */
  baseURL: string;
  apiKey?: string;
  headers?: Record<string, string>;
  connections?: number;
  /** anthropic-version header. */
  version?: string;
  /** Automatic cache_control breakpoints on long stable prefixes. */
  promptCaching?: PromptCachingOptions;
}

export function createAnthropicUpstream(options: AnthropicUpstreamOptions): Upstream {
  const {
    name,
    baseURL,
    apiKey,
    headers = {},
    connections = 64,
    version = '2023-06-01',
    promptCaching = {},
  } = options;
  const url = new URL(baseURL);
  const path = `${url.pathname.replace(/\/$/, '')}/messages`;
  const pool = new Pool(url.origin, { connections });
  const fixedHeaders: Record<string, string> = {
    'content-type': 'application/json',
    'anthropic-version': version,
    ...headers,
  };
  if (apiKey) fixedHeaders['x-api-key'] = apiKey;

  return {
    name,
    type: 'anthropic',
    async send(request: UpstreamRequest): Promise<UpstreamResponse> {
      if (request.endpoint === 'embeddings') {
        throw new UpstreamFailure('status', `${name}: Anthropic has no embeddings endpoint`, {
          status: 400,
          body: JSON.stringify({
            error: {
              message: 'This model (an Anthropic upstream) does not serve embeddings.',
              type: 'invalid_request_error',
            },
          }),
        });
      }
      const { signal, timeoutMs } = request;
      if (request.native?.untranslatable && request.native.api !== 'messages') {
        throw new UpstreamFailure('status', `${name} cannot take this request`, {
          status: 400,
          body: JSON.stringify({
            error: { message: request.native.untranslatable, type: 'invalid_request_error' },
          }),
        });
      }
      const model = String(request.body.model);
      // A Messages API request from a client: sent as the client wrote it (cache_control included).
      const native = request.native?.api === 'messages' ? request.native.body : undefined;
      let response: Awaited<ReturnType<Pool['request']>>;
      try {
        response = await pool.request({
          path,
          method: 'POST',
          headers: fixedHeaders,
          body: JSON.stringify(
            native ? { ...native, model } : toAnthropicRequest(request.body, promptCaching),
          ),
          signal,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
      } catch (error) {
        throw classifyError(error, signal);
      }
      const { statusCode, body } = response;
      if (statusCode >= 400 || !request.stream) {
        const text = await readAnswerText(body, signal, name);
        if (statusCode >= 400) {
          // Anthropic's 529 "overloaded" is a 503 in OpenAI terms (so that fallbacks apply).
          const status = statusCode === 529 ? 503 : statusCode;
          throw new UpstreamFailure('status', `${name} answered ${statusCode}`, {
            status,
            retryAfterMs: parseRetryAfter(response.headers['retry-after']),
            body: toOpenAIError(text),
          });
        }
        if (native) return { kind: 'json', status: 200, text };
        const translated = fromAnthropicMessage(JSON.parse(text), model);
        if (request.endpoint === 'completions')
          return { kind: 'json', status: 200, text: JSON.stringify(toTextCompletion(translated)) };
        return { kind: 'json', status: 200, text: JSON.stringify(translated) };
      }
      if (native) return { kind: 'stream', chunks: passStream(body, signal, name) };
      return { kind: 'stream', chunks: translateStream(body, signal, name, model, request.endpoint) };
    },
    async close() {
      await pool.close().catch(() => pool.destroy());
    },
  };
}

async function* translateStream(
  body: AsyncIterable<Buffer>,
  signal: ClientAbort,
  name: string,
  model: string,
  endpoint: AnswerEndpoint,
): AsyncGenerator<string> {
  const parser = new SseParser();
  const translator = new AnthropicStreamTranslator(model, endpoint);
  try {
    for await (const bytes of body) {
      for (const event of parser.push(bytes)) {
        const result = translator.translate(event.event, JSON.parse(event.data) as Record<string, unknown>);
        if (result.error) throw new UpstreamFailure('cut', `${name} sent an error event: ${result.error}`);
        yield* result.chunks;
        if (result.done) return;
      }
    }
  } catch (error) {
    if (error instanceof UpstreamFailure) throw error;
    const failure = classifyError(error, signal);
    throw new UpstreamFailure(
      failure.kind === 'timeout' ? 'timeout' : 'cut',
      `${name}: stream broke: ${failure.message}`,
      { cause: error },
    );
  }
  throw new UpstreamFailure('cut', `${name}: stream ended without message_stop`);
}

function toOpenAIError(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: { type?: string; message?: string } };
    return JSON.stringify({
      error: { message: parsed.error?.message ?? text, type: parsed.error?.type ?? 'upstream_error' },
    });
  } catch {
    return JSON.stringify({ error: { message: text.slice(0, 500), type: 'upstream_error' } });
  }
}
