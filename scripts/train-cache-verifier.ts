// Trains the semantic cache's hit verifier on the train split of qqp-dev (bench/cost/qqp-data.ts:
// split by connected components of the question graph, 60/20/20) and picks its threshold on the
// validation split; the test split is only read by bench/cost/cache-qqp.ts. Writes
// src/gateway/cache/semantic/verifier/weights/qqp-hit-verifier.json: weights, standardisation, a
// hashed idf table and the threshold, no text. Deterministic: two runs write the same bytes.
//   node bin/run-ts.js scripts/train-cache-verifier.ts [--l2 0.001] [--iterations 3000]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadQqpDev, qqpDevPath, type SplitPair, splitByQuestion } from '../bench/cost/qqp-data.js';
import {
  goalServed,
  goalShare,
  minimumServed,
  pct,
  similarityFloor,
  sweepVerifier,
  taus,
  type VerifierRow,
} from '../bench/cost/qqp-sweep-data.js';
import { trainLogistic } from '../src/cost/index.js';
import { createHashedEmbedder, isStopword, promptTokens, stem } from '../src/gateway/cache/semantic/index.js';
import {
  buildIdf,
  HitVerifier,
  type HitVerifierModel,
  idfTable,
  pairFeatureNames,
  pairFeatures,
  verifierFacts,
} from '../src/gateway/cache/semantic/verifier/index.js';

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const l2 = argument('l2', 0.001);
const iterations = argument('iterations', 3000);
const out = new URL('../src/gateway/cache/semantic/verifier/weights/qqp-hit-verifier.json', import.meta.url);

const pairs = splitByQuestion(loadQqpDev());
const train = pairs.filter((p) => p.split === 'train');
const validation = pairs.filter((p) => p.split === 'validation');

const trainQuestions = [...new Set(train.flatMap((p) => [p.q1, p.q2]))];
const idf = buildIdf(
  trainQuestions.map(
    (q) => new Set(promptTokens(q).flatMap((t) => (isStopword(t.text) ? [] : [stem(t.text)]))),
  ),
);
const table = idfTable(idf);
const embed = createHashedEmbedder({ dimension: 256 });
const cosine = (a: Float32Array, b: Float32Array) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
};
const featuresOf = (pair: SplitPair) =>
  pairFeatures(
    verifierFacts(pair.q2, table),
    verifierFacts(pair.q1, table),
    cosine(embed(pair.q2), embed(pair.q1)),
  );
const x = train.map(featuresOf);
const y = train.map((p) => (p.duplicate ? 1 : 0));
const trained = trainLogistic(x, y, { l2, iterations, learningRate: 0.5 });
const round = (v: number) => Number(v.toPrecision(7));
const model = {
  weights: trained.weights.map(round),
  mean: trained.mean.map(round),
  scale: trained.scale.map(round),
};

const dataSha256 = createHash('sha256').update(readFileSync(qqpDevPath)).digest('hex');
const base: HitVerifierModel = {
  target: 'probability that a cached prompt asks the same as the new one (QQP duplicate)',
  features: [...pairFeatureNames],
  ...model,
  idf,
  threshold: 0.5,
  dimension: 256,
  trainedOn: `qqp-dev.jsonl (sha256 ${dataSha256}) train split by question components (${train.length} pairs, ${trainQuestions.length} questions); l2=${l2}, iterations=${iterations}; scripts/train-cache-verifier.ts`,
};

// The threshold: the end-to-end cache on the validation split (its q1s cached, its q2s asked).
const rows = sweepVerifier(validation, new HitVerifier({ model: base }), taus);
console.log(`validation split: ${validation.length} pairs; default guards, similarity >= ${similarityFloor}`);
console.log('| verifier threshold | duplicates served | false hits / hits | wrong hits |');
for (const r of rows)
  console.log(
    `| ${r.tau} | ${pct(r.good / r.duplicates)} (${r.good}/${r.duplicates}) | ${pct(r.falseHits / Math.max(1, r.good + r.falseHits))} (${r.falseHits}) | ${r.wrong} |`,
  );
const share = (r: VerifierRow) => r.falseHits / Math.max(1, r.good + r.falseHits);
const reaching = rows.find((r) => share(r) < goalShare && r.good / r.duplicates >= goalServed);
const useful = rows.filter((r) => r.good / r.duplicates >= minimumServed);
const chosen =
  reaching ??
  useful.reduce((best, r) =>
    share(r) < share(best) || (share(r) === share(best) && r.good > best.good) ? r : best,
  );
console.log(
  reaching
    ? `chosen: ${chosen.tau} (reaches the goal on validation)`
    : `chosen: ${chosen.tau} (no threshold reaches the goal on validation; the lowest false-hit share while serving >= ${pct(minimumServed)} of duplicates)`,
);
writeFileSync(out, `${JSON.stringify({ ...base, threshold: chosen.tau }, null, 1)}\n`);
console.log(`wrote ${fileURLToPath(out)}`);
