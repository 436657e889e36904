// Trains the two GSM8K classifiers on the `dev` half of ../shared/datasets/routing/gsm8k:
// - the router (prompt features → P(weak answer wrong)): src/cost/weights/gsm8k-router.json
// - the cascade verifier (weak answer + question features → P(weak answer right)):
//   src/cost/weights/gsm8k-verifier.json
//   node bin/run-ts.js scripts/train-router.ts [--hash-buckets 64] [--l2 0.01]
// Label: 1 when the weak model (Mixtral) answers wrong (RouteLLM's label). The `report` half is never read.
import { writeFileSync } from 'node:fs';
import { loadGsm8k } from '../bench/cost/route-gsm8k-data.js';
import {
  answerFeatures,
  denseFeatureNames,
  type LogisticModel,
  promptFeatures,
  trainLogistic,
  verifierFeatureNames,
} from '../src/cost/index.js';

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const hashBuckets = argument('hash-buckets', 64);
const l2 = argument('l2', 0.01);
const out = new URL('../src/cost/weights/gsm8k-router.json', import.meta.url);

const dev = loadGsm8k().filter((row) => row.split === 'dev');
const features = dev.map((row) => promptFeatures(row.question, { hashBuckets }));
const labels = dev.map((row) => (row.weakCorrect ? 0 : 1));
const trained = trainLogistic(features, labels, { l2 });
const model: LogisticModel = {
  target: 'probability that the weak model (Mixtral-8x7B) answers a GSM8K question wrong',
  features: [...denseFeatureNames, ...Array.from({ length: hashBuckets }, (_, i) => `word_hash_${i}`)],
  hashBuckets,
  weights: trained.weights.map(round),
  mean: trained.mean.map(round),
  scale: trained.scale.map(round),
  trainedOn: `gsm8k dev half (fnv1a(question) % 2 === 0, ${dev.length} rows, RouteLLM labels); l2=${l2}; scripts/train-router.ts`,
};
writeFileSync(out, `${JSON.stringify(model, null, 1)}\n`);
process.stdout.write(
  `router: ${dev.length} dev rows (${labels.filter(Boolean).length} weak-wrong) → ${out.pathname}\n`,
);

const verifierOut = new URL('../src/cost/weights/gsm8k-verifier.json', import.meta.url);
const verifier = trainLogistic(
  dev.map((row) => answerFeatures(row.question, row.weakText)),
  dev.map((row) => (row.weakCorrect ? 1 : 0)),
  { l2 },
);
const verifierModel: LogisticModel = {
  target: 'probability that the weak model (Mixtral-8x7B) answer to a GSM8K question is right',
  features: verifierFeatureNames,
  hashBuckets: 0,
  weights: verifier.weights.map(round),
  mean: verifier.mean.map(round),
  scale: verifier.scale.map(round),
  trainedOn: `gsm8k dev half (fnv1a(question) % 2 === 0, ${dev.length} rows, RouteLLM labels); l2=${l2}; scripts/train-router.ts`,
};
writeFileSync(verifierOut, `${JSON.stringify(verifierModel, null, 1)}\n`);
process.stdout.write(`verifier → ${verifierOut.pathname}\n`);

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
