// Zero-latency scripted models for the three frameworks, so that the benchmark measures the
// orchestration around the model: each answers at once from a rule over what it was sent.
import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3Content } from '@ai-sdk/provider';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { type Model, type ModelRequest, type ModelResponse, Usage } from '@openai/agents';

export type Reply = { call: { name: string; args: Record<string, unknown> } } | { text: string };

const usage = {
  inputTokens: { total: 100, noCache: 100, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 10, text: 10, reasoning: undefined },
};

/** Gantry (AI SDK LanguageModelV3): `decide` reads the prompt and returns the reply. */
export function gantryModel(decide: (options: LanguageModelV3CallOptions) => Reply): LanguageModelV3 {
  let id = 0;
  return {
    specificationVersion: 'v3',
    provider: 'bench',
    modelId: 'zero-latency',
    supportedUrls: {},
    async doGenerate(options) {
      const reply = decide(options);
      const content: LanguageModelV3Content[] =
        'call' in reply
          ? [
              {
                type: 'tool-call',
                toolCallId: `c${id++}`,
                toolName: reply.call.name,
                input: JSON.stringify(reply.call.args),
              },
            ]
          : [{ type: 'text', text: reply.text }];
      return {
        content,
        finishReason: { unified: 'call' in reply ? 'tool-calls' : 'stop', raw: undefined },
        usage,
        warnings: [],
      };
    },
    async doStream() {
      throw new Error('not used');
    },
  };
}

/** OpenAI Agents SDK Model. */
export class AgentsModel implements Model {
  private id = 0;
  constructor(private readonly decide: (request: ModelRequest) => Reply) {}
  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    const reply = this.decide(request);
    const output: ModelResponse['output'] =
      'call' in reply
        ? [
            {
              type: 'function_call',
              callId: `c${this.id++}`,
              name: reply.call.name,
              arguments: JSON.stringify(reply.call.args),
              status: 'completed',
            },
          ]
        : [
            {
              type: 'message',
              role: 'assistant',
              status: 'completed',
              content: [{ type: 'output_text', text: reply.text }],
            },
          ];
    return {
      usage: new Usage({ requests: 1, inputTokens: 100, outputTokens: 10, totalTokens: 110 }),
      output,
    };
  }
  // biome-ignore lint/correctness/useYield: the benchmark never streams
  async *getStreamedResponse(): AsyncIterable<never> {
    throw new Error('not used');
  }
}

/** LangChain chat model (for LangGraph). */
export class LangChainModel extends BaseChatModel {
  private id = 0;
  constructor(private readonly decide: (messages: BaseMessage[]) => Reply) {
    super({});
  }
  _llmType(): string {
    return 'zero-latency';
  }
  override bindTools(): this {
    return this;
  }
  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const reply = this.decide(messages);
    const message =
      'call' in reply
        ? new AIMessage({
            content: '',
            tool_calls: [
              { name: reply.call.name, args: reply.call.args, id: `c${this.id++}`, type: 'tool_call' },
            ],
            usage_metadata: { input_tokens: 100, output_tokens: 10, total_tokens: 110 },
          })
        : new AIMessage({
            content: reply.text,
            usage_metadata: { input_tokens: 100, output_tokens: 10, total_tokens: 110 },
          });
    return { generations: [{ text: typeof message.content === 'string' ? message.content : '', message }] };
  }
}
