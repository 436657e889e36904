// `gantry run --strategy`: a strategy run end to end through the CLI against a tiny
// OpenAI-compatible backend on 127.0.0.1.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: Server;
const replies = ['17 * 23 = 391\n#### 391', '17 * 23 = 381\n#### 381', '#### 391'];
let requests = 0;
const folder = mkdtempSync(join(tmpdir(), 'gantry-reason-cli-'));
const configPath = join(folder, 'gantry.config.json');

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const content = replies[requests++ % replies.length];
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          id: `c${requests}`,
          object: 'chat.completion',
          created: 0,
          model: 'tiny',
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 30, completion_tokens: 8, total_tokens: 38 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  writeFileSync(
    configPath,
    JSON.stringify({
      database: { path: join(folder, 'gantry.db') },
      providers: { fake: { type: 'openai-compatible', baseURL: `http://127.0.0.1:${port}/v1` } },
      agent: { model: 'fake:tiny' },
    }),
  );
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(folder, { recursive: true, force: true });
});

function gantry(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/gantry.js', '-c', configPath, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => (stdout += data));
    child.stderr.on('data', (data) => (stderr += data));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('gantry run --strategy', () => {
  it('votes over samples and prints the result as JSON', async () => {
    requests = 0;
    const { code, stdout, stderr } = await gantry([
      'run',
      'What is 17 * 23?',
      '--strategy',
      'self-consistency',
      '--samples',
      '3',
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ strategy: 'self-consistency', answer: '391', stopReason: 'final-answer' });
    expect(result.trace).toHaveLength(3);
    expect(result.usage).toMatchObject({ steps: 3, inputTokens: 90, outputTokens: 24 });
    expect(requests).toBe(3);
  }, 60_000);

  it('rejects an unknown strategy with a clear message and exit code 2', async () => {
    const { code, stderr } = await gantry(['run', 'x', '--strategy', 'magic']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Unknown strategy 'magic'/);
    expect(stderr).toMatch(/rewoo/);
  }, 60_000);
});
