// `gantry approve <approvalId>`: lets a paused tool call run; the run continues with `gantry run --resume`.
import type { Command } from 'commander';
import { approveToolCall } from '../../agent/index.js';
import type { CliContext } from '../cli-context.js';

export function define(command: Command, context: CliContext): void {
  command
    .argument('<approvalId>', 'the approval id printed by `gantry run` or `gantry runs --pending`')
    .option('--by <name>', 'who approves (recorded with the decision)')
    .option('--json', 'print JSON')
    .action(async (approvalId: string, flags: { by?: string; json?: boolean }) => {
      const approval = await approveToolCall(await context.store(), approvalId, {
        decidedBy: flags.by ?? process.env.USER ?? 'cli',
      });
      if (flags.json) return void context.stdout.write(`${JSON.stringify(approval, null, 2)}\n`);
      context.stdout.write(
        `Approved ${approval.id}: ${approval.toolName} in run ${approval.runId}.\nContinue the run with: gantry run --resume ${approval.runId}\n`,
      );
    });
}
