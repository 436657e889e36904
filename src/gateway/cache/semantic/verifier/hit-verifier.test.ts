import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../config/index.js';
import { createSemanticCache } from '../create-semantic-cache.js';
import { SemanticCache } from '../semantic-cache.js';
import { HitVerifier, shippedVerifierModel } from './hit-verifier.js';
import { buildIdf, idfTable } from './idf-table.js';
import { pairFeatureNames, pairFeatures, verifierFacts } from './pair-features.js';

describe('hit verifier', () => {
  it('ships a model of the current feature layout with a threshold chosen on validation', () => {
    const model = shippedVerifierModel();
    expect(model.features).toEqual([...pairFeatureNames]);
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.threshold).toBeLessThan(1);
    expect(model.trainedOn).toMatch(/train split by question components/);
  });

  it('serves a paraphrase: same question, other wording', () => {
    const cache = new SemanticCache();
    cache.store('s', 'How can I improve my English speaking skills?', 'answer-1');
    const hit = cache.lookup('s', 'How do I improve my English speaking skills?');
    expect(hit).toMatchObject({ kind: 'hit', answer: 'answer-1' });
    expect(hit.kind === 'hit' && hit.score).toBeGreaterThanOrEqual(cache.verifier!.threshold);
  });

  const falseHitKinds = [
    ['What are the top 5 books on history?', 'What are the top 10 books on history?'], // numbers
    ['How does Java compare to Python for beginners?', 'How does Rust compare to Python for beginners?'], // entities
    ['Who won the election in 2016?', 'Who won the election in 2020?'], // dates
    ['Why do cats purr?', 'How do cats purr?'], // question kind
    ['What is the best animation software?', 'What is the best animation software for kids?'], // qualifier added
  ];

  it('alone (no guards) scores the known false-hit kinds under its threshold', () => {
    const verifier = new HitVerifier({ ownEmbedding: true });
    const score = (a: string, b: string) => verifier.score(verifier.facts(a), verifier.facts(b), 0);
    expect(
      score('How can I improve my English speaking skills?', 'How do I improve my English speaking skills?'),
    ).toBeGreaterThanOrEqual(verifier.threshold);
    for (const [asked, cached] of falseHitKinds)
      expect(score(asked, cached)).toBeLessThan(verifier.threshold);
  });

  it('with the default guards, refuses every known false-hit kind, the antonym one included', () => {
    const cache = new SemanticCache();
    const pairs = [
      ...falseHitKinds,
      ['How do I turn off dark mode in Chrome?', 'How do I turn on dark mode in Chrome?'],
    ];
    for (const [, cached] of pairs) cache.store(cached, cached, cached);
    for (const [asked, cached] of pairs)
      expect([asked, cache.lookup(cached, asked).kind]).toEqual([asked, 'miss']);
    // The guards refuse some (negation, numbers, dates, entities, why/how); the verifier the rest.
    expect(cache.stats.verifierRefused).toBeGreaterThan(0);
    expect(cache.stats.guarded.negation).toBeGreaterThan(0);
  });

  it('verifier off restores the old behaviour: the most similar candidate the guards pass, at 0.9', () => {
    const asked = 'What is the best animation software?';
    const cached = 'What is the best animation software for kids?';
    const off = new SemanticCache({ verifier: false, threshold: 0.6 });
    off.store('s', cached, 'kids');
    expect(off.lookup('s', asked)).toMatchObject({ kind: 'hit', answer: 'kids' });
    expect(off.lookup('s', asked).kind === 'hit' && off.lookup('s', asked)).not.toHaveProperty(
      'score',
      expect.any(Number),
    );
    const on = new SemanticCache({ threshold: 0.6 });
    on.store('s', cached, 'kids');
    expect(on.lookup('s', asked)).toMatchObject({ kind: 'miss', refusedBy: 'verifier' });
    // Per lookup, too: verifier false or a threshold of 0 serves it again.
    expect(on.lookup('s', asked, { verifier: false })).toMatchObject({ kind: 'hit' });
    expect(on.lookup('s', asked, { verifierThreshold: 0 })).toMatchObject({ kind: 'hit' });
    expect(new SemanticCache({ verifier: false })).toMatchObject({ verifier: undefined });
  });

  it('features are symmetric and the idf table holds no words, only hashed buckets', () => {
    const idf = buildIdf([new Set(['python', 'learn']), new Set(['learn'])], 8);
    expect(JSON.stringify(idf)).not.toMatch(/python|learn/);
    const table = idfTable(idf);
    expect(table.idf('learn')).toBeLessThan(table.idf('python'));
    const a = verifierFacts('How do I learn Python fast?', table);
    const b = verifierFacts('What is the fastest way to learn Python programming?', table);
    expect(pairFeatures(a, b, 0.8)).toEqual(pairFeatures(b, a, 0.8));
    expect(pairFeatures(a, b, 0.8)).toHaveLength(pairFeatureNames.length);
  });
});

describe('caching.semantic.verifier configuration', () => {
  const settings = (semantic: Record<string, unknown>) =>
    parseConfig({ caching: { semantic: { enabled: true, ...semantic } } }).caching.semantic;

  it('is on by default, with the shipped threshold and a 0.7 similarity floor', () => {
    const cache = createSemanticCache(settings({}))!;
    expect(cache.verifier?.threshold).toBe(shippedVerifierModel().threshold);
    expect(cache.inspect('s', 'x')).toEqual([]);
    expect((cache as unknown as { threshold: number }).threshold).toBe(0.7);
  });

  it('can be turned off (similarity threshold back to 0.9) or given another threshold', () => {
    const off = createSemanticCache(settings({ verifier: { enabled: false } }))!;
    expect(off.verifier).toBeUndefined();
    expect((off as unknown as { threshold: number }).threshold).toBe(0.9);
    const stricter = createSemanticCache(settings({ verifier: { threshold: 0.95 } }))!;
    expect(stricter.verifier?.threshold).toBe(0.95);
    expect(() =>
      createSemanticCache(settings({ verifier: { model: '/nonexistent/verifier.json' } })),
    ).toThrow(/could not be read/);
  });
});
