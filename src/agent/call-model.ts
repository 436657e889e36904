// One model call, streamed or not, reduced to a ModelTurn. Streaming yields the text deltas as
// they arrive so that the loop can pass them on as events.
import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3Usage } from '@ai-sdk/provider';
import type { ModelTurn } from './protocols/tool-protocol.js';

export async function* callModel(
  model: LanguageModelV3,
  options: LanguageModelV3CallOptions,
  stream: boolean,
): AsyncGenerator<string, ModelTurn> {
  if (!stream) {
    const result = await model.doGenerate(options);
    let text = '';
    const nativeCalls: ModelTurn['nativeCalls'] = [];
    for (const part of result.content) {
      if (part.type === 'text') text += part.text;
      else if (part.type === 'tool-call' && !part.providerExecuted) {
        nativeCalls.push({ id: part.toolCallId, name: part.toolName, input: part.input });
      }
    }
    return { text, nativeCalls, ...tokens(result.usage), finishReason: result.finishReason.unified };
  }
  const { stream: parts } = await model.doStream(options);
  const reader = parts.getReader();
  let text = '';
  const nativeCalls: ModelTurn['nativeCalls'] = [];
  let usage: LanguageModelV3Usage | undefined;
  let finishReason = 'unknown';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.type === 'text-delta') {
        text += value.delta;
        yield value.delta;
      } else if (value.type === 'tool-call' && !value.providerExecuted) {
        nativeCalls.push({ id: value.toolCallId, name: value.toolName, input: value.input });
      } else if (value.type === 'finish') {
        usage = value.usage;
        finishReason = value.finishReason.unified;
      } else if (value.type === 'error') {
        throw value.error;
      }
    }
  } finally {
    reader.releaseLock();
  }
  return { text, nativeCalls, ...tokens(usage), finishReason };
}

function tokens(usage: LanguageModelV3Usage | undefined): { inputTokens: number; outputTokens: number } {
  return { inputTokens: usage?.inputTokens.total ?? 0, outputTokens: usage?.outputTokens.total ?? 0 };
}
