// Native protocol: the provider's own tool calling. Calls that a small model wrote into its text
// instead (a <tool_call> tag, [TOOL_CALLS]...) are recovered from the text.
import type { LanguageModelV3Message, LanguageModelV3Prompt } from '@ai-sdk/provider';
import { extractToolCalls } from '../parse/extract-tool-calls.js';
import { normaliseCall } from '../parse/normalise-call.js';
import { observationText, type ToolProtocol } from './tool-protocol.js';

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
  parse(turn, { step, toolNames }) {
    if (turn.nativeCalls.length > 0) {
      return {
        calls: turn.nativeCalls.map((call) => ({
          ...(normaliseCall({ name: call.name, arguments: call.input }, call.input) ?? {
            name: call.name,
            input: {},
            raw: call.input,
          }),
          id: call.id,
        })),
      };
    }
    const recovered =
      toolNames.length > 0 ? extractToolCalls(turn.text, { toolNames }) : { calls: [], prose: '' };
    if (recovered.calls.length > 0) {
      return { calls: recovered.calls.map((call, index) => ({ ...call, id: `call_${step}_${index}` })) };
    }
    return { calls: [], finalText: turn.text };
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
