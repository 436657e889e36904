// Anthropic Messages answers → OpenAI chat completions or legacy text completions (/v1/completions),
// whole or as stream chunks: each endpoint gets the shape OpenAI's own API gives it.
import type { Endpoint } from '../upstream/index.js';

/** The OpenAI endpoints an Anthropic answer can be shaped for. */
export type AnswerEndpoint = Exclude<Endpoint, 'embeddings'>;

const finishReasons: Record<string, string> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

export function finishReason(stopReason: unknown): string {
  return finishReasons[String(stopReason)] ?? 'stop';
}

interface AnthropicMessage {
  id: string;
  model: string;
  content: { type: string; text?: string; id?: string; name?: string; input?: unknown }[];
  stop_reason: string | null;
  usage: AnthropicUsage;
}

interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
}

/**
 * Anthropic counts cache reads and writes apart from input_tokens; OpenAI's prompt_tokens includes
 * cached tokens (prompt_tokens_details.cached_tokens). The write count has no OpenAI field and is
 * kept under Anthropic's name, so that the gateway prices it.
 */
export function openAIUsage(usage: Partial<AnthropicUsage>): Record<string, unknown> {
  const read = usage.cache_read_input_tokens ?? 0;
  const written = usage.cache_creation_input_tokens ?? 0;
  const prompt = (usage.input_tokens ?? 0) + read + written;
  const output = usage.output_tokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: output,
    total_tokens: prompt + output,
    ...(read > 0 || written > 0
      ? { prompt_tokens_details: { cached_tokens: read }, cache_creation_input_tokens: written }
      : {}),
  };
}

export function fromAnthropicMessage(
  message: AnthropicMessage,
  requestedModel: string,
): Record<string, unknown> {
  const text = message.content
    .filter((b) => b.type === 'text')
    .map((b) => b.text ?? '')
    .join('');
  const toolCalls = message.content
    .filter((b) => b.type === 'tool_use')
    .map((b) => ({
      id: b.id,
      type: 'function',
      function: { name: b.name, arguments: JSON.stringify(b.input ?? {}) },
    }));
  return {
    id: message.id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: message.model ?? requestedModel,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text || null,
          ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: finishReason(message.stop_reason),
        logprobs: null,
      },
    ],
    usage: openAIUsage(message.usage),
  };
}

/** A whole chat completion (from fromAnthropicMessage) as a legacy text completion. */
export function toTextCompletion(chat: Record<string, unknown>): Record<string, unknown> {
  const choice = (chat.choices as { message: { content: string | null }; finish_reason: string }[])[0];
  return {
    id: chat.id,
    object: 'text_completion',
    created: chat.created,
    model: chat.model,
    choices: [
      { index: 0, text: choice.message.content ?? '', finish_reason: choice.finish_reason, logprobs: null },
    ],
    usage: chat.usage,
  };
}

/**
 * Turns Anthropic stream events into OpenAI chunks (JSON text), one event at a time: chat chunks
 * (`delta`) for the chat endpoint, `text_completion` chunks (`text`) for /v1/completions.
 */
export class AnthropicStreamTranslator {
  private id = 'msg';
  private model: string;
  private readonly endpoint: AnswerEndpoint;
  private usage: Partial<AnthropicUsage> = {};
  private readonly created = Math.floor(Date.now() / 1000);
  /** Anthropic content block index → OpenAI tool call index. */
  private readonly toolIndex = new Map<number, number>();

  constructor(model: string, endpoint: AnswerEndpoint = 'chat') {
    this.model = model;
    this.endpoint = endpoint;
  }

  private get object(): string {
    return this.endpoint === 'completions' ? 'text_completion' : 'chat.completion.chunk';
  }

  /** Returns the chunks for one event; `done` once message_stop arrived. */
  translate(
    type: string | undefined,
    data: Record<string, unknown>,
  ): { chunks: string[]; done: boolean; error?: string } {
    const kind = type ?? (data.type as string);
    switch (kind) {
      case 'message_start': {
        const message = data.message as { id: string; model: string; usage?: Partial<AnthropicUsage> };
        this.id = message.id;
        this.model = message.model ?? this.model;
        this.usage = { ...message.usage };
        // A text completion stream has no role chunk: its first chunk carries text.
        if (this.endpoint === 'completions') return { chunks: [], done: false };
        return { chunks: [this.chunk({ role: 'assistant', content: '' }, null)], done: false };
      }
      case 'content_block_start': {
        const block = data.content_block as { type: string; id?: string; name?: string };
        if (block.type !== 'tool_use' || this.endpoint === 'completions') return { chunks: [], done: false };
        const index = this.toolIndex.size;
        this.toolIndex.set(data.index as number, index);
        return {
          chunks: [
            this.chunk(
              {
                tool_calls: [
                  { index, id: block.id, type: 'function', function: { name: block.name, arguments: '' } },
                ],
              },
              null,
            ),
          ],
          done: false,
        };
      }
      case 'content_block_delta': {
        const delta = data.delta as { type: string; text?: string; partial_json?: string };
        if (delta.type === 'text_delta')
          return { chunks: [this.chunk({ content: delta.text ?? '' }, null)], done: false };
        if (delta.type === 'input_json_delta' && this.endpoint === 'chat') {
          const index = this.toolIndex.get(data.index as number) ?? 0;
          return {
            chunks: [
              this.chunk(
                { tool_calls: [{ index, function: { arguments: delta.partial_json ?? '' } }] },
                null,
              ),
            ],
            done: false,
          };
        }
        return { chunks: [], done: false };
      }
      case 'message_delta': {
        const delta = data.delta as { stop_reason?: string };
        const usage = data.usage as Partial<AnthropicUsage> | undefined;
        // message_delta's counts are cumulative: the latest non-zero value of each wins.
        for (const [name, value] of Object.entries(usage ?? {}))
          if (typeof value === 'number' && value > 0) this.usage[name as keyof AnthropicUsage] = value;
        return { chunks: [this.chunk({}, finishReason(delta.stop_reason))], done: false };
      }
      case 'message_stop': {
        const usage = openAIUsage(this.usage);
        return {
          chunks: [
            JSON.stringify({
              id: this.id,
              object: this.object,
              created: this.created,
              model: this.model,
              choices: [],
              usage,
            }),
          ],
          done: true,
        };
      }
      case 'error': {
        const error = data.error as { message?: string } | undefined;
        return { chunks: [], done: false, error: error?.message ?? 'Anthropic stream error' };
      }
      default:
        return { chunks: [], done: false };
    }
  }

  private chunk(delta: { content?: string } & Record<string, unknown>, finish: string | null): string {
    const choice =
      this.endpoint === 'completions'
        ? { index: 0, text: delta.content ?? '', logprobs: null, finish_reason: finish }
        : { index: 0, delta, finish_reason: finish };
    return JSON.stringify({
      id: this.id,
      object: this.object,
      created: this.created,
      model: this.model,
      choices: [choice],
    });
  }
}
