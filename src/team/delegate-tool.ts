// Supervisor: a worker as a tool of the member above it. The worker runs as a Gantry agent whose
// budget is carved from its caller's run budget (so the whole tree draws from the team's), and
// returns its answer, its turn, or a typed result: never its whole transcript unless asked.
// Delegating to itself or to an ancestor stops the team with `handoff-cycle`.
import { z } from 'zod';
import { type AgentResult, ApprovalPending, Budget, readValue } from '../agent/index.js';
import type { AnyTool } from '../tool/index.js';
import { TeamHalted } from './gated-model.js';
import type { TeamMember } from './team-definition.js';
import type { TeamRuntime } from './team-runtime.js';
import { isBudgetReason } from './team-stop.js';
import { renderHistory, turnFromMessages } from './transcript.js';

const defaultMaxDepth = 8;
// One schema object for every delegate tool: its JSON Schema is computed once and cached.
const delegateInput = z.object({
  task: z.string().min(1).describe('the task for this agent, with all the context it needs'),
});
const dayMs = 86_400_000;

export function delegateTool(runtime: TeamRuntime, worker: TeamMember, chain: readonly string[]): AnyTool {
  const caller = chain[chain.length - 1] ?? 'team';
  return {
    name: worker.name,
    description:
      worker.description ??
      `Delegates a task to the '${worker.name}' agent and returns its answer. Give it all the context it needs.`,
    input: delegateInput,
    // The worker's own budget bounds it; the tool timeout must not cut a long delegation short.
    timeoutMs: runtime.budget.limits.durationMs ?? dayMs,
    async execute({ task }: { task: string }, context) {
      if (chain.includes(worker.name)) {
        const path = [...chain, worker.name].join(' → ');
        const message = `${caller} delegated to ${worker.name}, which is already working on this task (${path}).`;
        runtime.halt({ reason: 'handoff-cycle', message, agent: caller });
        throw new TeamHalted(message);
      }
      const pattern = runtime.options.pattern;
      const maxDepth =
        pattern.type === 'supervisor' ? (pattern.maxDepth ?? defaultMaxDepth) : defaultMaxDepth;
      if (chain.length > maxDepth) {
        throw new Error(
          `Delegation is limited to ${maxDepth} levels; do this part yourself or answer with what you have.`,
        );
      }
      runtime.emit({ type: 'delegation', from: caller, to: worker.name, task });
      const result = await runtime.runMember({
        member: worker,
        input: task,
        parent: Budget.isBudget(context.budget) ? context.budget : runtime.budget.root,
        // From the caller's run and call: resuming the caller finds this run again.
        runId: `${context.runId}.${context.toolCallId}`,
        parentRunId: context.runId,
        chain: [...chain, worker.name],
        ...(context.span ? { parentSpan: context.span } : {}),
      });
      return workerAnswer(runtime, worker, task, result);
    },
  };
}

function workerAnswer(runtime: TeamRuntime, worker: TeamMember, task: string, result: AgentResult): unknown {
  const { stopReason } = result;
  if (stopReason === 'awaiting-approval') throw new ApprovalPending(result.pendingApprovals);
  if (runtime.stop || stopReason === 'aborted') throw new TeamHalted(runtime.stop?.message ?? 'Aborted.');
  if (stopReason === 'final-answer') {
    if (worker.result) {
      const parsed = readJsonAnswer(result.text);
      const checked = parsed.ok ? worker.result.safeParse(parsed.value) : undefined;
      if (!checked?.success) {
        throw new Error(
          `${worker.name} answered, but not with the expected result (${parsed.ok ? checked?.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ') : 'no JSON found'}).`,
        );
      }
      return checked.data;
    }
    if (worker.returns === 'transcript')
      return renderHistory(task, [turnFromMessages(worker.name, result.messages, result.text)], 'full');
    return result.text;
  }
  if (isBudgetReason(stopReason)) {
    if (runtime.budget.root.exhausted()) {
      runtime.halt({ reason: 'budget', message: result.stopMessage, agent: worker.name });
      throw new TeamHalted(result.stopMessage);
    }
    throw new Error(`${worker.name} ran out of its budget before answering: ${result.stopMessage}`);
  }
  if ((runtime.options.onWorkerStall ?? 'stop') === 'stop') {
    const message = `${worker.name} made no progress: ${result.stopMessage}`;
    runtime.halt({ reason: 'no-progress', message, agent: worker.name });
    throw new TeamHalted(message);
  }
  throw new Error(`${worker.name} stopped without an answer: ${result.stopMessage}`);
}

/** The JSON value of a worker's answer: the first object or array in it (a ```json fence is fine). */
function readJsonAnswer(text: string) {
  const start = text.search(/[{[]/);
  return readValue(text, Math.max(start, 0));
}
