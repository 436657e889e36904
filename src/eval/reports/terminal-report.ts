// Human summaries for the terminal: a run's scores, and a comparison of two runs.
import pc from 'picocolors';
import type { EvalRun } from '../runner/index.js';
import type { RunComparison } from './compare-runs.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const num = (x: number) => x.toFixed(4);

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ')).join('\n');
}

export function formatRunSummary(run: Pick<EvalRun, 'runId' | 'name' | 'target' | 'summary'>): string {
  const s = run.summary;
  const lines = [
    pc.bold(`eval ${run.name}`) + pc.dim(`  run ${run.runId}  target ${run.target}`),
    `${s.examples} examples × ${s.trials} trial(s) = ${s.results} results, ${s.errors > 0 ? pc.red(`${s.errors} errors`) : '0 errors'}, all-pass ${pct(s.passRate)}`,
    '',
    table([
      ['scorer', 'mean', 'pass rate', 'n'],
      ...Object.entries(s.scorers).map(([name, x]) => [name, num(x.mean), pct(x.passRate), String(x.count)]),
    ]),
    '',
    `latency mean ${s.latencyMs.mean.toFixed(1)} ms, p50 ${s.latencyMs.p50.toFixed(1)} ms, p95 ${s.latencyMs.p95.toFixed(1)} ms; cost $${s.totalCost.toFixed(4)}`,
  ];
  if (s.passHatK) {
    lines.push(
      `pass^k ${Object.entries(s.passHatK)
        .map(([k, v]) => `k=${k}: ${num(v)}`)
        .join(', ')}; pass@k ${Object.entries(s.passAtK ?? {})
        .map(([k, v]) => `k=${k}: ${num(v)}`)
        .join(', ')}`,
    );
  }
  return lines.join('\n');
}

/** A delta with its sign; one that rounds to zero is shown as ±0, never as -0.0000. */
function signed(delta: number): string {
  const text = num(Math.abs(delta));
  if (Number(text) === 0) return `±${text}`;
  return `${delta > 0 ? '+' : '-'}${text}`;
}

export function formatComparison(comparison: RunComparison): string {
  const rows = comparison.scorers.map((s) => [
    s.scorer,
    num(s.baseline),
    num(s.candidate),
    signed(s.delta),
    s.threshold === 0 ? 'none' : num(s.threshold),
    s.regressed ? pc.red('REGRESSED') : pc.green('ok'),
  ]);
  return [
    pc.bold(`compare ${comparison.baseline} → ${comparison.candidate}`),
    table([['scorer', 'baseline', 'candidate', 'delta', 'allowed drop', ''], ...rows]),
    `all-pass ${pct(comparison.passRate.baseline)} → ${pct(comparison.passRate.candidate)}`,
    comparison.newlyFailing.length > 0
      ? pc.red(`newly failing: ${comparison.newlyFailing.join(', ')}`)
      : 'newly failing: none',
    comparison.newlyPassing.length > 0
      ? `newly passing: ${comparison.newlyPassing.join(', ')}`
      : 'newly passing: none',
    comparison.regressed ? pc.red('verdict: regression') : pc.green('verdict: no regression'),
  ].join('\n');
}
