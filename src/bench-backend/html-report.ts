// A self-contained HTML report: the metric table and an SVG chart of latency against throughput
// (one line per backend, one point per run), so a sweep shows where each engine's latency turns up.
import { formatTable } from './format-table.js';
import type { LoadResult } from './run-load.js';

const colours = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#be185d', '#4d7c0f'];

export function htmlReport(results: LoadResult[], title = 'gantry bench backend'): string {
  const charts = (
    [
      ['TTFT p50 (ms)', (r: LoadResult) => r.metrics.ttftMs.p50],
      ['TPOT p50 (ms)', (r: LoadResult) => r.metrics.tpotMs.p50],
      ['E2EL p99 (ms)', (r: LoadResult) => r.metrics.e2elMs.p99],
    ] as const
  )
    .map(([label, y]) => chart(results, label, y))
    .join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#111}pre{background:#f5f5f5;padding:1rem;overflow:auto}svg{margin:0 1rem 1rem 0;border:1px solid #ddd}</style>
</head><body>
<h1>${escapeHtml(title)}</h1>
<p>Metrics as vLLM defines them: TTFT to the first output chunk, TPOT = (E2EL − TTFT)/(output tokens − 1), ITL = gaps between output chunks. x axis: completed requests per second.</p>
<div>${charts}</div>
<pre>${escapeHtml(formatTable(results))}</pre>
<script type="application/json" id="results">${escapeHtml(JSON.stringify(results.map(({ records: _, ...r }) => r)))}</script>
</body></html>
`;
}

function chart(results: LoadResult[], label: string, y: (r: LoadResult) => number): string {
  const width = 420;
  const height = 280;
  const pad = 48;
  const points = results
    .map((r) => ({ r, x: r.metrics.requestThroughput, y: y(r) }))
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const maxX = Math.max(1e-9, ...points.map((p) => p.x)) * 1.1;
  const maxY = Math.max(1e-9, ...points.map((p) => p.y)) * 1.1;
  const sx = (x: number) => pad + (x / maxX) * (width - pad * 1.5);
  const sy = (v: number) => height - pad + -(v / maxY) * (height - pad * 1.5);
  const backends = [...new Set(points.map((p) => p.r.backend))];
  const series = backends
    .map((backend, i) => {
      const own = points.filter((p) => p.r.backend === backend).sort((a, b) => a.x - b.x);
      const colour = colours[i % colours.length];
      const line = own.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ');
      const dots = own
        .map(
          (p) =>
            `<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="3.5" fill="${colour}"><title>${escapeHtml(`${backend} · ${p.r.arrival}: ${p.y.toFixed(2)}`)}</title></circle>`,
        )
        .join('');
      const legend = `<text x="${pad + 4}" y="${16 + i * 14}" font-size="11" fill="${colour}">${escapeHtml(backend)}</text>`;
      return `<polyline points="${line}" fill="none" stroke="${colour}" stroke-width="1.5"/>${dots}${legend}`;
    })
    .join('');
  const axes = `<line x1="${pad}" y1="${height - pad}" x2="${width - pad / 2}" y2="${height - pad}" stroke="#888"/><line x1="${pad}" y1="${pad / 2}" x2="${pad}" y2="${height - pad}" stroke="#888"/>
<text x="${width / 2}" y="${height - 12}" font-size="11" text-anchor="middle">requests/s (max ${maxX.toFixed(1)})</text>
<text x="12" y="${height / 2}" font-size="11" transform="rotate(-90 12 ${height / 2})" text-anchor="middle">${escapeHtml(label)} (max ${maxY.toFixed(1)})</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(label)}">${axes}${series}</svg>`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string,
  );
}
