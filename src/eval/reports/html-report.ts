// The self-contained HTML report: summary, charts (score distributions, per-scorer pass rates, cost
// vs quality, run-versus-run diff), and every result with its trajectory. One file, no script, no network.
import type { EvalResult, EvalRun } from '../runner/index.js';
import type { RunComparison } from './compare-runs.js';
import { type FrontierPoint, paretoChart } from './pareto-chart.js';
import { barChart, histogram, scatterChart } from './svg-charts.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const meanScore = (r: EvalResult) => {
  const values = Object.values(r.scores).map((s) => s.score);
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
};

function resultRow(r: EvalResult): string {
  const scores = Object.entries(r.scores)
    .map(
      ([name, s]) =>
        `<span class="${s.pass ? 'pass' : 'fail'}" title="${escapeHtml(s.reason ?? '')}">${escapeHtml(name)} ${s.score.toFixed(3)}</span>`,
    )
    .join(' ');
  const trajectory = (r.output?.trajectory ?? [])
    .map((step) =>
      step.toolCall
        ? `<li><b>${escapeHtml(step.toolCall.toolName)}</b>(${escapeHtml(JSON.stringify(step.toolCall.input))}) → <code>${escapeHtml(JSON.stringify(step.toolCall.output ?? null).slice(0, 400))}</code></li>`
        : `<li><i>${step.kind}</i> ${escapeHtml(step.text ?? '')}</li>`,
    )
    .join('');
  const input = typeof r.input === 'string' ? r.input : JSON.stringify(r.input);
  return `<details class="result" data-example="${escapeHtml(r.exampleId)}"><summary>${escapeHtml(r.exampleId)}#${r.trial} ${r.status === 'error' ? '<span class="fail">error</span>' : scores} <small>${r.latencyMs.toFixed(0)} ms${r.cached ? ', cached' : ''}</small></summary>
<p><b>Input</b><pre>${escapeHtml(input)}</pre></p><p><b>Output</b><pre>${escapeHtml(r.output?.output ?? r.error ?? '')}</pre></p>${trajectory ? `<p><b>Trajectory</b></p><ol class="trajectory">${trajectory}</ol>` : ''}</details>`;
}

export interface HtmlReportOptions {
  /**
   * Other configurations measured on the same examples (models, router or cascade settings): drawn
   * with this run (and the comparison's baseline) as a cost/quality Pareto chart.
   */
  frontier?: readonly FrontierPoint[];
}

export function toHtmlReport(
  run: EvalRun,
  comparison?: RunComparison,
  options: HtmlReportOptions = {},
): string {
  const s = run.summary;
  const scorerNames = Object.keys(s.scorers);
  const distributions = scorerNames
    .map((name) =>
      histogram(
        'score-distribution',
        `${name}: score distribution`,
        run.results.flatMap((r) => (r.scores[name] ? [r.scores[name].score] : [])),
      ),
    )
    .join('');
  const passRates = barChart(
    'pass-rates',
    'Pass rate per scorer',
    scorerNames.map((name) => ({ label: name, value: s.scorers[name].passRate })),
    { format: (v) => `${(v * 100).toFixed(1)}%` },
  );
  const costQuality = scatterChart(
    'cost-quality',
    'Cost vs quality (per result)',
    run.results
      .filter((r) => r.status === 'ok')
      .map((r) => ({ label: `${r.exampleId}#${r.trial}`, x: r.cost || r.latencyMs / 1000, y: meanScore(r) })),
    {
      xLabel: run.results.some((r) => r.cost > 0) ? 'cost ($)' : 'latency (s), no cost reported',
      yLabel: 'mean score',
    },
  );
  const runPoint: FrontierPoint = {
    label: `${run.target} (this run)`,
    cost: s.examples > 0 ? s.totalCost / (s.examples * s.trials) : 0,
    quality: s.passRate,
  };
  const pareto =
    options.frontier && options.frontier.length > 0
      ? paretoChart('Cost/quality frontier (all-pass rate vs cost per example)', [
          runPoint,
          ...options.frontier,
        ])
      : '';
  const diff = comparison
    ? barChart(
        'run-diff',
        `Run diff: ${comparison.baseline} (grey) → ${comparison.candidate} (blue)`,
        comparison.scorers.map((d) => ({
          label: `${d.scorer}${d.regressed ? ' ▼' : ''}`,
          value: d.candidate,
          compare: d.baseline,
        })),
      )
    : '';
  const regressions = comparison
    ? `<p class="${comparison.regressed ? 'fail' : 'pass'}">${comparison.regressed ? 'Regression' : 'No regression'}; newly failing: ${escapeHtml(comparison.newlyFailing.join(', ') || 'none')}</p>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Eval ${escapeHtml(run.name)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:1100px}figure{display:inline-block;margin:0 1em 1em 0;vertical-align:top}figcaption{font-weight:600}.pass{color:#047857}.fail{color:#b91c1c}pre{white-space:pre-wrap;background:#f6f8fa;padding:.5em}td,th{padding:2px 10px;text-align:left}</style></head>
<body><h1>Eval ${escapeHtml(run.name)}</h1>
<p>Run <code>${escapeHtml(run.runId)}</code>, target <code>${escapeHtml(run.target)}</code>: ${s.examples} examples × ${s.trials} trial(s), ${s.errors} errors, all-pass ${(s.passRate * 100).toFixed(1)}%, cost $${s.totalCost.toFixed(4)}, latency p50 ${s.latencyMs.p50.toFixed(1)} ms.</p>
<table><tr><th>scorer</th><th>mean</th><th>pass rate</th></tr>${scorerNames.map((n) => `<tr><td>${escapeHtml(n)}</td><td>${s.scorers[n].mean.toFixed(4)}</td><td>${(s.scorers[n].passRate * 100).toFixed(1)}%</td></tr>`).join('')}</table>
${
  s.passHatK
    ? `<p>pass^k: ${Object.entries(s.passHatK)
        .map(([k, v]) => `k=${k} ${v.toFixed(4)}`)
        .join(', ')}</p>`
    : ''
}
<section id="charts">${passRates}${costQuality}${pareto}${diff}${distributions}</section>
${regressions}
<h2>Results</h2>${run.results.map(resultRow).join('\n')}
</body></html>`;
}
