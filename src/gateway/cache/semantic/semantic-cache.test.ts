import { describe, expect, it } from 'vitest';
import { SemanticCache } from './semantic-cache.js';
import { semanticKey } from './semantic-scope.js';

describe('SemanticCache', () => {
  it('serves a paraphrase above the threshold and refuses a guarded near-miss', () => {
    const cache = new SemanticCache({ threshold: 0.7 });
    cache.store('s', 'What is the best way to learn Python programming?', 'answer-1');
    const hit = cache.lookup('s', 'What is the best way to learn python programming');
    expect(hit).toMatchObject({ kind: 'hit', answer: 'answer-1' });
    const refused = cache.lookup('s', 'What is the best way to learn Java programming?');
    expect(refused).toMatchObject({ kind: 'miss', guard: 'entities' });
    expect(cache.stats.guarded.entities).toBe(1);
    expect(cache.lookup('s', 'How do I bake sourdough bread?')).toMatchObject({ kind: 'miss' });
    expect(cache.stats).toMatchObject({ hits: 1, misses: 2 });
  });

  it('never serves an entry of another scope', () => {
    const cache = new SemanticCache({ threshold: 0.5 });
    cache.store('key-a\nm\nx', 'What is the capital of France?', 'a');
    expect(cache.lookup('key-b\nm\nx', 'What is the capital of France?').kind).toBe('miss');
    expect(cache.lookup('key-a\nm\nx', 'What is the capital of France?').kind).toBe('hit');
  });

  it('expires entries after the TTL, evicts the least recently used, and invalidates by scope prefix', () => {
    let now = 0;
    const cache = new SemanticCache({ ttlMs: 1_000, maxEntries: 2, now: () => now });
    cache.store('a\n1', 'first question about tea', '1');
    cache.store('a\n1', 'second question about coffee', '2');
    expect(cache.lookup('a\n1', 'first question about tea').kind).toBe('hit');
    cache.store('b\n1', 'third question about water', '3');
    expect(cache.size).toBe(2);
    // The coffee entry was the least recently used.
    expect(cache.lookup('a\n1', 'second question about coffee').kind).toBe('miss');
    expect(cache.stats.evicted).toBe(1);
    expect(cache.invalidate('b\n')).toBe(1);
    expect(cache.lookup('b\n1', 'third question about water').kind).toBe('miss');
    now = 2_000;
    expect(cache.lookup('a\n1', 'first question about tea').kind).toBe('miss');
    expect(cache.stats.expired).toBe(1);
    expect(cache.size).toBe(0);
  });
});

describe('semanticKey', () => {
  const chat = (messages: { role: string; content: string }[], extra: Record<string, unknown> = {}) =>
    semanticKey('chat', { model: 'm', messages, temperature: 0, ...extra }, 'key-1', 'm');

  it('compares the last user turn and keys the conversation before it', () => {
    const first = chat([{ role: 'user', content: 'And in 2020?' }]);
    const followUp = chat([
      { role: 'user', content: 'Who won the 2016 election?' },
      { role: 'assistant', content: 'Candidate A.' },
      { role: 'user', content: 'And in 2020?' },
    ]);
    const otherConversation = chat([
      { role: 'user', content: 'Who won the 2016 world cup?' },
      { role: 'assistant', content: 'Team B.' },
      { role: 'user', content: 'And in 2020?' },
    ]);
    expect(first?.text).toBe('And in 2020?');
    expect(followUp?.text).toBe('And in 2020?');
    expect(new Set([first?.scope, followUp?.scope, otherConversation?.scope]).size).toBe(3);
  });

  it('separates callers, models and generation parameters, and ignores stream and user', () => {
    const messages = [{ role: 'user', content: 'hello there' }];
    const base = semanticKey('chat', { model: 'm', messages, temperature: 0 }, 'key-1', 'm');
    expect(
      semanticKey('chat', { model: 'm', messages, temperature: 0, stream: true, user: 'u' }, 'key-1', 'm'),
    ).toEqual(base);
    expect(semanticKey('chat', { model: 'm', messages, temperature: 0 }, 'key-2', 'm')?.scope).not.toBe(
      base?.scope,
    );
    expect(semanticKey('chat', { model: 'n', messages, temperature: 0 }, 'key-1', 'n')?.scope).not.toBe(
      base?.scope,
    );
    expect(
      semanticKey('chat', { model: 'm', messages, temperature: 0, max_tokens: 5 }, 'key-1', 'm')?.scope,
    ).not.toBe(base?.scope);
    expect(
      semanticKey(
        'chat',
        { model: 'm', messages: [{ role: 'system', content: 'Be terse.' }, ...messages], temperature: 0 },
        'key-1',
        'm',
      )?.scope,
    ).not.toBe(base?.scope);
  });

  it('skips requests whose last turn is not a user text', () => {
    expect(chat([{ role: 'tool', content: '42' }])).toBeUndefined();
    expect(
      semanticKey(
        'chat',
        { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x' } }] }] },
        'k',
        'm',
      ),
    ).toBeUndefined();
  });
});

describe('SemanticCache prompt work', () => {
  it('uses the vector each lookup is given, even for a text it has just weighed', () => {
    const cache = new SemanticCache({
      threshold: 0.9,
      verifier: false,
      guards: [],
      externalVectors: true,
      dimension: 4,
    });
    cache.store('s', 'apples', 'a', Float32Array.from([1, 0, 0, 0]));
    cache.store('s', 'pears', 'b', Float32Array.from([0, 1, 0, 0]));
    expect(cache.lookup('s', 'fruit', { vector: Float32Array.from([1, 0, 0, 0]) })).toMatchObject({
      answer: 'a',
    });
    expect(cache.lookup('s', 'fruit', { vector: Float32Array.from([0, 1, 0, 0]) })).toMatchObject({
      answer: 'b',
    });
  });

  it('stores a missed prompt with the same facts and vector as a fresh store', () => {
    const prompts = [
      'Why is 5,000 more than 500?',
      'What is the capital of France?',
      'How not to learn Java?',
    ];
    const fresh = new SemanticCache();
    const afterMiss = new SemanticCache();
    for (const text of prompts) {
      fresh.store('s', text, text);
      expect(afterMiss.lookup('s', text).kind).toBe('miss');
      afterMiss.store('s', text, text);
    }
    for (const asked of [...prompts, 'Why is 6,000 more than 500?', 'What is the capital of Spain?'])
      expect(afterMiss.inspect('s', asked)).toEqual(fresh.inspect('s', asked));
  });
});
