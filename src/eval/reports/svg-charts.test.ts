import { describe, expect, it } from 'vitest';
import { barChart, scatterChart } from './svg-charts.js';

describe('report charts', () => {
  it('draws a full-scale track behind each bar, so 80 % and 100 % do not look alike', () => {
    const svg = barChart('pass-rates', 'Pass rate', [
      { label: 'a', value: 0.8 },
      { label: 'b', value: 1 },
    ]);
    const tracks = [...svg.matchAll(/<rect class="track" [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    const bars = [...svg.matchAll(/<rect class="mark" [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(tracks).toHaveLength(2);
    expect(tracks[0]).toBe(tracks[1]);
    expect(bars[1]).toBe(tracks[1]);
    expect(bars[0]).toBeCloseTo(tracks[0] * 0.8);
    // The track comes first, so the bar is drawn over it.
    expect(svg.indexOf('class="track"')).toBeLessThan(svg.indexOf('class="mark"'));
  });

  it('labels both scatter axes with ticks from 0 to the largest value', () => {
    const svg = scatterChart(
      'cost-quality',
      'Latency against quality',
      [
        { label: 'x', x: 1200, y: 0.5 },
        { label: 'y', x: 400, y: 1 },
      ],
      { xLabel: 'latency ms', yLabel: 'score' },
    );
    expect(svg.match(/class="tick x"/g)).toHaveLength(5);
    expect(svg.match(/class="tick y"/g)).toHaveLength(5);
    const labels = [...svg.matchAll(/<text [^>]*font-size="9"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(labels).toEqual(
      expect.arrayContaining(['0', '300', '600', '900', '1200', '0.25', '0.5', '0.75', '1']),
    );
  });
});
