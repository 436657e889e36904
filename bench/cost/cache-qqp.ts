// Semantic-cache false hits on ../shared/datasets/semantic-cache/qqp-dev.jsonl (the only QQP pairs
// used; the rest are held out), on the test split of bench/cost/qqp-data.ts (connected components
// of the question graph, 60/20/20: no question text in two splits). The test split's q1s are cached,
// each with its own answer; its q2s are asked. A duplicate's q2 served its own q1's answer is a good
// hit, a non-duplicate's q2 served its own q1's answer a false hit, any other entry a wrong hit.
// Compared: the cache without the verifier (similarity threshold + guards, the old behaviour) and with
// the shipped hit verifier at the threshold chosen on the validation split
// (scripts/train-cache-verifier.ts). Goal (issue 18): false hits under 1 % of hits while serving at
// least 30 % of duplicates.   node bin/run-ts.js bench/cost/cache-qqp.ts
import type { SemanticCacheGuardName } from '../../src/config/index.js';
import { SemanticCache } from '../../src/gateway/cache/semantic/index.js';
import { HitVerifier } from '../../src/gateway/cache/semantic/verifier/index.js';
import { loadQqpDev, type QqpPair, splitByQuestion } from './qqp-data.js';
import { defaultGuards, goalServed, goalShare, pct, rowAt, scoreSplit, taus } from './qqp-sweep-data.js';

const all = splitByQuestion(loadQqpDev());
const test = all.filter((p) => p.split === 'test');
const count = (split: string) => all.filter((p) => p.split === split).length;
const testDuplicates = test.filter((p) => p.duplicate).length;

interface Row {
  label: string;
  good: number;
  falseHits: number;
  wrong: number;
}

function print(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  console.log(
    '| setting | duplicates served (of all duplicates) | false hits / hits (own-entry hits) | false hits / all hits (wrong hits counted as hits) | wrong hits |',
  );
  console.log('|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.label} | ${pct(r.good / testDuplicates)} (${r.good}/${testDuplicates}) | ${pct(r.falseHits / Math.max(1, r.good + r.falseHits))} (${r.falseHits}/${r.good + r.falseHits}) | ${pct(r.falseHits / Math.max(1, r.good + r.falseHits + r.wrong))} | ${r.wrong} |`,
    );
}

/** The old behaviour: the most similar candidate the guards let through, at each similarity threshold. */
function withoutVerifier(pairs: QqpPair[], guards: SemanticCacheGuardName[]): Row[] {
  const cache = new SemanticCache({ threshold: 0.6, maxEntries: 1_000_000, verifier: false });
  const cached = new Set<string>();
  for (const pair of pairs) {
    if (cached.has(pair.q1)) continue;
    cached.add(pair.q1);
    cache.store('bench', pair.q1, pair.q1);
  }
  const candidates = pairs.map((pair) => ({
    duplicate: pair.duplicate,
    list: cache.inspect('bench', pair.q2, { guards, limit: 4 }).map((c) => ({
      own: c.text === pair.q1,
      similarity: c.similarity,
      refused: c.refusedBy !== undefined,
    })),
  }));
  return [0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95].map((threshold) => {
    const row: Row = { label: `no verifier, similarity ≥ ${threshold}`, good: 0, falseHits: 0, wrong: 0 };
    for (const c of candidates) {
      const served = c.list.find((x) => x.similarity >= threshold && !x.refused);
      if (!served) continue;
      if (!served.own) row.wrong++;
      else if (c.duplicate) row.good++;
      else row.falseHits++;
    }
    return row;
  });
}

const verifier = new HitVerifier();
console.log(
  `qqp-dev ${all.length} pairs split by question: train ${count('train')}, validation ${count('validation')}, test ${test.length} (${testDuplicates} duplicates); verifier threshold ${verifier.threshold} (chosen on validation)`,
);
const cpu = process.cpuUsage();
const scored = scoreSplit(test, verifier, defaultGuards);
const used = process.cpuUsage(cpu);
console.log(
  `verifier run: ${((used.user + used.system) / test.length) | 0} µs CPU per pair (store + lookup with 4 candidates scored)`,
);
const toRow = (label: string, tau: number): Row => {
  const r = rowAt(scored, tau);
  return { label, good: r.good, falseHits: r.falseHits, wrong: r.wrong };
};
print('Test split, threshold chosen on validation', [
  toRow(`verifier ≥ ${verifier.threshold} (default guards, similarity ≥ 0.7)`, verifier.threshold),
  ...withoutVerifier(test, defaultGuards).filter((r) => r.label.endsWith('0.9')),
]);
print(
  'Test split, verifier threshold curve (default guards, similarity ≥ 0.7)',
  taus.map((tau) => toRow(`verifier ≥ ${tau}`, tau)),
);
print('Test split, no verifier (old behaviour), default guards', withoutVerifier(test, defaultGuards));
print(
  'Test split, no verifier, strict guards (content words identical)',
  withoutVerifier(test, [...defaultGuards, 'content-words']),
);
const reached = taus
  .map((tau) => rowAt(scored, tau))
  .some(
    (r) =>
      r.good / testDuplicates >= goalServed && r.falseHits / Math.max(1, r.good + r.falseHits) < goalShare,
  );
console.log(
  `\ngoal (false hits < ${pct(goalShare)} of hits at >= ${pct(goalServed)} of duplicates served) reached on test: ${reached}`,
);

// Lookup cost with and without the verifier, side by side (CPU time, the test split's q1s cached).
{
  const caches = [new SemanticCache({ verifier: false }), new SemanticCache({ verifier })];
  for (const cache of caches) for (const pair of test) cache.store('bench', pair.q1, pair.q1);
  const micros = caches.map(() => [] as number[]);
  for (let round = 0; round < 3; round++)
    caches.forEach((cache, which) => {
      const start = process.cpuUsage();
      for (const pair of test) cache.lookup('bench', pair.q2);
      const spent = process.cpuUsage(start);
      micros[which].push((spent.user + spent.system) / test.length);
    });
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1];
  const [off, on] = micros.map(median);
  console.log(
    `lookup CPU (median of 3 rounds, ${test.length} lookups, ${caches[0].size} entries): verifier off ${off.toFixed(1)} µs (similarity 0.9), on ${on.toFixed(1)} µs (similarity 0.7 + verifier); ratio ${(on / off).toFixed(2)}`,
  );
}
