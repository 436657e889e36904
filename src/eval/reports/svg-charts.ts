// Small inline-SVG charts, so the HTML report is one self-contained file with no script or network.
// Each chart carries data-chart="<kind>" and each mark data-value, for tests and for people's tools.

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface Bar {
  label: string;
  value: number;
  /** A second series (the baseline in a diff). */
  compare?: number;
}

/** Horizontal bars on a 0..max scale, optionally paired with a comparison bar. */
export function barChart(
  kind: string,
  title: string,
  bars: readonly Bar[],
  { max = 1, format = (v: number) => v.toFixed(3) } = {},
): string {
  const rowHeight = bars.some((b) => b.compare !== undefined) ? 34 : 22;
  const width = 560;
  const labelWidth = 160;
  const plot = width - labelWidth - 70;
  const height = 30 + bars.length * rowHeight;
  const marks = bars
    .map((b, i) => {
      const y = 24 + i * rowHeight;
      const w = (v: number) => Math.max(1, (Math.max(0, v) / (max || 1)) * plot);
      const compare =
        b.compare === undefined
          ? ''
          : `<rect class="mark baseline" data-value="${b.compare}" x="${labelWidth}" y="${y + 16}" width="${w(b.compare)}" height="12" fill="#9aa5b1"><title>baseline ${format(b.compare)}</title></rect>`;
      // The full-scale track behind each bar, so that 80 % and 100 % do not look alike.
      return `<text x="${labelWidth - 6}" y="${y + 12}" text-anchor="end" font-size="12">${escapeXml(b.label)}</text>
<rect class="track" data-max="${max}" x="${labelWidth}" y="${y}" width="${plot}" height="14" fill="#e5e7eb"/>
<rect class="mark" data-value="${b.value}" x="${labelWidth}" y="${y}" width="${w(b.value)}" height="14" fill="#3b82f6"><title>${escapeXml(b.label)} ${format(b.value)}</title></rect>${compare}
<text x="${labelWidth + w(b.value) + 4}" y="${y + 12}" font-size="11">${format(b.value)}</text>`;
    })
    .join('\n');
  return `<figure><figcaption>${escapeXml(title)}</figcaption><svg data-chart="${kind}" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">${marks}</svg></figure>`;
}

/** A histogram of values in [0, 1] over `bins` equal bins. */
export function histogram(kind: string, title: string, values: readonly number[], bins = 10): string {
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.max(0, Math.floor(v * bins)))]++;
  const max = Math.max(1, ...counts);
  const width = 300;
  const height = 140;
  const barWidth = (width - 20) / bins;
  const marks = counts
    .map((c, i) => {
      const h = (c / max) * (height - 40);
      return `<rect class="mark" data-value="${c}" x="${10 + i * barWidth}" y="${height - 20 - h}" width="${barWidth - 2}" height="${Math.max(h, 0.5)}" fill="#10b981"><title>${(i / bins).toFixed(1)}–${((i + 1) / bins).toFixed(1)}: ${c}</title></rect>`;
    })
    .join('');
  return `<figure><figcaption>${escapeXml(title)}</figcaption><svg data-chart="${kind}" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">${marks}<line x1="10" y1="${height - 20}" x2="${width - 10}" y2="${height - 20}" stroke="#333"/><text x="10" y="${height - 5}" font-size="10">0</text><text x="${width - 20}" y="${height - 5}" font-size="10">1</text></svg></figure>`;
}

export interface Point {
  label: string;
  x: number;
  y: number;
}

/** A scatter plot (cost vs quality). */
export function scatterChart(
  kind: string,
  title: string,
  points: readonly Point[],
  { xLabel = 'x', yLabel = 'y' } = {},
): string {
  const width = 420;
  const height = 260;
  const maxX = Math.max(1e-9, ...points.map((p) => p.x));
  const maxY = Math.max(1, ...points.map((p) => p.y));
  const px = (x: number) => 40 + (x / maxX) * (width - 60);
  const py = (y: number) => height - 30 - (y / maxY) * (height - 50);
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const x = px(f * maxX);
      const y = py(f * maxY);
      return `<line class="tick x" x1="${x}" y1="${height - 30}" x2="${x}" y2="${height - 26}" stroke="#333"/><text x="${x}" y="${height - 17}" font-size="9" text-anchor="middle">${tickLabel(f * maxX)}</text><line class="tick y" x1="36" y1="${y}" x2="40" y2="${y}" stroke="#333"/><text x="34" y="${y + 3}" font-size="9" text-anchor="end">${tickLabel(f * maxY)}</text>`;
    })
    .join('');
  const marks = points
    .map(
      (p) =>
        `<circle class="mark" data-value="${p.y}" cx="${px(p.x)}" cy="${py(p.y)}" r="4" fill="#f59e0b" fill-opacity="0.8"><title>${escapeXml(p.label)}: ${p.x.toPrecision(3)}, ${p.y.toFixed(3)}</title></circle>`,
    )
    .join('');
  return `<figure><figcaption>${escapeXml(title)}</figcaption><svg data-chart="${kind}" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg"><line x1="40" y1="${height - 30}" x2="${width - 20}" y2="${height - 30}" stroke="#333"/><line x1="40" y1="20" x2="40" y2="${height - 30}" stroke="#333"/>${ticks}${marks}<text x="${width / 2}" y="${height - 3}" font-size="11" text-anchor="middle">${escapeXml(xLabel)}</text><text x="10" y="${height / 2}" font-size="11" transform="rotate(-90 10 ${height / 2})" text-anchor="middle">${escapeXml(yLabel)}</text></svg></figure>`;
}

/** A short axis label: 0, 0.25, 1.5, 1200, 3.4e-5. */
function tickLabel(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) return value.toExponential(1);
  return String(Number(value.toPrecision(3)));
}
