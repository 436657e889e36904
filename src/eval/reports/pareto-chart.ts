// The cost/quality frontier: every configuration (run, model, router threshold) as a point, and the
// Pareto frontier (no other point is both cheaper and better) drawn as a line through its points.
import { paretoFrontier } from '../../cost/index.js';

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface FrontierPoint {
  label: string;
  /** Cost per example or request, in dollars. */
  cost: number;
  /** Mean quality, 0..1. */
  quality: number;
}

export function paretoChart(title: string, points: readonly FrontierPoint[]): string {
  const width = 520;
  const height = 300;
  const maxX = Math.max(1e-12, ...points.map((p) => p.cost));
  const qualities = points.map((p) => p.quality);
  const minY = Math.max(0, Math.floor(Math.min(1, ...qualities) * 10) / 10);
  const maxY = Math.min(1, Math.ceil(Math.max(0, ...qualities) * 10) / 10) || 1;
  const px = (x: number) => 50 + (x / maxX) * (width - 80);
  const py = (y: number) => height - 34 - ((y - minY) / (maxY - minY || 1)) * (height - 60);
  const frontier = paretoFrontier(
    points.map((p) => ({ label: p.label, strongShare: 0, quality: p.quality, cost: p.cost })),
  );
  const onFrontier = new Set(frontier.map((p) => p.label));
  const dots = points
    .map((p) => {
      const best = onFrontier.has(p.label);
      return `<circle class="mark${best ? ' frontier' : ''}" data-value="${p.quality}" data-cost="${p.cost}" cx="${px(p.cost).toFixed(1)}" cy="${py(p.quality).toFixed(1)}" r="${best ? 5 : 3.5}" fill="${best ? '#2563eb' : '#9aa5b1'}"><title>${escapeXml(p.label)}: $${p.cost.toPrecision(3)}, ${(p.quality * 100).toFixed(1)}%</title></circle>`;
    })
    .join('');
  const line = frontier.map((p) => `${px(p.cost ?? 0).toFixed(1)},${py(p.quality).toFixed(1)}`).join(' ');
  const axes = `<line x1="50" y1="${height - 34}" x2="${width - 20}" y2="${height - 34}" stroke="#333"/><line x1="50" y1="16" x2="50" y2="${height - 34}" stroke="#333"/><text x="${width / 2}" y="${height - 10}" font-size="11" text-anchor="middle">cost per example ($, max ${maxX.toPrecision(3)})</text><text x="46" y="${py(maxY) + 4}" font-size="10" text-anchor="end">${(maxY * 100).toFixed(0)}%</text><text x="46" y="${py(minY)}" font-size="10" text-anchor="end">${(minY * 100).toFixed(0)}%</text>`;
  return `<figure><figcaption>${escapeXml(title)}</figcaption><svg data-chart="pareto" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">${axes}<polyline points="${line}" fill="none" stroke="#2563eb" stroke-width="1.5"/>${dots}</svg></figure>`;
}
