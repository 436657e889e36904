// ReAct through the agent runtime's loop (reason, call a tool, observe, repeat), reported in the same
// shape as the other strategies so that they can be compared side by side.
import { createAgent, type StopReason } from '../../agent/index.js';
import type { AnyTool } from '../../tool/index.js';
import type { ReasoningOptions } from '../reasoning-context.js';
import type { ReasoningCall, ReasoningResult, ReasoningStopReason } from '../reasoning-result.js';

export interface ReactOptions extends ReasoningOptions {
  task: string;
  tools?: readonly AnyTool[];
}

export async function react(options: ReactOptions): Promise<ReasoningResult<string>> {
  const agent = createAgent({
    model: options.model,
    modelName: options.modelName,
    instructions: options.instructions,
    tools: options.tools ?? [],
    limits: options.limits,
    maxOutputTokens: options.maxOutputTokens,
  });
  const result = await agent.run(options.task, {
    signal: options.signal,
    parentBudget: options.parentBudget,
  });
  const trace: ReasoningCall[] = [];
  for (const message of result.messages) {
    if (message.role === 'assistant') {
      trace.push({
        index: trace.length,
        role: message.toolCalls.length ? 'actor' : 'solver',
        purpose: message.toolCalls.length
          ? `call ${message.toolCalls.map((call) => call.name).join(', ')}`
          : 'answer',
        prompt: '',
        output: message.text,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
      });
    } else if (message.role === 'tool') {
      for (const toolResult of message.results) {
        trace.push({
          index: trace.length,
          role: 'tool',
          purpose: toolResult.id,
          prompt: '',
          output:
            typeof toolResult.output === 'string' ? toolResult.output : JSON.stringify(toolResult.output),
          inputTokens: 0,
          outputTokens: 0,
          costUsd: 0,
        });
      }
    }
  }
  return {
    answer: result.text || undefined,
    stopReason: stopReasonOf(result.stopReason),
    stopMessage: result.stopMessage,
    trace,
    usage: result.usage,
  };
}

function stopReasonOf(reason: StopReason): ReasoningStopReason {
  switch (reason) {
    case 'final-answer':
    case 'step-limit':
    case 'token-limit':
    case 'cost-limit':
    case 'time-limit':
    case 'aborted':
      return reason;
    case 'tool-call-limit':
      return 'step-limit';
    default:
      return 'iteration-limit';
  }
}
