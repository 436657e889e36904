// Judges against a real OpenAI-style HTTP backend on 127.0.0.1 (through the model layer and the
// official provider): G-Eval reads real `logprobs` from the response; judge-check from the CLI exposes
// a judge that always prefers the first position.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gEval, judgeCheck, pairwiseJudge } from '../src/eval/index.js';
import { resolveModel } from '../src/model/index.js';

let server: Server;
let baseURL: string;
const bodies: Record<string, unknown>[] = [];

const read = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = '';
    request.on('data', (c) => {
      body += c;
    });
    request.on('end', () => resolve(body));
  });

function completion(content: string, logprobs?: unknown) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 0,
    model: 'judge',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content },
        finish_reason: 'stop',
        logprobs: logprobs ?? null,
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11 },
  };
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const body = JSON.parse(await read(request));
    bodies.push(body);
    const prompt = JSON.stringify(body.messages);
    let answer: unknown;
    if (prompt.includes('Write 3 to 5 short'))
      answer = completion('1. Read the response.\n2. Check it answers the input.');
    else if (prompt.includes('Evaluation form')) {
      const top = [
        { token: '5', logprob: Math.log(0.7), bytes: null },
        { token: '4', logprob: Math.log(0.2), bytes: null },
        { token: '1', logprob: Math.log(0.1), bytes: null },
      ];
      answer = completion('5', {
        content: [{ token: '5', logprob: Math.log(0.7), bytes: null, top_logprobs: top }],
        refusal: null,
      });
    } else answer = completion('{"reasoning": "the first one", "winner": "A"}');
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const config = () => ({
  providers: { local: { type: 'openai' as const, baseURL, apiKey: 'test' } },
  models: {},
});

describe('judges over HTTP', () => {
  it('G-Eval weights the score tokens by the logprobs the backend returns', async () => {
    const scorer = gEval({
      model: resolveModel('local:judge', { config: config() }),
      criteria: 'Helpfulness',
    });
    const result = await scorer.score({ id: 'x', input: 'hi' }, { output: 'hello' }, { latencyMs: 0 });
    // 0.7·5 + 0.2·4 + 0.1·1 = 4.4 → (4.4 − 1) / 4 = 0.85
    expect(result.details).toMatchObject({ method: 'logprobs' });
    expect(result.details?.weightedScore).toBeCloseTo(4.4, 6);
    expect(result.score).toBeCloseTo(0.85, 6);
    const formRequest = bodies.find((b) => JSON.stringify(b.messages).includes('Evaluation form'));
    expect(formRequest).toMatchObject({ logprobs: true, top_logprobs: 20 });
  });

  it('judge-check finds a judge that always prefers the first answer', async () => {
    const judge = pairwiseJudge({ model: resolveModel('local:judge', { config: config() }) });
    const report = await judgeCheck(judge, [{ input: 'q', a: 'x', b: 'y', label: 'A' }], { repeats: 2 });
    expect(report.flipRate).toBe(1);
    expect(report.firstPositionRate).toBe(1);
    expect(report.humanAgreement).toBe(0);
  });

  // Asynchronous on purpose: a synchronous spawn would block the event loop this test's backend runs on.
  it('gantry eval judge-check prints the flip rate', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gantry-judge-'));
    writeFileSync(
      join(dir, 'gantry.config.json'),
      JSON.stringify({
        database: { path: join(dir, 'g.db') },
        ...config(),
        eval: { judgeModel: 'local:judge' },
      }),
    );
    writeFileSync(
      join(dir, 'pairs.jsonl'),
      '{"input":"2+2?","a":"4","b":"5","label":"A"}\n{"input":"capital of France?","a":"Lyon","b":"Paris","label":"B"}\n',
    );
    const args = [
      join(process.cwd(), 'bin/gantry.js'),
      '--config',
      join(dir, 'gantry.config.json'),
      'eval',
      'judge-check',
      join(dir, 'pairs.jsonl'),
      '--repeats',
      '1',
    ];
    const result = await promisify(execFile)(process.execPath, args, {
      encoding: 'utf8',
      timeout: 50_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('flip rate 100.0%');
    expect(result.stdout).toContain('human agreement 0.0%');
  });
});
