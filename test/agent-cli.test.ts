import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/index.js';

// A tiny OpenAI-compatible backend: the first request gets a calculator call, the next an answer.
let server: Server;
let requests: { tools?: unknown[]; messages: { role: string }[] }[] = [];
const folder = mkdtempSync(join(tmpdir(), 'gantry-agent-cli-'));
const configPath = join(folder, 'gantry.config.json');
const databasePath = join(folder, 'gantry.db');

function chunk(delta: Record<string, unknown>, finish: string | null = null) {
  return `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 0, model: 'tiny', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (data) => (body += data));
    request.on('end', () => {
      const parsed = JSON.parse(body);
      requests.push(parsed);
      const hasToolResult = parsed.messages.some((m: { role: string }) => m.role === 'tool');
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      if (!hasToolResult) {
        response.write(
          chunk({
            role: 'assistant',
            tool_calls: [
              {
                index: 0,
                id: 'call_1',
                type: 'function',
                function: { name: 'calculator', arguments: '{"expression": "17 * 23"}' },
              },
            ],
          }),
        );
        response.write(chunk({}, 'tool_calls'));
      } else {
        for (const word of ['The ', 'answer ', 'is ', '391.']) response.write(chunk({ content: word }));
        response.write(chunk({}, 'stop'));
      }
      response.write(
        `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 0, model: 'tiny', choices: [], usage: { prompt_tokens: 50, completion_tokens: 7, total_tokens: 57 } })}\n\n`,
      );
      response.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  writeFileSync(
    configPath,
    JSON.stringify({
      database: { path: databasePath },
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

describe('gantry run / runs / approve / reject', () => {
  it('runs a task against an OpenAI-compatible backend and streams events as JSON lines', async () => {
    requests = [];
    const { code, stdout, stderr } = await gantry([
      'run',
      'What is 17 * 23?',
      '--tools',
      'calculator',
      '--json',
    ]);
    expect(code, stderr).toBe(0);
    const events = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.map((e) => e.type)).toContain('text-delta');
    expect(events.find((e) => e.type === 'tool-result')).toMatchObject({
      name: 'calculator',
      output: { value: 391 },
    });
    const end = events.at(-1);
    expect(end).toMatchObject({
      type: 'run-end',
      result: { text: 'The answer is 391.', stopReason: 'final-answer', steps: 2 },
    });
    expect(requests[0].tools).toHaveLength(1);

    const runs = await gantry(['runs', '--json']);
    expect(JSON.parse(runs.stdout)[0]).toMatchObject({
      id: end.result.runId,
      status: 'completed',
      stepCount: 2,
      inputTokens: 100,
    });
  }, 60_000);

  it('prints a human view by default', async () => {
    const { code, stdout } = await gantry(['run', 'What is 17 * 23?', '--tools', 'calculator']);
    expect(code).toBe(0);
    expect(stdout).toContain('→ calculator({"expression":"17 * 23"})');
    expect(stdout).toContain('The answer is 391.');
    expect(stdout).toMatch(/final-answer · 2 steps · 1 tool call ·/);
  }, 60_000);

  it('approves idempotently and refuses the opposite decision', async () => {
    const store = openSqliteStore({ path: databasePath });
    await store.agentRuns.createRun({ id: 'run_cli', agentName: 'a', task: 't', model: 'fake:tiny' });
    await store.agentApprovals.requestApproval({
      id: 'apr_cli',
      runId: 'run_cli',
      callId: 'c1',
      toolName: 'send_email',
      input: { to: 'x' },
      inputHash: 'h',
    });
    await store.close();
    const pending = await gantry(['runs', '--pending']);
    expect(pending.stdout).toContain('apr_cli');
    expect((await gantry(['approve', 'apr_cli'])).stdout).toContain('gantry run --resume run_cli');
    expect((await gantry(['approve', 'apr_cli'])).code).toBe(0);
    const conflict = await gantry(['reject', 'apr_cli', '--reason', 'too late']);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('AGENT_APPROVAL_CONFLICT');
  }, 60_000);

  it('fails clearly on bad usage', async () => {
    const noTask = await gantry(['run']);
    expect(noTask.code).toBe(2);
    expect(noTask.stderr).toContain('USAGE_INVALID');
    const badTool = await gantry(['run', 'x', '--tools', 'rm_rf']);
    expect(badTool.code).toBe(2);
    expect(badTool.stderr).toContain("no built-in tool named 'rm_rf'");
    const missing = await gantry(['approve', 'apr_missing']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('AGENT_APPROVAL_NOT_FOUND');
  }, 60_000);
});
