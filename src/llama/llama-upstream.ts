// `type: llama` gateway upstream: serves a local GGUF on the OpenAI API (chat completions, streamed or
// whole, tools, response_format json_schema through a grammar; embeddings). Errors answer as OpenAI
// error bodies with the GantryError's status, so the router treats them like any backend's.

import { GantryError } from '../errors/index.js';
import {
  type ClientAbort,
  type Upstream,
  UpstreamFailure,
  type UpstreamRequest,
  type UpstreamResponse,
} from '../gateway/upstream/index.js';
import type { LlamaEngine } from './llama-engine.js';
import { type LlamaModelSettings, llamaEngineFor } from './llama-language-model.js';
import {
  type LlamaChatRequest,
  type LlamaChatResult,
  type LlamaToolChoice,
  runLlamaChat,
} from './run-llama-chat.js';
import { historyFromOpenAI } from './to-chat-history.js';

export interface LlamaUpstreamOptions extends LlamaModelSettings {
  name: string;
  /** GGUF path or hf: URI. */
  model: string;
}

export function createLlamaUpstream(options: LlamaUpstreamOptions): Upstream {
  const { name, model, ...settings } = options;
  let engine: Promise<LlamaEngine> | undefined;
  const load = () => {
    engine ??= llamaEngineFor(model, settings);
    engine.catch(() => {
      engine = undefined;
    });
    return engine;
  };
  return {
    name,
    type: 'llama',
    async send(request: UpstreamRequest): Promise<UpstreamResponse> {
      try {
        const loaded = await load();
        if (request.endpoint === 'embeddings') return await embeddings(loaded, request.body);
        if (request.endpoint !== 'chat') {
          throw new GantryError(
            'LLAMA_REQUEST_INVALID',
            'Local llama upstreams serve /v1/chat/completions and /v1/embeddings, not /v1/completions.',
            {
              hint: 'Send the prompt as a user message to /v1/chat/completions.',
            },
          );
        }
        const chat = chatRequestOf(request.body, request.signal);
        const modelName = String(request.body.model ?? model);
        return request.stream
          ? stream(loaded, chat, modelName, request.body)
          : await whole(loaded, chat, modelName);
      } catch (error) {
        throw failureOf(name, error);
      }
    },
    async probe() {
      return load().then(
        () => true,
        () => false,
      );
    },
    async close() {},
  };
}

function chatRequestOf(body: Record<string, unknown>, signal: ClientAbort): LlamaChatRequest {
  if (typeof body.n === 'number' && body.n > 1)
    throw new GantryError('LLAMA_REQUEST_INVALID', 'Local llama upstreams generate one choice (n = 1).', {
      hint: 'Send n separate requests.',
    });
  const format = body.response_format as { type?: string; json_schema?: { schema?: unknown } } | undefined;
  let jsonSchema: unknown;
  if (format?.type === 'json_schema') jsonSchema = format.json_schema?.schema ?? {};
  else if (format?.type === 'json_object') jsonSchema = { type: 'object', additionalProperties: true };
  const tools = Array.isArray(body.tools)
    ? (body.tools as { function: { name: string; description?: string; parameters?: unknown } }[]).map(
        (t) => ({
          name: t.function.name,
          description: t.function.description,
          parameters: t.function.parameters,
        }),
      )
    : undefined;
  const abort = new AbortController();
  if (signal.aborted) abort.abort();
  else signal.once('abort', () => abort.abort());
  const stop = typeof body.stop === 'string' ? [body.stop] : (body.stop as string[] | undefined);
  return {
    history: historyFromOpenAI(body.messages),
    tools,
    toolChoice: toolChoiceOf(body.tool_choice),
    jsonSchema,
    maxTokens: (body.max_completion_tokens ?? body.max_tokens) as number | undefined,
    temperature: body.temperature as number | undefined,
    topP: body.top_p as number | undefined,
    seed: body.seed as number | undefined,
    stop,
    signal: abort.signal,
  };
}

function toolChoiceOf(choice: unknown): LlamaToolChoice | undefined {
  if (choice === undefined || choice === 'auto' || choice === 'none' || choice === 'required') return choice;
  const named = (choice as { function?: { name?: string } })?.function?.name;
  if (named) return { name: named };
  throw new GantryError(
    'LLAMA_REQUEST_INVALID',
    `The tool_choice ${JSON.stringify(choice)} is not understood.`,
    {
      hint: 'Use "auto", "none", "required" or {"type": "function", "function": {"name": "..."}}.',
    },
  );
}

