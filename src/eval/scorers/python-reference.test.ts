// Every scorer and option against the Python reference implementations on 600 generated pairs
// (sacrebleu 2.6.0, rouge-score 0.1.2, SQuAD v1.1's evaluate-v1.1.py, GAIA's question_scorer),
// to 1e-9. The fixture's provenance is in __fixtures__/python-reference/README.md.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type BleuOptions, corpusBleu, sentenceBleu } from './bleu.js';
import { type ChrfOptions, corpusChrf, sentenceChrf } from './chrf.js';
import { gaiaQuestionScorer } from './gaia-quasi-exact-match.js';
import { porterStem } from './porter-stemmer.js';
import { type RougeType, rougeScores } from './rouge.js';
import { squadExactMatch, squadF1Score } from './squad-f1.js';

interface Pair {
  id: string;
  category: string;
  hyp: string;
  refs: string[];
}
interface CaseRow {
  kind: 'case';
  id: string;
  values: Record<string, number>;
}
interface CorpusRow {
  kind: 'corpus';
  metric: string;
  subset: string;
  value: number;
}
interface StemsRow {
  kind: 'stems';
  pairs: [string, string][];
}

const fixtures = new URL('./__fixtures__/python-reference/', import.meta.url);
const readJsonl = <T>(name: string): T[] =>
  readFileSync(new URL(name, fixtures), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);

const pairs = readJsonl<Pair>('corpus.jsonl');
const reference = readJsonl<CaseRow | CorpusRow | StemsRow | { kind: 'meta' }>('reference.jsonl');
const pairById = new Map(pairs.map((p) => [p.id, p]));
const cases = reference.filter((r): r is CaseRow => r.kind === 'case');
const corpusRows = reference.filter((r): r is CorpusRow => r.kind === 'corpus');

const bleuKeys: Record<string, BleuOptions> = {
  '13a.exp': { tokenize: '13a', smoothMethod: 'exp' },
  '13a.floor': { tokenize: '13a', smoothMethod: 'floor' },
  '13a.add-k': { tokenize: '13a', smoothMethod: 'add-k' },
  '13a.none': { tokenize: '13a', smoothMethod: 'none' },
  '13a.floor0.01': { tokenize: '13a', smoothMethod: 'floor', smoothValue: 0.01 },
  '13a.add-k0.5': { tokenize: '13a', smoothMethod: 'add-k', smoothValue: 0.5 },
  '13a.exp.lc': { tokenize: '13a', smoothMethod: 'exp', lowercase: true },
  'intl.exp': { tokenize: 'intl', smoothMethod: 'exp' },
  'char.exp': { tokenize: 'char', smoothMethod: 'exp' },
  'none.exp': { tokenize: 'none', smoothMethod: 'exp' },
  '13a.exp.order2': { tokenize: '13a', smoothMethod: 'exp', maxNgramOrder: 2 },
  '13a.exp.eff': { tokenize: '13a', smoothMethod: 'exp', effectiveOrder: true },
};
const chrfKeys: Record<string, ChrfOptions> = {
  chrf: {},
  'chrf++': { wordOrder: 2 },
  'chrf.eps': { epsSmoothing: true },
  'chrf++.eps': { wordOrder: 2, epsSmoothing: true },
  'chrf.ws': { keepWhitespace: true },
  'chrf.lc': { lowercase: true },
  'chrf.beta1.char4': { beta: 1, charOrder: 4 },
};

/** The value Gantry gives for one reference key on one pair. */
function sentenceValue(key: string, { hyp, refs }: Pair): number {
  if (key.startsWith('bleu.')) {
    const options = bleuKeys[key.slice('bleu.'.length)];
    if (!options) throw new Error(`no BLEU options for ${key}`);
    return sentenceBleu(hyp, refs, options).score;
  }
  if (key in chrfKeys) return sentenceChrf(hyp, refs, chrfKeys[key]);
  const rouge = /^(rouge\w+?)(\.stem)?$/.exec(key);
  if (rouge) {
    const type = rouge[1] as RougeType;
    // rouge-score's score_multi keeps, per type, the reference with the highest F-measure.
    return Math.max(
      ...refs.map((r) => rougeScores(r, hyp, [type], { useStemmer: rouge[2] !== undefined })[type].fmeasure),
    );
  }
  if (key === 'squad.f1') return Math.max(...refs.map((r) => squadF1Score(hyp, r)));
  if (key === 'squad.em') return refs.some((r) => squadExactMatch(hyp, r)) ? 1 : 0;
  if (key === 'gaia') return refs.some((r) => gaiaQuestionScorer(hyp, r)) ? 1 : 0;
  throw new Error(`unknown reference key ${key}`);
}

function corpusValue(metric: string, subset: string): number {
  const chosen =
    subset === 'all-first-ref'
      ? pairs.map((p) => ({ ...p, refs: p.refs.slice(0, 1) }))
      : pairs.filter((p) => p.refs.length === Number(subset.split('-')[0]));
  const hypotheses = chosen.map((p) => p.hyp);
  const streams = chosen[0].refs.map((_, r) => chosen.map((p) => p.refs[r]));
  const key = metric.slice('corpus.'.length);
  if (key.startsWith('bleu.')) {
    const options = bleuKeys[key.slice('bleu.'.length)];
    if (!options) throw new Error(`no BLEU options for ${metric}`);
    return corpusBleu(hypotheses, streams, { effectiveOrder: false, ...options }).score;
  }
  if (key in chrfKeys) return corpusChrf(hypotheses, streams, chrfKeys[key]);
  throw new Error(`unknown corpus metric ${metric}`);
}

const agrees = (actual: number, expected: number) => Math.abs(actual - expected) <= 1e-9;

describe('scorers agree with the Python references on every generated pair', () => {
  const keys = [...new Set(cases.flatMap((c) => Object.keys(c.values)))];
  it('covers every metric and option of the fixture', () => {
    expect(cases.length).toBe(600);
    expect(keys.length).toBe(31);
    expect(corpusRows.length).toBe(30);
  });

  it.each(keys)('%s', (key) => {
    const disagreements: string[] = [];
    for (const row of cases) {
      const expected = row.values[key];
      if (expected === undefined) continue;
      const pair = pairById.get(row.id);
      if (!pair) throw new Error(`reference row ${row.id} has no pair`);
      const actual = sentenceValue(key, pair);
      if (!agrees(actual, expected))
        disagreements.push(`${row.id} (${pair.category}): ${actual} vs ${expected}`);
    }
    expect(disagreements).toEqual([]);
  });

  it.each(corpusRows.map((r) => [r.metric, r.subset, r.value] as const))(
    'corpus %s on %s',
    (metric, subset, expected) => {
      const actual = corpusValue(metric, subset);
      expect(agrees(actual, expected), `${actual} vs ${expected}`).toBe(true);
    },
  );

  it('stems every word as NLTK Porter does', () => {
    const stems = reference.find((r): r is StemsRow => r.kind === 'stems');
    const wrong = (stems?.pairs ?? []).filter(([word, stem]) => porterStem(word) !== stem);
    expect(stems?.pairs.length).toBeGreaterThan(1000);
    expect(wrong.slice(0, 20)).toEqual([]);
  });
});
