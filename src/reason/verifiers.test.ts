import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GantryError } from '../errors/index.js';
import { createScriptedModel } from '../model/index.js';
import { bestOfN } from './best-of-n.js';
import { judgeVerifier } from './judge-verifier.js';
import { promptText } from './prompt-text.js';
import { rewardModelVerifier } from './reward-model-verifier.js';

describe('judgeVerifier', () => {
  it('asks a separate judge model once per candidate and keeps the best-graded one', async () => {
    const model = createScriptedModel([{ text: '#### 6' }, { text: '#### 7' }]);
    const judge = createScriptedModel([{ text: 'Score: 3' }, { text: 'Score: 9' }], { modelId: 'judge' });
    const result = await bestOfN({
      model,
      question: '3+4?',
      samples: 2,
      verifier: judgeVerifier({ model: judge }),
    });
    expect(result.answer).toBe('7');
    expect(result.trace.map((call) => call.role)).toEqual(['sampler', 'sampler', 'verifier', 'verifier']);
    expect(promptText(judge.calls[1]!.options)).toContain('#### 7');
    expect(judge.calls[0]!.options.temperature).toBe(0);
  });

  it('fails clearly when the judge gives no score', async () => {
    const model = createScriptedModel([{ text: '#### 6' }]);
    const judge = createScriptedModel([{ text: 'Looks fine to me.' }]);
    const run = bestOfN({ model, question: 'q', samples: 1, verifier: judgeVerifier({ model: judge }) });
    await expect(run).rejects.toSatisfy(
      (error: unknown) => GantryError.isInstance(error) && error.code === 'REASON_VERIFIER_OUTPUT_INVALID',
    );
  });
});

describe('rewardModelVerifier (real HTTP on 127.0.0.1)', () => {
  const received: unknown[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const parsed = JSON.parse(body) as { response: string };
      received.push(parsed);
      if (parsed.response.includes('broken')) {
        response.writeHead(500).end('boom');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ score: parsed.response.includes('careful') ? 0.8 : 0.1 }));
    });
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/score`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts each candidate and uses the returned score', async () => {
    const model = createScriptedModel([{ text: '#### 1' }, { text: 'careful: #### 2' }]);
    const result = await bestOfN({
      model,
      question: 'q',
      samples: 2,
      verifier: rewardModelVerifier({ url }),
    });
    expect(result.answer).toBe('2');
    expect(received.at(-1)).toEqual({ question: 'q', response: 'careful: #### 2' });
    expect(result.trace.filter((call) => call.role === 'verifier').map((call) => call.output)).toEqual([
      '0.1',
      '0.8',
    ]);
  });

  it('turns an HTTP error into REASON_VERIFIER_FAILED', async () => {
    const model = createScriptedModel([{ text: 'broken #### 1' }]);
    const run = bestOfN({ model, question: 'q', samples: 1, verifier: rewardModelVerifier({ url }) });
    await expect(run).rejects.toSatisfy(
      (error: unknown) => GantryError.isInstance(error) && error.code === 'REASON_VERIFIER_FAILED',
    );
  });
});
