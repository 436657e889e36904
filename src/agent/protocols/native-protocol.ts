// Native protocol: the provider's own tool calling. Calls that a model wrote into its text instead
// (a <tool_call> tag, [TOOL_CALLS]..., Qwen3-Coder XML, Gemma, DeepSeek, Kimi, pythonic lists) are
// read from the text by parseToolCalls, under the same repair policy as the text protocols.
import type { LanguageModelV3Message, LanguageModelV3Prompt } from '@ai-sdk/provider';
import { finishCall } from '../parse/call-shapes.js';
import { contextFor } from '../parse/parse-context.js';
import { parseToolCalls } from '../parse/parse-tool-calls.js';
import { observationText, type ToolProtocol } from './tool-protocol.js';
import { turnFromParse } from './turn-from-parse.js';

export const nativeProtocol: ToolProtocol = {
  name: 'native',
  prompt({ instructions, messages, tools, toolsEnabled }) {
    const prompt: LanguageModelV3Prompt = [];
    if (instructions) prompt.push({ role: 'system', content: instructions });
    for (const message of messages) prompt.push(toProviderMessage(message));
    return {
      prompt,
      tools:
        tools.length > 0
          ? tools.map((tool) => ({
              type: 'function' as const,
              name: tool.name,
              description: tool.description,
              inputSchema: tool.inputSchema as never,
            }))
          : undefined,
      toolChoice: tools.length > 0 ? { type: toolsEnabled ? 'auto' : 'none' } : undefined,
    };
  },
  parse(turn, { step, tools, model }) {
    if (turn.nativeCalls.length > 0) {
      // Provider calls name their tool exactly: a wrong name is told to the model, not normalised.
      const loose = contextFor(tools);
      const context = {
        tools,
        resolve: (name: string) => {
          const found = loose.resolve(name);
          return found.normalised ? { name, normalised: false } : found;
        },
      };
      return {
        calls: turn.nativeCalls.map((native) => {
          // The provider's arguments string goes through the same strict reader as text calls.
          const read = finishCall(native.name, native.input, native.input, 'native', context);
          if ('call' in read) return { ...read.call, id: native.id };
          return {
            name: native.name,
            input: {},
            raw: native.input,
            format: 'native' as const,
            repairs: [],
            inputError: read.error.message,
            id: native.id,
          };
        }),
      };
    }
    if (tools.length === 0) return { calls: [], finalText: turn.text };
    return turnFromParse(
      parseToolCalls(turn.text, { tools, model }),
      step,
      'Call the tool again with its arguments as one complete JSON object, or answer in plain text.',
    );
  },
};
function toProviderMessage(
  message: Parameters<ToolProtocol['prompt']>[0]['messages'][number],
): LanguageModelV3Message {
  switch (message.role) {
    case 'user':
    case 'feedback':
      return { role: 'user', content: [{ type: 'text', text: message.text }] };
    case 'assistant':
      return {
        role: 'assistant',
        content: [
          ...(message.text ? [{ type: 'text' as const, text: message.text }] : []),
          ...message.toolCalls.map((call) => ({
            type: 'tool-call' as const,
            toolCallId: call.id,
            toolName: call.name,
            input: call.input,
          })),
        ],
      };
    case 'tool':
      return {
        role: 'tool',
        content: message.results.map((result) => ({
          type: 'tool-result' as const,
          toolCallId: result.id,
          toolName: result.name,
          output: result.isError
            ? { type: 'error-text' as const, value: observationText(result.output) }
            : typeof result.output === 'string'
              ? { type: 'text' as const, value: result.output }
              : { type: 'json' as const, value: (result.output ?? null) as never },
        })),
      };
  }
}
