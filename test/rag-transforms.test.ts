// Multi-query and HyDE with the scripted model, and the configured reranker.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/index.js';
import { GantryError } from '../src/errors/index.js';
import { createScriptedModel } from '../src/model/index.js';
import {
  configuredReranker,
  type Embedder,
  hydeSearch,
  multiQuerySearch,
  openRagCollection,
} from '../src/rag/index.js';
import { openSqliteStore } from '../src/store/index.js';

const texts = {
  a: 'Laminar flow over a flat plate.',
  b: 'Turbulent boundary layer separation.',
  c: 'Supersonic inlet shock waves.',
};

// Embeds to a one-hot of the first letter group, so that what gets embedded is visible in the ranking.
const topicEmbedder: Embedder & { seen: string[] } = {
  id: 'test:topic3',
  seen: [],
  async embed(inputs) {
    this.seen.push(...inputs);
    return inputs.map((text) => {
      const lower = text.toLowerCase();
      return Float32Array.from([
        lower.includes('laminar') ? 1 : 0,
        lower.includes('turbulent') ? 1 : 0,
        lower.includes('shock') ? 1 : 0.01,
      ]);
    });
  },
};

async function collection() {
  const store = openSqliteStore({ path: ':memory:' });
  const opened = await openRagCollection({ store, name: 't', embedder: topicEmbedder });
  await opened.ingest(
    Object.entries(texts).map(([source, text]) => ({
      source,
      format: 'text' as const,
      metadata: {},
      sections: [{ text, metadata: {} }],
    })),
  );
  return opened;
}

describe('query transforms', () => {
  it('multi-query fuses the lists of the question and its rewrites', async () => {
    const model = createScriptedModel([{ text: '1. turbulent separation\n2. shock waves in inlets\n' }]);
    const hits = await multiQuerySearch(await collection(), 'laminar plate', {
      model,
      mode: 'bm25',
      rewrites: 2,
    });
    expect(hits.map((hit) => hit.source).sort()).toEqual(['a', 'b', 'c']);
    expect(JSON.stringify(model.calls[0].options.prompt)).toContain('laminar plate');
  });

  it('HyDE embeds the hypothetical answer, not the question', async () => {
    const model = createScriptedModel([{ text: 'A shock wave forms in the supersonic inlet.' }]);
    const opened = await collection();
    topicEmbedder.seen.length = 0;
    const hits = await hydeSearch(opened, 'what happens at the intake at Mach 2?', {
      model,
      mode: 'vector',
      limit: 1,
    });
    expect(hits[0].source).toBe('c');
    expect(topicEmbedder.seen).toEqual(['A shock wave forms in the supersonic inlet.']);
  });
});

describe('configuredReranker', () => {
  it('is undefined when none is configured, and explains a missing url', () => {
    expect(configuredReranker(parseConfig({}))).toBeUndefined();
    expect(
      typeof configuredReranker(
        parseConfig({ rag: { reranker: { type: 'http', url: 'http://127.0.0.1:1/rerank' } } }),
      ),
    ).toBe('function');
    try {
      configuredReranker(parseConfig({ rag: { reranker: { type: 'http' } } }));
      expect.unreachable();
    } catch (error) {
      expect(GantryError.isInstance(error) && error.code).toBe('CONFIG_INVALID');
    }
  });
});
