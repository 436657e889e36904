// CPU cost of the source-independent signals inside the prompt-task scores, side by side in one run:
// scorePromptTasks on the same 1 KB texts with signals off and on, alternating, caches cleared.
// Usage: npx tsx bench/guard/signals-latency.ts [texts]   (GANTRY_GUARD_EXTRA=<extra folder> optional)
import { groupRows, loadTaskRows } from '../../src/guard/datasets/index.js';
import { locateDatasets } from '../../src/guard/datasets/locate-datasets.js';
import { kilobyteTexts } from '../../src/guard/eval/measure-latency.js';
import { clearPromptTaskCache, scorePromptTasks } from '../../src/guard/scanners/index.js';

const count = Number(process.argv[2] ?? 300);
const rows = groupRows(loadTaskRows(locateDatasets(), process.env.GANTRY_GUARD_EXTRA));
const texts = kilobyteTexts(
  rows.filter((row) => row.split === 'test').map((row) => row.text),
  count,
);
const cost = { off: [] as number[], on: [] as number[] };
for (const text of texts.slice(0, 20)) scorePromptTasks(text, { signals: true });
for (const text of texts) {
  for (const signals of [false, true]) {
    let best = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 3; k++) {
      clearPromptTaskCache();
      const before = process.cpuUsage();
      scorePromptTasks(text, { signals });
      const used = process.cpuUsage(before);
      best = Math.min(best, (used.user + used.system) / 1000 / (text.length / 1024));
    }
    cost[signals ? 'on' : 'off'].push(best);
  }
}
const quantile = (list: number[], q: number) =>
  [...list].sort((a, b) => a - b)[Math.floor(q * (list.length - 1))];
for (const key of ['off', 'on'] as const)
  console.log(
    `signals ${key}: ${texts.length} texts, CPU ms/KB p50 ${quantile(cost[key], 0.5).toFixed(3)}, p99 ${quantile(cost[key], 0.99).toFixed(3)}`,
  );
const ratio = cost.on.map((x, i) => x / cost.off[i]);
console.log(
  `per-text ratio on/off: median ${quantile(ratio, 0.5).toFixed(2)}, p90 ${quantile(ratio, 0.9).toFixed(2)}`,
);
