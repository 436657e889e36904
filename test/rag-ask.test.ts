// ask(): citations checked against the sources, and the "don't know" threshold, with the scripted model.
import { describe, expect, it } from 'vitest';
import { createScriptedModel } from '../src/model/index.js';
import { answerQuestion, dontKnowAnswer, openRagCollection, parseCitations } from '../src/rag/index.js';
import { openSqliteStore } from '../src/store/index.js';

async function collectionWithFacts(embedder?: 'lsa') {
  const store = openSqliteStore({ path: ':memory:' });
  const collection = await openRagCollection({ store, name: 'facts', embedder, lsaDimension: 2 });
  await collection.ingest(
    [
      'The Cranfield experiments were run by Cyril Cleverdon in the 1960s.',
      'Okapi BM25 was developed at City University London.',
      'Reciprocal rank fusion was proposed by Cormack, Clarke and Buettcher in 2009.',
    ].map((text, index) => ({
      source: `fact-${index + 1}`,
      format: 'text' as const,
      metadata: { source: `fact-${index + 1}` },
      sections: [{ text, metadata: {} }],
    })),
  );
  return { store, collection };
}

describe('answerQuestion', () => {
  it('prompts with numbered sources and checks the citations', async () => {
    const { store, collection } = await collectionWithFacts();
    const model = createScriptedModel([{ text: 'Cyril Cleverdon ran them [1], not the BM25 team [7].' }]);
    const result = await answerQuestion('Who ran the Cranfield experiments?', {
      collection,
      model,
      minimumBm25: 0.5,
    });
    expect(result.known).toBe(true);
    expect(result.citations.map((c) => [c.number, c.source])).toEqual([[1, 'fact-1']]);
    expect(result.invalidCitations).toEqual([7]);
    const prompt = JSON.stringify(model.calls[0].options.prompt);
    expect(prompt).toContain('[1] (fact-1)');
    expect(prompt).toContain('Who ran the Cranfield experiments?');
    model.assertComplete();
    await store.close();
  });

  it('says it does not know, without calling the model, when nothing clears the threshold', async () => {
    const { store, collection } = await collectionWithFacts();
    const model = createScriptedModel([]);
    const unrelated = await answerQuestion('What is the capital of Peru?', {
      collection,
      model,
      minimumBm25: 0.5,
    });
    expect(unrelated).toMatchObject({ answer: dontKnowAnswer, known: false, citations: [] });
    // A weakly matching source (one common word) is below a stricter threshold too.
    const weak = await answerQuestion('Who developed the experiments?', {
      collection,
      model,
      minimumBm25: 5,
    });
    expect(weak.known).toBe(false);
    expect(model.calls).toHaveLength(0);
    await store.close();
  });

  it('says it does not know in vector and hybrid mode when the embedder knows none of the words', async () => {
    const { store, collection } = await collectionWithFacts('lsa');
    expect((await collection.stats()).vectors).toBeGreaterThan(0);
    // The offline embedder gives a query of unknown words a zero vector: similar to nothing, not to everything.
    const hits = await collection.search('zebra xylophone quantum', { mode: 'vector', limit: 5 });
    expect(hits).toEqual([]);
    const model = createScriptedModel([]);
    for (const mode of ['vector', 'hybrid'] as const) {
      const result = await answerQuestion('zebra xylophone quantum', { collection, model, search: { mode } });
      expect(result).toMatchObject({ known: false, sources: [] });
    }
    expect(model.calls).toHaveLength(0);
    // A query with known words still finds its source.
    const known = await collection.search('Cranfield experiments Cleverdon', { mode: 'hybrid', limit: 1 });
    expect(known[0]?.source).toBe('fact-1');
    await store.close();
  });

  it('reports the model\'s own "I don\'t know" as unknown', async () => {
    const { store, collection } = await collectionWithFacts();
    const model = createScriptedModel([{ text: "I don't know." }]);
    const result = await answerQuestion('When was BM25 developed?', { collection, model, minimumBm25: 0.5 });
    expect(result.known).toBe(false);
    await store.close();
  });

  it('parses [1], [2, 3] and [1][4] citations once each', () => {
    expect(parseCitations('a [1] b [2, 3] c [1][4]')).toEqual([1, 2, 3, 4]);
  });
});
