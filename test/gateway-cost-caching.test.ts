// The cost levers of the gateway on a real socket: embedding requests coalesced across clients, and
// the semantic cache (paraphrase served, guarded near-miss and other conversation not, opt-out).
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, jsonOf, startGateway, startSimulator } from './gateway-harness.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

const post = (
  h: Harness,
  path: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) =>
  fetch(`${h.baseURL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('embedding batching', () => {
  it('coalesces concurrent clients into fewer upstream calls, each client getting its own vectors', async () => {
    const sim = await startSimulator({ embeddingDimensions: 8 });
    const h = await startGateway({
      gateway: {
        upstreams: { sim: { baseURL: sim.baseURL } },
        routes: { e: { targets: [{ upstream: 'sim' }] } },
      },
      caching: { embeddingBatching: { enabled: true, windowMs: 50, maxInputs: 64 } },
    });
    open.push(sim, h);
    const inputs = Array.from({ length: 12 }, (_, i) => [`text number ${i}`, `another text ${i * 7}`]);
    const answers = await Promise.all(
      inputs.map((input) => post(h, '/embeddings', { model: 'e', input }).then(jsonOf)),
    );
    expect(sim.stats.requests).toBeLessThan(inputs.length);
    // Each client's vectors are the ones its own inputs get when sent alone.
    const alone = await fetch(`${sim.baseURL}/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'e', input: inputs.flat() }),
    }).then(jsonOf);
    answers.forEach((answer, client) => {
      expect(answer.data.map((d: { index: number }) => d.index)).toEqual([0, 1]);
      expect(answer.data[0].embedding).toEqual(alone.data[client * 2].embedding);
      expect(answer.data[1].embedding).toEqual(alone.data[client * 2 + 1].embedding);
      expect(answer.usage.prompt_tokens).toBeGreaterThan(0);
    });
  });
});

describe('semantic cache in the gateway', () => {
  it('serves a paraphrase, refuses a guarded near-miss and another conversation, and honours the opt-out', async () => {
    const sim = await startSimulator({ outputTokens: 3 });
    const h = await startGateway({
      gateway: {
        upstreams: { sim: { baseURL: sim.baseURL } },
        routes: { m: { targets: [{ upstream: 'sim' }] } },
      },
      caching: { semantic: { enabled: true, threshold: 0.8 } },
    });
    open.push(sim, h);
    const ask = (content: string, history: { role: string; content: string }[] = [], headers = {}) =>
      post(
        h,
        '/chat/completions',
        { model: 'm', temperature: 0, messages: [...history, { role: 'user', content }] },
        headers,
      );
    const first = await ask('What is the best way to learn Python programming?');
    expect(first.headers.get('x-gantry-cache')).toBe('miss');
    const firstText = await first.text();
    const paraphrase = await ask('what is the best way to learn python programming');
    expect(paraphrase.headers.get('x-gantry-cache')).toBe('semantic-hit');
    expect(await paraphrase.text()).toBe(firstText);
    const otherLanguage = await ask('What is the best way to learn Java programming?');
    expect(otherLanguage.headers.get('x-gantry-cache')).toBe('miss');
    await otherLanguage.text();
    const inConversation = await ask('What is the best way to learn Python programming?', [
      { role: 'user', content: 'I know Ruby.' },
      { role: 'assistant', content: 'Good.' },
    ]);
    expect(inConversation.headers.get('x-gantry-cache')).toBe('miss');
    await inConversation.text();
    const optedOut = await ask('What is the best way to learn Python programming', [], {
      'x-gantry-semantic-cache': 'off',
    });
    expect(optedOut.headers.get('x-gantry-cache')).toBeNull();
    await optedOut.text();
    expect(sim.stats.requests).toBe(4);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/gantry_gateway_semantic_cache_total\{model="m",result="hit"\} 1/);
    expect(metrics).toMatch(
      /gantry_gateway_semantic_cache_total\{model="m",result="(miss|refused-entities)"\}/,
    );
  });
});
