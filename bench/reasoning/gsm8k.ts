// Test-time scaling on recorded GSM8K answers: self-consistency (with and without early stop),
// verifier-weighted votes and best-of-N with non-oracle verifiers, and the oracle upper bound, at
// 1 to 6 samples. The "model" is a replayed model that answers from the recordings, in a fixed order
// (cheapest first: GPT-3 6B ft, 6B ver, 175B ft, 175B ver, Mixtral-8x7B, gpt-4-1106).
// Split by question index: i % 5 in {0,1,2} train, 3 validation, 4 test; scorers are trained on
// train, the selection rule (max or vote) is chosen on validation, numbers are reported on test.
import {
  answerFeatures,
  bestOfN,
  type Candidate,
  checkArithmetic,
  createReplayedModel,
  type LogisticScorer,
  numericAnswer,
  type RecordedAnswer,
  selfConsistency,
  type TrainingRow,
  trainedVerifier,
  trainLogisticScorer,
  type Verifier,
} from '../../src/reason/index.js';
import { type Gsm8kItem, gsm8kSources, hasGsm8k, loadGsm8k } from './gsm8k-recordings.js';

type Split = 'train' | 'validation' | 'test';
const splitOf = (index: number): Split => (index % 5 < 3 ? 'train' : index % 5 === 3 ? 'validation' : 'test');

interface Row {
  method: string;
  samples: number;
  accuracy: number;
  samplesUsed: number;
  outputTokens: number;
}

function modelFor(item: Gsm8kItem, n: number) {
  return createReplayedModel({ recordings: new Map([[item.question, item.answers.slice(0, n)]]) });
}

type FeatureSet = 'answer' | 'answer+source';
function featuresFor(set: FeatureSet, item: Gsm8kItem) {
  const sourceOf = new Map(item.answers.map((answer) => [answer.text, answer.source]));
  return (candidate: Candidate, all: readonly Candidate[]) => {
    const base = answerFeatures(candidate, all);
    if (set === 'answer') return base;
    const source = sourceOf.get(candidate.text);
    return [...base, ...gsm8kSources.map((name) => (name === source ? 1 : 0))];
  };
}

function train(items: Gsm8kItem[], n: number, set: FeatureSet): LogisticScorer {
  const rows: TrainingRow[] = [];
  for (const item of items) {
    const candidates: Candidate[] = item.answers.slice(0, n).map((answer, index) => ({
      question: item.question,
      text: answer.text,
      key: numericAnswer(answer.text),
      index,
    }));
    const features = featuresFor(set, item);
    for (const candidate of candidates) {
      rows.push({ features: features(candidate, candidates), label: candidate.key === item.gold ? 1 : 0 });
    }
  }
  return trainLogisticScorer(rows);
}

async function evaluate(
  items: Gsm8kItem[],
  n: number,
  run: (
    item: Gsm8kItem,
  ) => Promise<{ answer: string | undefined; usage: { steps: number; outputTokens: number } }>,
) {
  let correct = 0;
  let samples = 0;
  let tokens = 0;
  for (const item of items) {
    const result = await run(item);
    if (result.answer === item.gold) correct++;
    samples += Math.min(n, result.usage.steps);
    tokens += result.usage.outputTokens;
  }
  return {
    accuracy: correct / items.length,
    samplesUsed: samples / items.length,
    outputTokens: tokens / items.length,
  };
}

export async function runGsm8k(): Promise<Row[]> {
  if (!hasGsm8k()) {
    console.log('skip gsm8k: ../shared/datasets/routing/gsm8k is absent (set GANTRY_GSM8K_DATASET)');
    return [];
  }
  const items = loadGsm8k();
  const bySplit = (split: Split) => items.filter((item) => splitOf(item.index) === split);
  const [trainItems, validationItems, testItems] = [bySplit('train'), bySplit('validation'), bySplit('test')];
  const vote = (item: Gsm8kItem, n: number, earlyStop: boolean, weigh?: (s: { text: string }) => number) =>
    selfConsistency({ model: modelFor(item, n), question: item.question, samples: n, earlyStop, weigh });

  // Sanity check against the dataset README: plurality of the four GPT-3 answers, ties to the first.
  const readmeCheck = await evaluate(items, 4, (item) => vote(item, 4, false));
  console.log(
    `check: majority of the 4 GPT-3 answers on all 1,319 = ${percent(readmeCheck.accuracy)} (README: 44.35%)`,
  );

  const rows: Row[] = [];
  for (let n = 1; n <= gsm8kSources.length; n++) {
    const add = (method: string, measured: Awaited<ReturnType<typeof evaluate>>) =>
      rows.push({ method, samples: n, ...measured });
    add('majority vote (self-consistency)', await evaluate(testItems, n, (item) => vote(item, n, false)));
    add('majority vote, early stop', await evaluate(testItems, n, (item) => vote(item, n, true)));
    const arithmeticWeight = ({ text }: { text: string }) => (checkArithmetic(text).wrong > 0 ? 0.25 : 1);
    add(
      'vote, arithmetic re-check (untrained)',
      await evaluate(testItems, n, (item) => vote(item, n, false, arithmeticWeight)),
    );
    for (const set of ['answer', 'answer+source'] as FeatureSet[]) {
      const scorer = train(trainItems, n, set);
      const verifierFor = (item: Gsm8kItem): Verifier => trainedVerifier(scorer, featuresFor(set, item));
      const withSelection = (selection: 'max' | 'vote') => (item: Gsm8kItem) =>
        bestOfN({
          model: modelFor(item, n),
          question: item.question,
          samples: n,
          verifier: verifierFor(item),
          selection,
        });
      const onValidation = {
        max: await evaluate(validationItems, n, withSelection('max')),
        vote: await evaluate(validationItems, n, withSelection('vote')),
      };
      const selection = onValidation.vote.accuracy >= onValidation.max.accuracy ? 'vote' : 'max';
      add(
        `trained verifier (${set} features), ${selection}`,
        await evaluate(testItems, n, withSelection(selection)),
      );
    }
    const oracle: Verifier = (candidate) => {
      const item = testItems.find((entry) => entry.question === candidate.question) as Gsm8kItem;
      return candidate.key === item.gold ? 1 : 0;
    };
    add(
      'best-of-n, oracle verifier (upper bound)',
      await evaluate(testItems, n, (item) =>
        bestOfN({ model: modelFor(item, n), question: item.question, samples: n, verifier: oracle }),
      ),
    );
  }
  const single = (index: number) =>
    testItems.filter((item) => numericAnswer((item.answers[index] as RecordedAnswer).text) === item.gold)
      .length / testItems.length;
  console.log(
    `single models on the test split (${testItems.length} questions): ${gsm8kSources.map((name, index) => `${name} ${percent(single(index))}`).join(', ')}`,
  );
  console.log('\n| samples | method | accuracy | samples used | output tokens |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) {
    console.log(
      `| ${row.samples} | ${row.method} | ${percent(row.accuracy)} | ${row.samplesUsed.toFixed(2)} | ${Math.round(row.outputTokens)} |`,
    );
  }
  return rows;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(2)}%`;
}
