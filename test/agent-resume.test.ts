import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAgent } from '../src/agent/index.js';
import { createScriptedModel, type ScriptedResponse } from '../src/model/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { defineTool } from '../src/tool/index.js';

const folder = mkdtempSync(join(tmpdir(), 'gantry-agent-resume-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function child(args: string[]) {
  return spawn(process.execPath, ['bin/run-ts.js', 'test/agent-crash-child.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function waitFor(path: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${path}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('checkpoint and resume', () => {
  it('resumes a run killed with kill -9 mid-step without repeating a completed tool call', async () => {
    const database = join(folder, 'gantry.db');
    const log = join(folder, 'tools.log');
    const runId = 'run_crash_test';

    const first = child([database, log, 'crash', runId]);
    let stderr = '';
    first.stderr.on('data', (chunk) => (stderr += chunk));
    await waitFor(`${log}.hanging`, 20_000).catch((error) => {
      throw new Error(`${error.message}\n${stderr}`);
    });
    const exited = new Promise((resolve) => first.on('exit', (_code, signal) => resolve(signal)));
    first.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(readFileSync(log, 'utf8')).toBe('c1 a\nc2 b\nc3 c\nc4 d\n');

    const store = openSqliteStore({ path: database });
    expect(await store.agentRuns.getRun(runId)).toMatchObject({ status: 'running', stepCount: 3 });
    await store.close();

    const second = child([database, log, 'resume', runId]);
    let stdout = '';
    second.stdout.on('data', (chunk) => (stdout += chunk));
    second.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => second.on('exit', resolve));
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout.trim());
    // Only the final answer needed the model: step 3's calls came from the checkpoint.
    expect(result).toEqual({
      text: 'All five labels written.',
      stopReason: 'final-answer',
      steps: 4,
      modelCalls: 1,
    });
    // Each side effect happened exactly once: c4 was not repeated, c5 ran after the resume.
    expect(readFileSync(log, 'utf8')).toBe('c1 a\nc2 b\nc3 c\nc4 d\nc5 x\n');

    const reopened = openSqliteStore({ path: database });
    expect(await reopened.agentRuns.getRun(runId)).toMatchObject({
      status: 'completed',
      stopReason: 'final-answer',
    });
    expect((await reopened.agentToolCalls.listToolCalls(runId)).map((c) => c.callId)).toEqual([
      'c1',
      'c2',
      'c3',
      'c4',
      'c5',
    ]);
    await reopened.close();
  }, 60_000);

  it('an aborted run stops with stopReason aborted and resumes, re-running only the interrupted call', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const ran: string[] = [];
    let slow = true;
    const work = defineTool({
      name: 'work',
      description: 'Does some work.',
      input: z.object({ id: z.string() }),
      execute: async ({ id }, { signal }) => {
        if (id === 'b' && slow)
          await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
        ran.push(id);
        return `done ${id}`;
      },
    });
    const plan: ScriptedResponse[] = [
      {
        toolCalls: [
          { toolName: 'work', input: { id: 'a' }, toolCallId: 'w1' },
          { toolName: 'work', input: { id: 'b' }, toolCallId: 'w2' },
        ],
      },
      { text: 'Both done.' },
    ];
    const model = createScriptedModel(
      [(options) => plan[options.prompt.filter((m) => m.role === 'assistant').length]],
      { loop: true },
    );
    const agent = createAgent({ model, tools: [work], store });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('operator pressed stop')), 100);
    const stopped = await agent.run('do a and b', { signal: controller.signal });
    expect(stopped).toMatchObject({ stopReason: 'aborted' });
    expect(stopped.stopMessage).toContain('operator pressed stop');
    expect(await store.agentRuns.getRun(stopped.runId)).toMatchObject({ status: 'aborted' });
    expect(ran).toEqual(['a']);

    slow = false;
    const resumed = await agent.resume(stopped.runId);
    expect(resumed).toMatchObject({ stopReason: 'final-answer', text: 'Both done.' });
    expect(ran).toEqual(['a', 'b']);
    await store.close();
  });
});
