// `npx tsx bench/guard/policy-breakdown.ts`: where the default input policy's time goes, per rule, on the
// 1 KB latency texts (fastest of LATENCY_REPEATS per text and rule, CPU µs per KB from process.cpuUsage). Prints the
// median per rule and the slowest texts (by whole-policy time) with their per-rule split. A text's repeats
// run back to back, so the suffix model's surprisal memo (guardlat6) is cleared before each run: the
// prompt-task rule is timed with a cold memo here (policy-latency.ts's spread order times a warm one).
import * as guard from '../../src/guard/index.js';
import { clearSurprisalMemo } from '../../src/guard/signals/index.js';
import { latencyTexts } from './latency-texts.js';

const texts = latencyTexts();
const repeats = Number(process.env.LATENCY_REPEATS ?? 5);

const names = guard.createGuardPolicy().rules.map((r, i) => `${i}:${r.name}`);
const shared = guard.createGuardPolicy();
const run = (text: string) => {
  const policy = process.env.REUSE ? shared : guard.createGuardPolicy();
  guard.clearPromptTaskCache();
  clearSurprisalMemo();
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
for (let i = 0; i < 100; i++) run(texts[i % texts.length]);
const per: number[][] = [];
for (const text of texts) {
  const best = names.map(() => Infinity);
  for (let r = 0; r < repeats; r++)
    run(text).forEach((t, k) => {
      best[k] = Math.min(best[k], t);
    });
  per.push(best.map((t) => (t * 1e3 * 1024) / text.length));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const totals = per.map((p) => p.reduce((a, b) => a + b, 0));
console.log(`${texts.length} texts; µs/KB, fastest of ${repeats}`);
names.forEach((n, k) => {
  console.log(`${n.padEnd(18)} median ${median(per.map((p) => p[k])).toFixed(0)}`);
});
console.log(`total median ${median(totals).toFixed(0)}`);
const order = totals.map((_, i) => i).sort((a, b) => totals[b] - totals[a]);
for (const i of order.slice(0, Number(process.env.SHOW ?? 8))) {
  console.log(
    `#${i} total ${totals[i].toFixed(0)}: ${names.map((n, k) => `${n.split(':')[1]} ${per[i][k].toFixed(0)}`).join(', ')}`,
  );
  console.log(`   ${JSON.stringify(texts[i].slice(0, 160))}`);
}
