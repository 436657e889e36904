// `gantry reject <approvalId>`: refuses a paused tool call; the model is told, with the reason.
import type { Command } from 'commander';
import { rejectToolCall } from '../../agent/index.js';
import type { CliContext } from '../cli-context.js';

export function define(command: Command, context: CliContext): void {
  command
    .argument('<approvalId>', 'the approval id printed by `gantry run` or `gantry runs --pending`')
    .option('-r, --reason <text>', 'why (the model reads it)')
    .option('--by <name>', 'who rejects (recorded with the decision)')
    .option('--json', 'print JSON')
    .action(async (approvalId: string, flags: { reason?: string; by?: string; json?: boolean }) => {
      const approval = await rejectToolCall(await context.store(), approvalId, {
        reason: flags.reason,
        decidedBy: flags.by ?? process.env.USER ?? 'cli',
      });
      if (flags.json) return void context.stdout.write(`${JSON.stringify(approval, null, 2)}\n`);
      context.stdout.write(
        `Rejected ${approval.id}: ${approval.toolName} in run ${approval.runId}.\nContinue the run with: gantry run --resume ${approval.runId}\n`,
      );
    });
}
