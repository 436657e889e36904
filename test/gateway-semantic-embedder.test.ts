// The semantic cache with a configured embedding model (caching.semantic.embedder 'provider:model'),
// on real sockets: the prompts are embedded by an OpenAI-compatible /v1/embeddings endpoint (the
// simulator), the hit verifier still decides, and a failing or mis-sized embedder skips the cache.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startGateway, startSimulator } from './gateway-harness.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function setUp(dimension: number, embedDimensions = 64) {
  const upstream = await startSimulator({ outputTokens: 3 });
  const embedder = await startSimulator({ embeddingDimensions: embedDimensions });
  const h = await startGateway({
    providers: { emb: { type: 'openai-compatible', baseURL: embedder.baseURL } },
    gateway: {
      upstreams: { sim: { baseURL: upstream.baseURL } },
      routes: { m: { targets: [{ upstream: 'sim' }] } },
    },
    caching: { semantic: { enabled: true, embedder: 'emb:test-embed', dimension } },
  });
  open.push(upstream, embedder, h);
  return { upstream, embedder, h };
}

const ask = async (h: Harness, content: string) => {
  const response = await fetch(`${h.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', temperature: 0, messages: [{ role: 'user', content }] }),
  });
  return { cache: response.headers.get('x-gantry-cache'), text: await response.text() };
};

describe('semantic cache with a configured embedding model', () => {
  it('embeds through the endpoint, serves a paraphrase and lets the verifier refuse another question', async () => {
    const { upstream, embedder, h } = await setUp(64);
    const first = await ask(h, 'How can I improve my English speaking skills?');
    expect(first.cache).toBe('miss');
    expect(embedder.stats.requests).toBe(1);
    const paraphrase = await ask(h, 'How do I improve my English speaking skills?');
    expect(paraphrase).toEqual({ cache: 'semantic-hit', text: first.text });
    expect(embedder.stats.requests).toBe(2);
    // Another question: not served, whatever the simulator's vectors say.
    const other = await ask(h, 'What is the capital city of Australia?');
    expect(other.cache).toBe('miss');
    expect(upstream.stats.requests).toBe(2);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/gantry_gateway_semantic_cache_total\{model="m",result="hit"\} 1/);
  });

  it('skips the cache (never fails the request) when the vectors are not of the configured dimension', async () => {
    const { upstream, embedder, h } = await setUp(128, 64);
    expect((await ask(h, 'How can I improve my English speaking skills?')).cache).toBe(null);
    expect((await ask(h, 'How can I improve my English speaking skills?')).cache).toBe(null);
    expect(embedder.stats.requests).toBe(2);
    expect(upstream.stats.requests).toBe(2);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/gantry_gateway_semantic_cache_total\{model="m",result="embed-failed"\} 2/);
  });
});
