// `gantry cost report`: spend by key, model alias and route, cache savings and cost-route decisions,
// from the gateway's usage store, over a time window.
import type { Command } from 'commander';
import { buildCostReport, type CostReport, parseReportTime, type SpendLine } from '../../cost/index.js';
import { GantryError } from '../../errors/index.js';
import type { CliContext } from '../cli-context.js';

export function define(command: Command, context: CliContext): void {
  command
    .command('report')
    .description('Spend by key, model and route, cache savings and router decisions, from the usage store')
    .option('--since <when>', 'start of the window: a duration before now (24h, 7d) or an ISO date')
    .option('--until <when>', 'end of the window (exclusive), same forms')
    .option('--limit <n>', 'read at most this many of the newest usage rows', '1000000')
    .option('--json', 'print JSON')
    .action(async (flags: { since?: string; until?: string; limit: string; json?: boolean }) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit <= 0)
        throw new GantryError(
          'USAGE_INVALID',
          `--limit must be a positive whole number, got '${flags.limit}'.`,
        );
      const now = Date.now();
      const since = flags.since === undefined ? undefined : parseReportTime(flags.since, now);
      const until = flags.until === undefined ? undefined : parseReportTime(flags.until, now);
      const records = await (await context.store()).gatewayUsage.listUsage({ limit });
      const report = buildCostReport(records, { since, until });
      if (flags.json) {
        context.stdout.write(
          `${JSON.stringify({ ...report, truncated: records.length >= limit }, null, 2)}\n`,
        );
        return;
      }
      context.stdout.write(renderReport(report, records.length >= limit));
    });
}

function renderReport(report: CostReport, truncated: boolean): string {
  const out: string[] = [];
  const window = `${report.window.since ?? 'the beginning'} → ${report.window.until ?? 'now'}`;
  out.push(`Gateway spend, ${window}: ${report.total.requests} requests, ${usd(report.total.costUsd)}`);
  if (truncated) out.push('(only the newest --limit rows were read; raise --limit for the whole window)');
  if (report.rows === 0) {
    out.push('No gateway usage in this window. Usage is recorded by `gantry serve` for /v1/* requests.');
    return `${out.join('\n')}\n`;
  }
  const section = (title: string, lines: SpendLine[]) => {
    out.push(`\n${title}`);
    out.push(
      `  ${''.padEnd(28)} ${'requests'.padStart(12)} ${'input'.padStart(10)} ${'cache read'.padStart(10)} ${'cache write'.padStart(11)} ${'output'.padStart(10)} ${'cost'.padStart(12)}`,
    );
    for (const l of lines.slice(0, 20))
      out.push(
        `  ${l.name.padEnd(28)} ${String(l.requests).padStart(12)} ${String(l.inputTokens).padStart(10)} ${String(l.cachedTokens).padStart(10)} ${String(l.cacheWriteTokens).padStart(11)} ${String(l.outputTokens).padStart(10)} ${usd(l.costUsd).padStart(12)}`,
      );
    if (lines.length > 20) out.push(`  … ${lines.length - 20} more (--json lists all)`);
  };
  section('By key', report.byKey);
  section('By model (alias called)', report.byModel);
  section('By route (served)', report.byRoute);
  out.push(
    `\nCache: ${report.cache.hits} hits (${(report.cache.hitRate * 100).toFixed(1)}% of requests), saved about ${usd(report.cache.savedUsd)}`,
  );
  if (report.routerDecisions.length > 0) {
    out.push('\nRouter decisions (cost routes)');
    for (const d of report.routerDecisions)
      out.push(
        `  ${d.alias.padEnd(16)} → ${d.route.padEnd(16)} ${String(d.requests).padStart(8)} req  ${(d.share * 100).toFixed(1).padStart(5)}%  ${usd(d.costUsd).padStart(12)}`,
      );
  }
  return `${out.join('\n')}\n`;
}

function usd(value: number): string {
  return `$${value < 1 ? value.toFixed(6) : value.toFixed(2)}`;
}
