// `GUARD_BASELINE=<folder> GANTRY_GUARD_EXTRA=<extra> npx tsx bench/guard/toxicity-windows-diff.ts`: how an
// older toxicity (the baseline folder as for policy-latency.ts) and this one score every guard task row
// and held-out benign prompt longer than a tweet: how many scores differ, and which rows cross the default
// threshold (0.5) either way, by source. For changes to how long texts are cut into pieces (guardtox).
import * as current from '../../src/guard/index.js';

type Guard = typeof current;
if (!process.env.GUARD_BASELINE) throw new Error('Set GUARD_BASELINE to a folder holding the older src.');
const old = (await import(`${process.env.GUARD_BASELINE}/src/guard/index.ts`)) as Guard;
const datasets = current.locateDatasets();
const rows = [
  ...current.loadTaskRows(datasets, process.env.GANTRY_GUARD_EXTRA),
  ...current.loadBenignPrompts(datasets).map((row) => ({ ...row, kind: 'benign-prompts' })),
];
const threshold = 0.5;
let long = 0;
let changed = 0;
const crossed: Record<string, { up: number; down: number }> = {};
for (const row of rows) {
  if (row.text.length <= 280) continue;
  long++;
  const before = old.toxicityScore(row.text);
  const after = current.toxicityScore(row.text);
  if (before !== after) changed++;
  const up = before < threshold && after >= threshold;
  const down = before >= threshold && after < threshold;
  if (!up && !down) continue;
  const key = `${row.source}/${row.kind}`;
  crossed[key] ??= { up: 0, down: 0 };
  const entry = crossed[key];
  if (up) entry.up++;
  else entry.down++;
  process.stdout.write(
    `${up ? 'up' : 'down'} ${before.toFixed(3)} → ${after.toFixed(3)} ${JSON.stringify(row.text.slice(0, 80))}\n`,
  );
}
process.stdout.write(`${rows.length} rows, ${long} longer than 280 units: ${changed} scores differ\n`);
process.stdout.write(`crossing ${threshold}: ${JSON.stringify(crossed)}\n`);
