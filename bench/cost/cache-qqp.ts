// Semantic-cache false hits on ../shared/datasets/semantic-cache/qqp-dev.jsonl (the only QQP pairs
// used; the rest are held out). Protocol of the dataset README: every q1 is cached with its own
// answer, every q2 is asked. A duplicate's q2 served its own q1's answer is a good hit; a
// non-duplicate's q2 served its own q1's answer is a false hit; any other entry served is a wrong hit.
// The threshold is chosen on the tuning half of a split by question template (first two words of
// q1) and reported on the other half. `node bin/run-ts.js bench/cost/cache-qqp.ts`
import { readFileSync } from 'node:fs';
import type { SemanticCacheGuardName } from '../../src/config/index.js';
import { SemanticCache } from '../../src/gateway/cache/semantic/index.js';

interface Pair {
  q1: string;
  q2: string;
  duplicate: boolean;
}

const path = new URL('../../../shared/datasets/semantic-cache/qqp-dev.jsonl', import.meta.url);
const pairs: Pair[] = readFileSync(path, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Pair);

export const defaultGuards: SemanticCacheGuardName[] = [
  'negation',
  'numbers',
  'dates',
  'entities',
  'output-form',
];
const allGuards: SemanticCacheGuardName[] = [...defaultGuards, 'content-words'];
type GuardSet = 'off' | 'default' | 'strict';
const thresholds = [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97];
const floor = Math.min(...thresholds);

function template(text: string): string {
  return text.toLowerCase().split(/\s+/).slice(0, 2).join(' ');
}
function fnv(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
/** Tuning half: templates whose hash is even. */
const isTuning = (pair: Pair) => fnv(template(pair.q1)) % 2 === 0;

interface Outcome {
  duplicate: boolean;
  tuning: boolean;
  /** Candidates, best first: whether each is the pair's own q1, its similarity, and the guard refusing it. */
  candidates: { own: boolean; similarity: number; refusedBy: SemanticCacheGuardName | undefined }[];
}

const scope = 'bench';
const cache = new SemanticCache({ threshold: floor, maxEntries: 1_000_000 });
const cachedQuestions = new Set<string>();
for (const pair of pairs) {
  if (cachedQuestions.has(pair.q1)) continue;
  cachedQuestions.add(pair.q1);
  cache.store(scope, pair.q1, pair.q1);
}
const started = performance.now();
const outcomes: Outcome[] = pairs.map((pair) => ({
  duplicate: pair.duplicate,
  tuning: isTuning(pair),
  candidates: cache
    .inspect(scope, pair.q2, { threshold: floor, guards: allGuards, limit: 4 })
    .map((c) => ({ own: c.text === pair.q1, similarity: c.similarity, refusedBy: c.refusedBy })),
}));
const perQueryUs = ((performance.now() - started) * 1000) / pairs.length;

interface Row {
  threshold: number;
  guards: GuardSet;
  duplicates: number;
  nonDuplicates: number;
  good: number;
  falseHits: number;
  wrong: number;
}

function evaluate(
  subset: Outcome[],
  threshold: number,
  guards: GuardSet,
  only?: SemanticCacheGuardName[],
): Row {
  const active = only ?? (guards === 'strict' ? allGuards : guards === 'default' ? defaultGuards : []);
  const row: Row = { threshold, guards, duplicates: 0, nonDuplicates: 0, good: 0, falseHits: 0, wrong: 0 };
  for (const outcome of subset) {
    if (outcome.duplicate) row.duplicates++;
    else row.nonDuplicates++;
    const served = outcome.candidates.find(
      (c) => c.similarity >= threshold && (c.refusedBy === undefined || !active.includes(c.refusedBy)),
    );
    if (!served) continue;
    if (!served.own) row.wrong++;
    else if (outcome.duplicate) row.good++;
    else row.falseHits++;
  }
  return row;
}

function wilson(successes: number, total: number): [number, number] {
  if (total === 0) return [0, 0];
  const z = 1.96;
  const p = successes / total;
  const centre = (p + (z * z) / (2 * total)) / (1 + (z * z) / total);
  const half = (z * Math.sqrt((p * (1 - p)) / total + (z * z) / (4 * total * total))) / (1 + (z * z) / total);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
function print(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  console.log(
    '| threshold | guards | duplicates served | false-hit rate on non-duplicates (95 % CI) | false hits / (good + false) | wrong hits | ',
  );
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    const [low, high] = wilson(r.falseHits, r.nonDuplicates);
    const share = r.good + r.falseHits === 0 ? 0 : r.falseHits / (r.good + r.falseHits);
    console.log(
      `| ${r.threshold} | ${r.guards} | ${pct(r.good / r.duplicates)} (${r.good}/${r.duplicates}) | ${pct(r.falseHits / r.nonDuplicates)} (${pct(low)}–${pct(high)}) | ${pct(share)} (${r.falseHits}) | ${r.wrong} |`,
    );
  }
}

const tuning = outcomes.filter((o) => o.tuning);
const report = outcomes.filter((o) => !o.tuning);
console.log(
  `qqp-dev: ${pairs.length} pairs, ${cachedQuestions.size} cached q1; split by template: tuning ${tuning.length}, report ${report.length}; inspect ${perQueryUs.toFixed(1)} µs/query (embed + LSH + guards)`,
);
const sweep = (subset: Outcome[]) =>
  thresholds.flatMap((t) => [
    evaluate(subset, t, 'off'),
    evaluate(subset, t, 'default'),
    evaluate(subset, t, 'strict'),
  ]);
print('Tuning half', sweep(tuning));

// The goal (false hits < 1 % of hits at >= 30 % of duplicates served) is out of reach of this
// lexical embedder on QQP's hard negatives (see the sweep). Shipped threshold: the lowest whose
// false-hit rate on non-duplicates stays under 1 % with the default guards on the tuning half.
const chosen = thresholds.find((t) => {
  const r = evaluate(tuning, t, 'default');
  return r.falseHits / r.nonDuplicates < 0.01;
});
console.log(`\nchosen on the tuning half: ${chosen ?? 'none'}`);
print(
  'Report half (threshold chosen on the tuning half)',
  chosen === undefined
    ? []
    : [
        evaluate(report, chosen, 'off'),
        evaluate(report, chosen, 'default'),
        evaluate(report, chosen, 'strict'),
      ],
);
print('Report half, full sweep', sweep(report));

// Each guard alone at the chosen threshold: what it refuses on both classes.
if (chosen !== undefined) {
  console.log('\nGuards one at a time (report half, threshold chosen):');
  for (const guard of allGuards) {
    const r = evaluate(report, chosen, 'default', [guard]);
    console.log(`  ${guard}: good ${r.good}, false ${r.falseHits}, wrong ${r.wrong}`);
  }
}
