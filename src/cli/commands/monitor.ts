// `gantry monitor report`: compares the latest window of recorded guard events with a reference
// window (drift tests per metric), saves the report, and alerts to the log and the configured webhook.
import type { Command } from 'commander';
import { GantryError } from '../../errors/index.js';
import { createGuardMonitor, type Direction, sendDriftAlert } from '../../guard/index.js';
import type { CliContext } from '../cli-context.js';

function positive(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    throw new GantryError('USAGE_INVALID', `${flag} must be a positive number of minutes, not "${value}".`);
  }
  return number;
}

export function define(command: Command, context: CliContext): void {
  command
    .command('report')
    .description('Drift of the current window of guard events against the reference window')
    .option('--window <minutes>', 'current window length in minutes (default: guard.monitor.windowMinutes)')
    .option(
      '--reference <minutes>',
      'reference window length in minutes, ending where the current one starts',
    )
    .option('--direction <direction>', 'only input, output or tool-result events')
    .option('--webhook <url>', 'send an alert here on drift (default: guard.monitor.webhookUrl)')
    .option('--json', 'machine-readable output')
    .action(
      async (options: {
        window?: string;
        reference?: string;
        direction?: string;
        webhook?: string;
        json?: boolean;
      }) => {
        const settings = context.config().config.guard.monitor;
        if (options.direction && !['input', 'output', 'tool-result'].includes(options.direction)) {
          throw new GantryError(
            'USAGE_INVALID',
            `--direction must be input, output or tool-result, not "${options.direction}".`,
          );
        }
        const monitor = createGuardMonitor((await context.store()).guardEvents);
        const report = await monitor.report({
          windowMinutes: options.window ? positive(options.window, '--window') : settings.windowMinutes,
          referenceMinutes: options.reference
            ? positive(options.reference, '--reference')
            : settings.referenceMinutes,
          minimumEvents: settings.minimumEvents,
          thresholds: settings.thresholds,
          direction: options.direction as Direction | undefined,
        });
        if (options.json) context.stdout.write(JSON.stringify(report, null, 2) + '\n');
        else {
          const time = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
          context.stdout.write(
            `reference ${time(report.referenceStart)} → ${time(report.referenceEnd)} (${report.referenceCount} events)\n` +
              `current   ${time(report.currentStart)} → ${time(report.currentEnd)} (${report.currentCount} events)\n\n`,
          );
          const show = (v: number | Record<string, number>) =>
            typeof v === 'number'
              ? v.toFixed(3)
              : Object.entries(v)
                  .map(([k, n]) => `${k}:${n}`)
                  .join(' ');
          for (const m of report.metrics) {
            context.stdout.write(
              `${m.drifted ? 'DRIFT' : 'ok   '}  ${m.metric.padEnd(20)} ${m.test.padEnd(17)} ${m.value.toFixed(4)} (threshold ${m.threshold})  ref ${show(m.reference)}  cur ${show(m.current)}\n`,
            );
          }
          context.stdout.write(
            `\n${report.drifted ? 'drift detected' : 'no drift'} (report #${report.id})\n`,
          );
        }
        await sendDriftAlert(report, {
          webhookUrl: options.webhook ?? settings.webhookUrl,
          log: (line) => context.stderr.write(line + '\n'),
        });
      },
    );
}
