import type { Command } from 'commander';
import { GantryError } from '../../errors/index.js';
import { formatTraceTree, traceTotals } from '../../trace/index.js';
import type { CliContext } from '../cli-context.js';

export function define(command: Command, context: CliContext): void {
  command
    .argument('<id>', 'trace id (from `gantry traces`)')
    .option('--json', 'print the spans and totals as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const spans = await (await context.store()).spans.getTrace(id);
      if (spans.length === 0) {
        throw new GantryError(
          'NOT_FOUND',
          `Trace ${id} does not exist in ${context.config().config.database.path}.`,
          {
            hint: 'List recent traces with `gantry traces`.',
            details: { traceId: id },
          },
        );
      }
      if (options.json)
        context.stdout.write(`${JSON.stringify({ totals: traceTotals(spans), spans }, null, 2)}\n`);
      else context.stdout.write(`${formatTraceTree(spans)}\n`);
    });
}
