// The whole approval journey through the CLI, each command its own process: run (pauses), runs
// --pending, approve, run --resume (same model and tools, restored from the run's checkpoint).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeBackend, startFakeOpenAI } from './agent-fake-openai.js';

const folder = mkdtempSync(join(tmpdir(), 'gantry-agent-cli-approval-'));
const configPath = join(folder, 'gantry.config.json');
let backend: FakeBackend;

beforeAll(async () => {
  writeFileSync(join(folder, 'plan.txt'), 'ship on friday');
  backend = await startFakeOpenAI((request) =>
    request.messages.some((m) => m.role === 'tool')
      ? { content: 'The plan: ship on friday.' }
      : { toolCalls: [{ id: 'call_plan', name: 'file_read', arguments: '{"path": "plan.txt"}' }] },
  );
  writeFileSync(
    configPath,
    JSON.stringify({
      database: { path: join(folder, 'gantry.db') },
      providers: { fake: { type: 'openai-compatible', baseURL: backend.url } },
      agent: { requireApproval: ['file_read'], tools: { fileRead: { root: folder } } },
    }),
  );
});
afterAll(async () => {
  await backend.close();
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

describe('approval journey through the CLI', () => {
  it('pauses, lists, approves and resumes with the model and tools of the original run', async () => {
    const first = await gantry(['run', 'What is the plan?', '--model', 'fake:tiny', '--tools', 'file_read']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('needs approval: gantry approve apr_');
    const approvalId = /gantry approve (apr_[0-9a-f]+)/.exec(first.stdout)![1];
    const runId = /gantry run --resume (run_[0-9a-z]+)/.exec(first.stdout)![1];

    const pending = await gantry(['runs', '--pending']);
    expect(pending.stdout).toContain(approvalId);
    expect(pending.stdout).toContain('file_read({"path":"plan.txt"})');

    expect((await gantry(['approve', approvalId])).code).toBe(0);
    const resumed = await gantry(['run', '--resume', runId]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('ship on friday');
    expect(resumed.stdout).toContain('The plan: ship on friday.');
    expect(resumed.stdout).toMatch(/final-answer · 2 steps/);

    const runs = await gantry(['runs', '--json']);
    expect(JSON.parse(runs.stdout)[0]).toMatchObject({ id: runId, status: 'completed' });
  }, 90_000);
});
