// A model that answers instantly from a fixed 10-step script (9 tool calls, then an answer), so
// that a benchmark measures the loop around it, not the model. reset() starts the script again.
import type {
  LanguageModelV3,
  LanguageModelV3Content,
  LanguageModelV3GenerateResult,
} from '@ai-sdk/provider';

export const scriptSteps = 10;

export interface ZeroLatencyModel extends LanguageModelV3 {
  reset(): void;
}

export function createZeroLatencyModel(): ZeroLatencyModel {
  const usage = {
    inputTokens: { total: 100, noCache: 100, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: 10, text: 10, reasoning: undefined },
  };
  const results: LanguageModelV3GenerateResult[] = Array.from({ length: scriptSteps }, (_, index) => {
    const content: LanguageModelV3Content[] =
      index < scriptSteps - 1
        ? [{ type: 'tool-call', toolCallId: `call_${index}`, toolName: 'echo', input: `{"n":${index}}` }]
        : [{ type: 'text', text: 'done' }];
    return {
      content,
      finishReason: { unified: index < scriptSteps - 1 ? 'tool-calls' : 'stop', raw: undefined },
      usage,
      warnings: [],
    };
  });
  let next = 0;
  return {
    specificationVersion: 'v3',
    provider: 'bench',
    modelId: 'zero-latency',
    supportedUrls: {},
    reset() {
      next = 0;
    },
    async doGenerate() {
      return results[next++ % scriptSteps];
    },
    async doStream() {
      throw new Error('the benchmark model does not stream');
    },
  };
}