async function whole(engine: LlamaEngine, chat: LlamaChatRequest, model: string): Promise<UpstreamResponse> {
  const result = await runLlamaChat(engine, chat);
  const id = `chatcmpl-llama-${Date.now().toString(36)}`;
  return {
    kind: 'json',
    status: 200,
    text: JSON.stringify({
      id,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: result.toolCalls.length > 0 && !result.text ? null : result.text,
            ...(result.toolCalls.length > 0 ? { tool_calls: toolCallsOf(result, id) } : {}),
          },
          finish_reason: finishOf(result),
          logprobs: null,
        },
      ],
      usage: usageOf(result),
    }),
  };
}

function stream(
  engine: LlamaEngine,
  chat: LlamaChatRequest,
  model: string,
  body: Record<string, unknown>,
): UpstreamResponse {
  const id = `chatcmpl-llama-${Date.now().toString(36)}`;
  const created = Math.floor(Date.now() / 1000);
  const includeUsage =
    (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  let failure: unknown;
  const push = (text: string) => {
    queue.push(text);
    wake?.();
  };
  push(chunk({ role: 'assistant', content: '' }));
  runLlamaChat(engine, { ...chat, onText: (delta) => delta && push(chunk({ content: delta })) }).then(
    (result) => {
      if (result.toolCalls.length > 0)
        push(chunk({ tool_calls: toolCallsOf(result, id).map((call, index) => ({ index, ...call })) }));
      push(chunk({}, finishOf(result)));
      if (includeUsage)
        push(
          JSON.stringify({
            id,
            object: 'chat.completion.chunk',
            created,
            model,
            choices: [],
            usage: usageOf(result),
          }),
        );
      done = true;
      wake?.();
    },
    (error) => {
      failure = error;
      done = true;
      wake?.();
    },
  );
  async function* chunks(): AsyncIterable<string> {
    for (;;) {
      while (queue.length > 0) yield queue.shift() as string;
      if (done) {
        if (failure) throw failure;
        return;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
  }
  return { kind: 'stream', chunks: chunks() };
}

async function embeddings(engine: LlamaEngine, body: Record<string, unknown>): Promise<UpstreamResponse> {
  const inputs = (Array.isArray(body.input) ? body.input : [body.input]).map(String);
  const context = await engine.embeddingContext();
  const data = [];
  let tokens = 0;
  for (const [index, input] of inputs.entries()) {
    const vector = [...(await context.getEmbeddingFor(input)).vector];
    tokens += engine.model.tokenize(input).length;
    const embedding =
      body.encoding_format === 'base64'
        ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
        : vector;
    data.push({ object: 'embedding', index, embedding });
  }
  return {
    kind: 'json',
    status: 200,
    text: JSON.stringify({
      object: 'list',
      data,
      model: body.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    }),
  };
}

function toolCallsOf(result: LlamaChatResult, id: string) {
  return result.toolCalls.map((call, index) => ({
    id: `call_${id.slice(-8)}_${index}`,
    type: 'function',
    function: { name: call.name, arguments: JSON.stringify(call.arguments ?? {}) },
  }));
}

function finishOf(result: LlamaChatResult): string {
  return result.finishReason === 'tool-calls' ? 'tool_calls' : result.finishReason;
}

function usageOf(result: LlamaChatResult) {
  return {
    prompt_tokens: result.inputTokens,
    completion_tokens: result.outputTokens,
    total_tokens: result.inputTokens + result.outputTokens,
  };
}

/** A failure as the router expects it: an HTTP status with an OpenAI-style error body. */
function failureOf(name: string, error: unknown): UpstreamFailure {
  if (error instanceof UpstreamFailure) return error;
  const gantry = GantryError.isInstance(error) ? error : undefined;
  const status = gantry?.httpStatus ?? 500;
  const message = gantry
    ? `${gantry.message}${gantry.hint ? ` ${gantry.hint}` : ''}`
    : (error as Error).message;
  const body = JSON.stringify({
    error: {
      message,
      type: status < 500 ? 'invalid_request_error' : 'server_error',
      code: gantry?.code ?? null,
    },
  });
  return new UpstreamFailure('status', `${name} answered ${status}: ${message}`, { status, body });
}
