// Cost routes through the gateway on a real socket: router decisions (rules, classifier), cascades
// that keep or escalate the cheap answer, and the decision in the response headers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { setModelPrice } from '../src/model/index.js';
import type { SpanRecord } from '../src/store/index.js';
import { createTracer, type Tracer } from '../src/trace/index.js';
import { type Harness, jsonOf, startGateway } from './gateway-harness.js';

type Script = (model: string, question: string, call: number) => string;

interface ScriptedUpstream {
  baseURL: string;
  calls: { model: string; question: string }[];
  /** Requests answered 'HANG': never answered; each promise settles when the gateway closes it. */
  hung: Promise<void>[];
  close(): Promise<void>;
}

/** An OpenAI-compatible upstream whose answers come from a script (per model and question); 'FAIL' is a 503,
 * 'HANG' an answer that never comes. */
async function scriptedUpstream(script: Script): Promise<ScriptedUpstream> {
  const calls: { model: string; question: string }[] = [];
  const hung: Promise<void>[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const request = JSON.parse(body) as {
        model: string;
        stream?: boolean;
        messages: { content: string }[];
      };
      const question = request.messages[request.messages.length - 1]?.content ?? '';
      calls.push({ model: request.model, question });
      const content = script(request.model, question, calls.length);
      if (content === 'FAIL') {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end('{"error":{"message":"overloaded"}}');
        return;
      }
      if (content === 'HANG') {
        hung.push(new Promise<void>((resolve) => res.once('close', resolve)));
        return;
      }
      if (request.stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const delta = { id: 's', object: 'chat.completion.chunk', created: 0, model: request.model };
        res.write(`data: ${JSON.stringify({ ...delta, choices: [{ index: 0, delta: { content } }] })}\n\n`);
        res.end('data: [DONE]\n\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: `c${calls.length}`,
          object: 'chat.completion',
          created: 0,
          model: request.model,
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    calls,
    hung,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function setUp(
  script: Script,
  cost: Record<string, unknown>,
  tracer?: Tracer,
  timeoutMs = 2_000,
): Promise<{ h: Harness; up: ScriptedUpstream }> {
  const up = await scriptedUpstream(script);
  open.push(up);
  const h = await startGateway(
    {
      gateway: {
        upstreams: { u: { baseURL: up.baseURL, timeoutMs } },
        routes: {
          cheap: { targets: [{ upstream: 'u', model: 'cheap-model' }] },
          big: { targets: [{ upstream: 'u', model: 'big-model' }] },
        },
      },
      cost: { routes: { auto: { weak: 'cheap', strong: 'big', ...cost } as never } },
    },
    { tracer },
  );
  open.unshift(h);
  return { h, up };
}

async function ask(h: Harness, question: string, extra: Record<string, unknown> = {}) {
  const response = await fetch(`${h.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: question }], ...extra }),
  });
  return {
    status: response.status,
    decision: response.headers.get('x-gantry-route-decision'),
    reason: response.headers.get('x-gantry-route-reason') ?? '',
    text: await response.text(),
  };
}

const contentOf = (text: string) => JSON.parse(text).choices[0].message.content as string;

describe('router mode', () => {
  it('sends requests matched by a rule to the strong route and the rest to the fallback', async () => {
    const { h, up } = await setUp((model) => `answer from ${model}`, {
      mode: 'router',
      router: { rules: [{ name: 'proof', pattern: '\\bprove\\b', use: 'strong' }], fallback: 'weak' },
    });
    const easy = await ask(h, 'What is 2 + 2?');
    expect(easy.decision).toBe('weak:cheap');
    expect(easy.reason).toBe('default');
    expect(contentOf(easy.text)).toBe('answer from cheap-model');
    const hard = await ask(h, 'Prove that there are infinitely many primes.');
    expect(hard.decision).toBe('strong:big');
    expect(hard.reason).toBe('rule:proof');
    expect(up.calls.map((c) => c.model)).toEqual(['cheap-model', 'big-model']);
  });

  it('routes by the shipped classifier score against the threshold', async () => {
    const low = await setUp(() => 'ok', {
      mode: 'router',
      router: { classifier: 'gsm8k-router', threshold: 0.999 },
    });
    const a = await ask(low.h, 'Tom has 3 apples and buys 2 more. How many apples does he have?');
    expect(a.decision).toBe('weak:cheap');
    expect(a.reason).toMatch(/^score 0\.\d{3}<0\.999$/);
    const high = await setUp(() => 'ok', {
      mode: 'router',
      router: { classifier: 'gsm8k-router', threshold: 0.001 },
    });
    const b = await ask(high.h, 'Tom has 3 apples and buys 2 more. How many apples does he have?');
    expect(b.decision).toBe('strong:big');
    expect(b.reason).toMatch(/^score 0\.\d{3}>=0\.001$/);
  });

  it('lists the cost alias in /v1/models', async () => {
    const { h } = await setUp(() => 'ok', { mode: 'router' });
    const models = await jsonOf(await fetch(`${h.baseURL}/models`));
    expect(models.data.map((m: { id: string }) => m.id)).toContain('auto');
  });
});

describe('cascade mode', () => {
  // The cheap model agrees with itself on "easy" questions and not on "hard" ones.
  const script: Script = (model, question, call) => {
    if (model === 'big-model') return 'Careful work.\n#### 7';
    if (question.includes('easy')) return 'Steps.\n#### 42';
    if (question.includes('unformatted')) return 'I think it is 42';
    return `Guess.\n#### ${call}`;
  };
  const cascade = {
    mode: 'cascade',
    cascade: { samples: 2, answer: 'number', requirePattern: '####\\s*\\d+\\s*$' },
  };

  it('serves the cheap answer when the samples agree, without calling the strong route', async () => {
    const { h, up } = await setUp(script, cascade);
    const answer = await ask(h, 'an easy one');
    expect(answer.status).toBe(200);
    expect(answer.decision).toBe('weak:cheap');
    expect(answer.reason).toBe('cascade: agreement 2/2');
    expect(contentOf(answer.text)).toContain('#### 42');
    expect(up.calls.map((c) => c.model)).toEqual(['cheap-model', 'cheap-model']);
  });

  it('escalates to the strong route when the cheap samples disagree', async () => {
    const { h, up } = await setUp(script, cascade);
    const answer = await ask(h, 'a hard one');
    expect(answer.decision).toBe('strong:big');
    expect(answer.reason).toBe('cascade escalated: disagreement 1/2');
    expect(contentOf(answer.text)).toContain('#### 7');
    expect(up.calls.map((c) => c.model)).toEqual(['cheap-model', 'cheap-model', 'big-model']);
  });

  it('escalates when the cheap answer lacks the required pattern', async () => {
    const { h } = await setUp(script, cascade);
    const answer = await ask(h, 'an unformatted one');
    expect(answer.decision).toBe('strong:big');
    expect(answer.reason).toBe('cascade escalated: pattern-missing');
  });

  it('escalates when the verifier is not confident enough', async () => {
    const { h } = await setUp(script, {
      mode: 'cascade',
      cascade: { answer: 'number', verifier: 'gsm8k-verifier', minConfidence: 0.9999 },
    });
    const answer = await ask(h, 'an easy one');
    expect(answer.decision).toBe('strong:big');
    expect(answer.reason).toMatch(/^cascade escalated: verifier 0\.\d{3}<1\.000$/);
  });

  it('takes the router decision for streamed requests and says why', async () => {
    const { h } = await setUp(script, { ...cascade, router: { fallback: 'strong' } });
    const response = await fetch(`${h.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'auto',
        stream: true,
        messages: [{ role: 'user', content: 'an easy one' }],
      }),
    });
    await response.text();
    expect(response.headers.get('x-gantry-route-decision')).toBe('strong:big');
    expect(response.headers.get('x-gantry-route-reason')).toBe('router (cascade skipped: stream): default');
  });

  it('escalates when the cheap route fails', async () => {
    const { h, up } = await setUp((model) => (model === 'cheap-model' ? 'FAIL' : 'Strong.\n#### 7'), cascade);
    const answer = await ask(h, 'an easy one');
    expect(answer.status).toBe(200);
    expect(answer.decision).toBe('strong:big');
    expect(answer.reason).toBe('cascade escalated: cheap route failed');
    // The two cheap samples go out together: the second can reach the upstream after the strong call
    // (seen in CI), so the order of arrival is not part of the contract; the strong call is.
    const models = up.calls.map((call) => call.model);
    expect(models.filter((model) => model === 'big-model')).toHaveLength(1);
    expect(models.filter((model) => model === 'cheap-model').length).toBeGreaterThanOrEqual(1);
  });

  it('cancels the cheap samples still in flight when one fails and the cascade escalates', async () => {
    let cheapCalls = 0;
    // The first cheap sample fails at once; the second never answers. The upstream timeout (60 s) is far
    // beyond the test's, so only a cancellation closes the second request.
    const script: Script = (model) => {
      if (model !== 'cheap-model') return 'Strong.\n#### 7';
      cheapCalls += 1;
      return cheapCalls === 2 ? 'HANG' : 'FAIL';
    };
    const { h, up } = await setUp(script, cascade, undefined, 60_000);
    const answer = await ask(h, 'an easy one');
    expect(answer.status).toBe(200);
    expect(answer.decision).toBe('strong:big');
    expect(answer.reason).toBe('cascade escalated: cheap route failed');
    expect(up.hung).toHaveLength(1);
    const closed = await Promise.race([
      up.hung[0]?.then(() => 'cancelled'),
      new Promise((resolve) => setTimeout(() => resolve('still open after 5 s'), 5_000)),
    ]);
    expect(closed).toBe('cancelled');
  });

  it('cancels every cheap sample when the client goes away', async () => {
    const { h, up } = await setUp(
      (model) => (model === 'cheap-model' ? 'HANG' : 'Strong.\n#### 7'),
      cascade,
      undefined,
      60_000,
    );
    const client = new AbortController();
    const request = fetch(`${h.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'an easy one' }] }),
      signal: client.signal,
    }).catch(() => 'aborted');
    while (up.hung.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    client.abort();
    expect(await request).toBe('aborted');
    const closed = await Promise.race([
      Promise.all(up.hung).then(() => 'both cancelled'),
      new Promise((resolve) => setTimeout(() => resolve('a sample still open after 5 s'), 5_000)),
    ]);
    expect(closed).toBe('both cancelled');
    expect(up.calls.map((call) => call.model)).toEqual(['cheap-model', 'cheap-model']);
  });

  it('puts the decision, its reason and the verifier confidence in the span', async () => {
    const spans: SpanRecord[] = [];
    const tracer = createTracer({
      sinks: [{ write: (span) => void spans.push(span), flush: async () => {}, close: async () => {} }],
    });
    const { h } = await setUp(
      script,
      { mode: 'cascade', cascade: { answer: 'number', verifier: 'gsm8k-verifier', minConfidence: 0 } },
      tracer,
    );
    await ask(h, 'an easy one');
    await tracer.flush();
    const span = spans.find((s) => s.name === 'chat auto');
    expect(span?.attributes).toMatchObject({
      'gantry.cost.route.decision': 'weak',
      'gantry.cost.route.target': 'cheap',
      'gantry.cost.route.reason': expect.stringMatching(/^cascade: agreement 1\/1; verifier 0\.\d{3}$/),
      'gantry.cost.cascade.confidence': expect.any(Number),
    });
  });

  it('records the cheap calls in the cost of an escalated request', async () => {
    setModelPrice('cheap-model', { inputPerMillion: 1, outputPerMillion: 1 });
    setModelPrice('big-model', { inputPerMillion: 10, outputPerMillion: 10 });
    const { h } = await setUp(script, cascade);
    await ask(h, 'a hard one');
    await h.gateway.usage.close();
    const rows = await h.store.gatewayUsage.listUsage();
    expect(rows).toEqual([expect.objectContaining({ model: 'auto', route: 'big' })]);
    // Two cheap samples (15 tokens each at $1/M) and the strong answer (15 tokens at $10/M).
    expect(rows[0]?.costUsd).toBeCloseTo((2 * 15 * 1 + 15 * 10) / 1e6, 12);
  });
});

describe('configuration', () => {
  it('refuses a cost route whose weak route does not exist', async () => {
    await expect(
      startGateway({
        gateway: {
          upstreams: { u: { baseURL: 'http://127.0.0.1:9/v1' } },
          routes: { big: { targets: [{ upstream: 'u' }] } },
        },
        cost: { routes: { auto: { mode: 'router', weak: 'nope', strong: 'big' } } },
      }),
    ).rejects.toMatchObject({ code: 'COST_ROUTE_INVALID' });
  });
});
