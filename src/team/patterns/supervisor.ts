// Supervisor / hierarchy: the root member runs with its workers as tools; each worker may have
// workers of its own. One run at the top; the tree below it lives in the delegate tools.
import type { SupervisorPattern } from '../team-definition.js';
import type { TeamRuntime } from '../team-runtime.js';
import { turnFromMessages } from '../transcript.js';
import { type PatternOutcome, stopFromResult } from './pattern-outcome.js';

export async function runSupervisor(
  runtime: TeamRuntime,
  pattern: SupervisorPattern,
  task: string,
): Promise<PatternOutcome> {
  const root = runtime.member(pattern.root);
  await runtime.checkpoint(task, {}, 'running');
  const result = await runtime.runMember({
    member: root,
    input: task,
    parent: runtime.budget.root,
    runId: `${runtime.teamRunId}.0`,
    chain: [root.name],
  });
  return {
    text: result.text,
    stop: stopFromResult(root.name, result),
    turns: [turnFromMessages(root.name, result.messages, result.text)],
    handoffs: [],
    rounds: 0,
    pendingApprovals: result.pendingApprovals,
  };
}
