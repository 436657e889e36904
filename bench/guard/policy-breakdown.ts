// `npx tsx bench/guard/policy-breakdown.ts`: where the default input policy's time goes, per rule, on the
// 1 KB latency texts (fastest of LATENCY_REPEATS per text and rule, CPU µs per KB from process.cpuUsage). Prints the
// median per rule and the slowest texts (by whole-policy time) with their per-rule split. With GUARD_BASELINE
// (a folder as for policy-latency.ts) the older copy runs too, alternating with this one per repeat, and
// each rule's median is printed for both with their ratio (guardlat7). A text's repeats run back to back,
// so every memo kept across texts is emptied before each run (clearGuardCaches): each text is timed as the
// first the process sees.
import * as guard from '../../src/guard/index.js';
import { latencyTexts } from './latency-texts.js';

type Guard = typeof guard;
const texts = latencyTexts();
const repeats = Number(process.env.LATENCY_REPEATS ?? 5);
const versions: [string, Guard][] = [['new', guard]];
if (process.env.GUARD_BASELINE)
  versions.unshift(['old', (await import(`${process.env.GUARD_BASELINE}/src/guard/index.ts`)) as Guard]);

const names = guard.createGuardPolicy().rules.map((r, i) => `${i}:${r.name}`);
// A baseline copy from before clearGuardMemos has only the last-text cache to clear.
const clearCaches = (g: Guard) =>
  typeof g.clearGuardMemos === 'function' ? g.clearGuardMemos() : g.clearPromptTaskCache();
const shared = versions.map(([, g]) => g.createGuardPolicy());
const run = (v: number, text: string) => {
  const g = versions[v][1];
  const policy = process.env.REUSE ? shared[v] : g.createGuardPolicy();
  clearCaches(g);
  const times: number[] = [];
  let current = text;
  for (const rule of policy.rules) {
    if (rule.directions.length > 0 && !rule.directions.includes('input')) {
      times.push(0);
      continue;
    }
    const start = process.cpuUsage();
    const result = rule.scan(current, { direction: 'input' });
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
    if (rule.action === 'redact' && result.findings.length && result.redacted !== undefined)
      current = result.redacted;
  }
  return times;
};
for (let i = 0; i < 100; i++) for (let v = 0; v < versions.length; v++) run(v, texts[i % texts.length]);
const per: number[][][] = versions.map(() => []);
for (const text of texts) {
  const best = versions.map(() => names.map(() => Infinity));
  for (let r = 0; r < repeats; r++)
    for (let o = 0; o < versions.length; o++) {
      // Each version first in every other repeat.
      const v = r % 2 ? versions.length - 1 - o : o;
      run(v, text).forEach((t, k) => {
        best[v][k] = Math.min(best[v][k], t);
      });
    }
  versions.forEach((_, v) => {
    per[v].push(best[v].map((t) => (t * 1e3 * 1024) / text.length));
  });
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const last = versions.length - 1;
const totals = per[last].map((p) => p.reduce((a, b) => a + b, 0));
console.log(
  `${texts.length} texts; µs/KB, fastest of ${repeats}; ${versions.map(([name]) => name).join(' vs ')}`,
);
names.forEach((n, k) => {
  const medians = per.map((list) => median(list.map((p) => p[k])));
  const ratio = versions.length > 1 && medians[0] > 0 ? ` (${(medians[last] / medians[0]).toFixed(2)})` : '';
  console.log(`${n.padEnd(18)} median ${medians.map((m) => m.toFixed(0)).join(' → ')}${ratio}`);
});
const allTotals = per.map((list) => median(list.map((p) => p.reduce((a, b) => a + b, 0))));
console.log(`total median ${allTotals.map((m) => m.toFixed(0)).join(' → ')}`);
const order = totals.map((_, i) => i).sort((a, b) => totals[b] - totals[a]);
for (const i of order.slice(0, Number(process.env.SHOW ?? 8))) {
  console.log(
    `#${i} total ${totals[i].toFixed(0)}: ${names.map((n, k) => `${n.split(':')[1]} ${per[last][i][k].toFixed(0)}`).join(', ')}`,
  );
  console.log(`   ${JSON.stringify(texts[i].slice(0, 160))}`);
}
