// `gantry runs`: recent agent runs, or with --pending the tool calls waiting for approval.
import type { Command } from 'commander';
import { GantryError } from '../../errors/index.js';
import type { AgentRunStatus } from '../../store/index.js';
import type { CliContext } from '../cli-context.js';

const statuses: AgentRunStatus[] = ['running', 'awaiting-approval', 'completed', 'failed', 'aborted'];

export function define(command: Command, context: CliContext): void {
  command
    .option('-n, --limit <n>', 'how many runs', '20')
    .option('-s, --status <status>', `only runs with this status (${statuses.join(', ')})`)
    .option('--pending', 'list pending approvals instead of runs')
    .option('--json', 'print JSON')
    .action(async (flags: { limit: string; status?: string; pending?: boolean; json?: boolean }) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit <= 0) {
        throw new GantryError(
          'USAGE_INVALID',
          `--limit must be a positive whole number, got '${flags.limit}'.`,
        );
      }
      if (flags.status && !statuses.includes(flags.status as AgentRunStatus)) {
        throw new GantryError(
          'USAGE_INVALID',
          `--status must be one of ${statuses.join(', ')}, got '${flags.status}'.`,
        );
      }
      const store = await context.store();
      const out = context.stdout;
      if (flags.pending) {
        const approvals = await store.agentApprovals.listApprovals({ status: 'pending', limit });
        if (flags.json) return void out.write(`${JSON.stringify(approvals, null, 2)}\n`);
        if (approvals.length === 0) return void out.write('No tool calls are waiting for approval.\n');
        for (const a of approvals) {
          out.write(
            `${a.id}  run ${a.runId}  ${a.toolName}(${JSON.stringify(a.input).slice(0, 120)})  since ${a.createdAt}\n`,
          );
        }
        return;
      }
      const runs = await store.agentRuns.listRuns({
        limit,
        status: flags.status as AgentRunStatus | undefined,
      });
      if (flags.json) return void out.write(`${JSON.stringify(runs, null, 2)}\n`);
      if (runs.length === 0)
        return void out.write(
          'No agent runs yet. Start one with `gantry run "task" --model provider:model`.\n',
        );
      for (const r of runs) {
        const when = r.createdAt.replace('T', ' ').slice(0, 19);
        const task = r.task.replace(/\s+/g, ' ');
        out.write(
          `${r.id}  ${when}  ${r.status.padEnd(17)}  ${(r.stopReason ?? '').padEnd(18)}  ${String(r.stepCount).padStart(3)} steps  ${String(r.inputTokens + r.outputTokens).padStart(7)} tok  $${r.costUsd.toFixed(4)}  ${task.length > 60 ? `${task.slice(0, 59)}…` : task}\n`,
        );
      }
    });
}
