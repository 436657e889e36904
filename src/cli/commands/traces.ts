import type { Command } from 'commander';
import { GantryError } from '../../errors/index.js';
import type { CliContext } from '../cli-context.js';

export function define(command: Command, context: CliContext): void {
  command
    .option('-n, --limit <n>', 'how many traces', '20')
    .option('--json', 'print JSON')
    .action(async (options: { limit: string; json?: boolean }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit <= 0) {
        throw new GantryError(
          'USAGE_INVALID',
          `--limit must be a positive whole number, got '${options.limit}'.`,
        );
      }
      const traces = await (await context.store()).spans.listTraces({ limit });
      if (options.json) {
        context.stdout.write(`${JSON.stringify(traces, null, 2)}\n`);
        return;
      }
      if (traces.length === 0) {
        context.stdout.write(
          'No traces yet. Traces are recorded by `gantry serve`, `gantry run` and the other commands.\n',
        );
        return;
      }
      for (const t of traces) {
        const when = new Date(t.startTime).toISOString().replace('T', ' ').slice(0, 19);
        context.stdout.write(
          `${t.traceId}  ${when}  ${t.durationMs.toFixed(1).padStart(9)}ms  ${String(t.spanCount).padStart(4)} spans  ${t.status.padEnd(5)}  ${t.rootName}\n`,
        );
      }
    });
}
