// The thin adapter from Gantry's agent runtime to the eval Target interface: the agent's answer is
// the output, its tool calls and results become the trajectory, its budget usage the usage and cost.
import type { Agent, AgentResult } from '../../agent/index.js';
import type { Target, TrajectoryStep } from '../types.js';

export function trajectoryOf(result: AgentResult): TrajectoryStep[] {
  const steps: TrajectoryStep[] = [];
  const byId = new Map<string, TrajectoryStep>();
  for (const message of result.messages) {
    if (message.role === 'assistant') {
      if (message.text && message.toolCalls.length > 0) steps.push({ kind: 'thought', text: message.text });
      for (const call of message.toolCalls) {
        const step: TrajectoryStep = {
          kind: 'tool-call',
          toolCall: { toolName: call.name, input: call.input },
        };
        byId.set(call.id, step);
        steps.push(step);
      }
    } else if (message.role === 'tool') {
      for (const r of message.results) {
        const step = byId.get(r.id);
        if (step?.toolCall) step.toolCall.output = r.isError ? { error: r.output } : r.output;
      }
    }
  }
  steps.push({ kind: 'answer', text: result.text });
  return steps;
}

export function agentTarget(agent: Agent): Target {
  return {
    name: `agent:${agent.name}`,
    async run(input, context) {
      const task = typeof input === 'string' ? input : JSON.stringify(input);
      const result = await agent.run(task, {
        signal: context.signal,
        metadata: { evalExample: context.example.id, trial: context.trial },
      });
      return {
        output: result.text,
        trajectory: trajectoryOf(result),
        usage: { inputTokens: result.usage.inputTokens, outputTokens: result.usage.outputTokens },
        cost: result.usage.costUsd,
        metadata: {
          stopReason: result.stopReason,
          steps: result.steps,
          runId: result.runId,
          protocol: result.protocol,
        },
      };
    },
  };
}
