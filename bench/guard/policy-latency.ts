// `npx tsx bench/guard/policy-latency.ts`: the whole default input policy, per KB, side by side with a
// baseline copy of the guard in the same process (GUARD_BASELINE: a folder holding an older `src`, e.g.
// `git archive <commit> src | tar -x -C /tmp/guard-old`, with a node_modules link and this repository's
// package.json and tsconfig.json copied beside it: without them tsx compiles the baseline otherwise, and
// the same code measured 7 % slower at p50 and up to 16 % at p99 as the baseline). Each text is timed
// `repeats` times for each version, alternating (each version first in every other repeat), with a fresh
// policy per call and the caches cleared; its fastest run is kept (as in measureLatency). Decisions of
// both versions must be identical.
// Warm-up: LATENCY_WARMUP passes over every text per version (default 2; before guardlat4 it was the first
// 60 texts only, so the Presidio texts at the end met paths the JIT had not optimised yet and made the
// p99). Repeats: LATENCY_ORDER=spread (default) times each text once per pass over all texts, `repeats`
// passes, so that a text's fastest run is picked among runs seconds apart (a neighbour's burst no longer
// spoils all of a text's runs at once); LATENCY_ORDER=consecutive times each text `repeats` times in a row
// (the method of the earlier sections in docs/benchmarks.md).
import { cpus, loadavg } from 'node:os';
import * as current from '../../src/guard/index.js';
import { latencyTexts } from './latency-texts.js';

type Guard = typeof current;
const texts = latencyTexts();
const repeats = Number(process.env.LATENCY_REPEATS ?? 3);

const versions: [string, Guard][] = [['new', current]];
if (process.env.GUARD_BASELINE) {
  versions.unshift(['old', (await import(`${process.env.GUARD_BASELINE}/src/guard/index.ts`)) as Guard]);
}

// Memos kept across texts (the suffix model's 4-grams, the tagger's token sums) are emptied before each
// timed call, so every text is timed as the first the process sees (a copy without clearGuardMemos has
// only the last-text cache). LATENCY_MEMOS=keep leaves them as a server would, warm from the other texts.
const keepMemos = process.env.LATENCY_MEMOS === 'keep';
const clearMemos = (guard: Guard) => {
  if (!keepMemos && typeof guard.clearGuardMemos === 'function') guard.clearGuardMemos();
  else guard.clearPromptTaskCache();
};
const decide = (guard: Guard, text: string) => {
  const policy = guard.createGuardPolicy();
  clearMemos(guard);
  const startCpu = process.cpuUsage();
  const start = performance.now();
  const decision = policy.checkText(text, { direction: 'input' });
  const wall = performance.now() - start;
  const delta = process.cpuUsage(startCpu);
  return { decision, wall, cpu: (delta.user + delta.system) / 1000 };
};

const warmup = Number(process.env.LATENCY_WARMUP ?? 2);
const spread = (process.env.LATENCY_ORDER ?? 'spread') === 'spread';
for (let pass = 0; pass < warmup; pass++)
  for (const [, guard] of versions) for (const text of texts) decide(guard, text);
const best = texts.map(() => versions.map(() => ({ wall: Infinity, cpu: Infinity })));
const decisions = texts.map(() => [] as string[]);
const time = (i: number, r: number) => {
  // Each version goes first in every other repeat, so that neither gains from its place.
  const turn = r % 2 === 0 ? versions.map((_, v) => v) : versions.map((_, v) => versions.length - 1 - v);
  for (const v of turn) {
    const { decision, wall, cpu } = decide(versions[v][1], texts[i]);
    best[i][v].wall = Math.min(best[i][v].wall, wall);
    best[i][v].cpu = Math.min(best[i][v].cpu, cpu);
    if (r === 0) decisions[i][v] = JSON.stringify(decision);
  }
};
if (spread) for (let r = 0; r < repeats; r++) for (let i = 0; i < texts.length; i++) time(i, r);
else for (let i = 0; i < texts.length; i++) for (let r = 0; r < repeats; r++) time(i, r);
const differing = decisions.filter((d) => d.length === 2 && d[0] !== d[1]).length;
const times = versions.map((_, v) => ({
  wall: texts.map((text, i) => (best[i][v].wall * 1024) / text.length),
  cpu: texts.map((text, i) => (best[i][v].cpu * 1024) / text.length),
}));
const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
process.stdout.write(
  `${texts.length} texts of 1 KB, ${repeats} repeats each (${spread ? 'one per pass' : 'consecutive'}, fastest kept), warm-up ${warmup} passes, ${cpus().length} cores, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(
      ' ',
    )}\n\n| version | p50 ms/KB | p99 ms/KB | CPU p50 ms/KB | CPU p99 ms/KB |\n| --- | --- | --- | --- | --- |\n`,
);
versions.forEach(([name], v) => {
  const t = times[v];
  process.stdout.write(
    `| ${name} | ${pct(t.wall, 50).toFixed(3)} | ${pct(t.wall, 99).toFixed(3)} | ${pct(t.cpu, 50).toFixed(3)} | ${pct(t.cpu, 99).toFixed(3)} |\n`,
  );
});
if (versions.length === 2)
  process.stdout.write(`\ndecisions that differ between versions: ${differing} of ${texts.length}\n`);
// SHOW=n: the n slowest texts of the last version by CPU time (index, ms/KB of each version, opening words).
const show = Number(process.env.SHOW ?? 0);
if (show > 0) {
  const last = times.length - 1;
  const order = texts.map((_, i) => i).sort((a, b) => times[last].cpu[b] - times[last].cpu[a]);
  for (const i of order.slice(0, show))
    process.stdout.write(
      `#${i} ${times.map((t) => t.cpu[i].toFixed(3)).join(' / ')} ${JSON.stringify(texts[i].slice(0, 70))}\n`,
    );
}
