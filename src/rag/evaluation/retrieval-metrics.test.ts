import { describe, expect, it } from 'vitest';
import { createScriptedModel } from '../../model/index.js';
import { formatTrecRun } from './format-trec-run.js';
import {
  answerRelevancy,
  averagePrecision,
  contextPrecisionFromVerdicts,
  faithfulness,
  ndcgAtK,
  recallAtK,
  reciprocalRankAtK,
} from './index.js';

// Hand-computed: ranking d1 d2 d3 d4, relevant d1 d3 d5 (d5 never retrieved).
const ranking = ['d1', 'd2', 'd3', 'd4'];
const binary = new Map([
  ['d1', 1],
  ['d3', 1],
  ['d5', 1],
]);

describe('retrieval metrics', () => {
  it('nDCG@10: DCG 1 + 1/log2 4 = 1.5 over IDCG 1 + 1/log2 3 + 1/log2 4 = 2.130930', () => {
    expect(ndcgAtK(ranking, binary, 10)).toBeCloseTo(1.5 / 2.13093, 5);
  });

  it('nDCG uses graded gains: a(1) b(3) → (1 + 3/log2 3) / (3 + 1/log2 3) = 0.796708', () => {
    const graded = new Map([
      ['a', 1],
      ['b', 3],
    ]);
    expect(ndcgAtK(['a', 'b', 'c'], graded, 10)).toBeCloseTo(0.796708, 5);
    expect(ndcgAtK(['b', 'a'], graded, 10)).toBeCloseTo(1, 12);
  });

  it('Recall@k, MRR@k and AP', () => {
    expect(recallAtK(ranking, binary, 100)).toBeCloseTo(2 / 3, 12);
    expect(recallAtK(ranking, binary, 1)).toBeCloseTo(1 / 3, 12);
    expect(reciprocalRankAtK(['x', 'y', 'd3'], binary, 10)).toBeCloseTo(1 / 3, 12);
    expect(reciprocalRankAtK(['x', 'y', 'd3'], binary, 2)).toBe(0);
    expect(averagePrecision(ranking, binary)).toBeCloseTo((1 + 2 / 3) / 3, 12);
  });

  it('scores an unjudged query as 0 rather than NaN', () => {
    expect(ndcgAtK(ranking, new Map())).toBe(0);
    expect(averagePrecision(ranking, new Map())).toBe(0);
  });

  it('writes TREC runs as qid Q0 docid rank score tag', () => {
    const run = formatTrecRun(
      new Map([
        [
          '7',
          [
            { id: 'd2', score: 1.5 },
            { id: 'd9', score: 0.25 },
          ],
        ],
      ]),
      'bm25',
    );
    expect(run).toBe('7 Q0 d2 1 1.500000 bm25\n7 Q0 d9 2 0.250000 bm25\n');
  });
});

describe('Ragas metrics', () => {
  it('context precision from verdicts: [1,0,1] 0.8333, [0,1,1] 0.5833, [1,1,0] 1.0', () => {
    expect(contextPrecisionFromVerdicts([1, 0, 1])).toBeCloseTo(0.833333, 5);
    expect(contextPrecisionFromVerdicts([0, 1, 1])).toBeCloseTo(0.583333, 5);
    expect(contextPrecisionFromVerdicts([1, 1, 0])).toBeCloseTo(1, 5);
    expect(contextPrecisionFromVerdicts([0, 0])).toBe(0);
  });

  it('faithfulness = supported claims / claims, with a scripted judge', async () => {
    const judge = createScriptedModel([
      { text: '{"claims": ["BM25 came from City University", "It was made in 1850"]}' },
      { text: '```json\n{"verdicts": [1, 0]}\n```' },
    ]);
    const score = await faithfulness(
      { question: 'q', answer: 'a', contexts: ['Okapi BM25 was developed at City University London.'] },
      judge,
    );
    expect(score).toBe(0.5);
    judge.assertComplete();
  });

  it('answer relevancy is 0 for a noncommittal answer, else the mean cosine of generated questions', async () => {
    const embedder = {
      id: 't',
      embed: async (texts: readonly string[]) =>
        texts.map((text) => Float32Array.from([text.includes('BM25') ? 1 : 0, 1])),
    };
    const refusal = createScriptedModel([{ text: '{"question": "x", "noncommittal": 1}' }], { loop: true });
    expect(
      await answerRelevancy(
        { question: 'Who made BM25?', answer: "I don't know", contexts: [] },
        refusal,
        embedder,
      ),
    ).toBe(0);
    const judge = createScriptedModel([{ text: '{"question": "Where was BM25 made?", "noncommittal": 0}' }], {
      loop: true,
    });
    expect(
      await answerRelevancy({ question: 'Who made BM25?', answer: 'City', contexts: [] }, judge, embedder),
    ).toBeCloseTo(1, 6);
  });
});
