// Reports: terminal and JSON summaries, run comparison and the --ci verdict, and the self-contained
// HTML report opened in headless Chromium to check that every chart renders.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  compareRuns,
  exactMatch,
  formatComparison,
  formatRunSummary,
  functionTarget,
  rouge,
  runEval,
  toHtmlReport,
  toJsonReport,
} from '../src/eval/index.js';

const examples = Array.from({ length: 12 }, (_, i) => ({
  id: `e${i}`,
  input: `item ${i}`,
  expected: `answer ${i}`,
}));

async function runWith(wrongFrom: number) {
  const target = functionTarget('demo', (input, { example }) => {
    const i = Number(example.id.slice(1));
    return {
      output: i >= wrongFrom ? `something else ${i}` : `answer ${i}`,
      cost: 0.001 * (i + 1),
      trajectory: [
        { kind: 'tool-call', toolCall: { toolName: 'lookup', input: { q: String(input) }, output: 'ok' } },
      ],
    };
  });
  return runEval({
    target,
    examples,
    scorers: [exactMatch(), rouge({ type: 'rougeL', threshold: 0.5 })],
    retryDelayMs: 0,
  });
}

describe('reports', () => {
  it('summarises a run for the terminal and as JSON', async () => {
    const run = await runWith(9);
    const text = formatRunSummary(run);
    expect(text).toContain('12 examples');
    expect(text).toMatch(/exact\s+0\.7500\s+75\.0%/);
    const json = JSON.parse(toJsonReport(run));
    expect(json.summary.scorers.exact.mean).toBe(0.75);
    expect(json.results).toHaveLength(12);
  });

  it('flags a regression beyond the threshold and names the newly failing examples', async () => {
    const baseline = await runWith(12);
    const candidate = await runWith(10);
    const comparison = compareRuns(baseline, candidate, {
      thresholds: { rougeL: 0.5 },
      defaultThreshold: 0.05,
    });
    const exact = comparison.scorers.find((s) => s.scorer === 'exact');
    expect(exact).toMatchObject({ baseline: 1, regressed: true });
    expect(exact?.delta).toBeCloseTo(-2 / 12, 10);
    expect(comparison.scorers.find((s) => s.scorer === 'rougeL')?.regressed).toBe(false);
    expect(comparison.newlyFailing).toEqual(['e10', 'e11']);
    expect(comparison.regressed).toBe(true);
    expect(formatComparison(comparison)).toContain('REGRESSED');
    expect(formatComparison(comparison)).toMatch(/exact\s+1\.0000\s+0\.8333\s+-0\.1667\s+0\.0500/);
    const same = compareRuns(baseline, baseline, { defaultThreshold: 0 });
    expect(same.regressed).toBe(false);
    // No change reads ±0.0000, and a zero threshold reads 'none' (not '-0.0000').
    expect(formatComparison(same)).toMatch(/exact\s+1\.0000\s+1\.0000\s+±0\.0000\s+none/);
    expect(formatComparison(same)).not.toContain('-0.0000');
  });

  it.skipIf(!existsSync('/usr/bin/chromium'))(
    'renders every chart of the HTML report in headless Chromium',
    { timeout: 60_000 },
    async () => {
      const baseline = await runWith(12);
      const candidate = await runWith(8);
      const html = toHtmlReport(candidate, compareRuns(baseline, candidate));
      const file = join(mkdtempSync(join(tmpdir(), 'gantry-eval-')), 'report.html');
      writeFileSync(file, html);
      const browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
        ],
      });
      try {
        const page = await browser.newPage();
        const requests: string[] = [];
        const errors: string[] = [];
        page.on('request', (r) => requests.push(r.url()));
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(pathToFileURL(file).href);
        const charts = await page.$$eval('svg[data-chart]', (svgs) =>
          svgs.map((svg) => {
            const box = svg.getBoundingClientRect();
            const marks = [...svg.querySelectorAll('.mark')].map((m) => m.getBoundingClientRect());
            return {
              kind: svg.getAttribute('data-chart'),
              width: box.width,
              height: box.height,
              marks: marks.length,
              visibleMarks: marks.filter((r) => r.width > 0 && r.height > 0).length,
            };
          }),
        );
        const kinds = new Set(charts.map((c) => c.kind));
        expect([...kinds].sort()).toEqual(['cost-quality', 'pass-rates', 'run-diff', 'score-distribution']);
        for (const chart of charts) {
          expect(chart.width, chart.kind ?? '').toBeGreaterThan(100);
          expect(chart.height).toBeGreaterThan(50);
          expect(chart.visibleMarks).toBe(chart.marks);
          expect(chart.marks).toBeGreaterThan(0);
        }
        // Cost vs quality: one point per result; pass rates: one bar per scorer; diff: two bars per scorer.
        expect(charts.find((c) => c.kind === 'cost-quality')?.marks).toBe(12);
        expect(charts.find((c) => c.kind === 'pass-rates')?.marks).toBe(2);
        expect(charts.find((c) => c.kind === 'run-diff')?.marks).toBe(4);
        const passRateWidths = await page.$$eval('svg[data-chart="pass-rates"] .mark', (bars) =>
          bars.map((b) => Number(b.getAttribute('width'))),
        );
        expect(passRateWidths[0]).toBeCloseTo(passRateWidths[1], 6); // exact and rougeL both pass 8 of 12
        expect(await page.locator('details.result').count()).toBe(12);
        await page.locator('details.result').first().click();
        expect(
          await page.locator('details.result').first().locator('ol.trajectory li').first().textContent(),
        ).toContain('lookup');
        expect(errors).toEqual([]);
        expect(requests.every((url) => url.startsWith('file://'))).toBe(true);
      } finally {
        await browser.close();
      }
    },
  );
});
