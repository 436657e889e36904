// `gantry run --queue`, `gantry worker` and `gantry jobs` as a user runs them: a worker process on a
// real redis-server and one SQLite file runs a queued agent run; SIGTERM drains it; a missing
// configuration is explained.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from './redis-server.js';

const root = resolve(import.meta.dirname, '..');
const folder = mkdtempSync(join(tmpdir(), 'gantry-jobs-cli-'));
let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
  rmSync(folder, { recursive: true, force: true });
});

const environment = (extra: Record<string, string> = {}) => ({
  ...process.env,
  GANTRY_DATABASE: join(folder, 'g.db'),
  NO_COLOR: '1',
  ...extra,
});

const gantry = (args: string[], extra: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(root, 'bin', 'gantry.js'), ...args], {
    cwd: folder,
    encoding: 'utf8',
    env: environment(extra),
    timeout: 60_000,
  });

describe('gantry worker and gantry run --queue', () => {
  it('refuses to queue without jobs.redisUrl (exit 2, what to set)', () => {
    const result = gantry(['run', 'hi', '--queue']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('JOBS_NOT_CONFIGURED');
    expect(result.stderr).toContain('jobs.redisUrl');
  });

  it('a queued run is run by a worker, which drains on SIGTERM', { timeout: 240_000 }, async () => {
    const jobsEnv = { GANTRY_JOBS__REDIS_URL: redis.url, GANTRY_JOBS__QUEUE: 'cli' };
    const script = join(folder, 'calc.yaml');
    writeFileSync(
      script,
      'turns:\n  - toolCalls:\n      - tool: calculator\n        input: { expression: "6 * 7" }\n  - text: The answer is 42.\n',
    );
    const worker: ChildProcess = spawn(
      process.execPath,
      [join(root, 'bin', 'gantry.js'), 'worker', '--json'],
      {
        cwd: folder,
        env: environment(jobsEnv),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    worker.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    worker.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    let runId = '';
    try {
      const queued = gantry(
        [
          'run',
          'What is 6 * 7?',
          '--queue',
          '--json',
          '--model',
          `script:${script}`,
          '--tools',
          'calculator',
        ],
        jobsEnv,
      );
      expect(queued.stderr).toBe('');
      ({ runId } = JSON.parse(queued.stdout) as { runId: string });
      const waited = gantry(['jobs', 'wait', runId, '--json', '--timeout', '60000'], jobsEnv);
      const status = JSON.parse(waited.stdout) as { state: string; result: { text: string; steps: number } };
      expect(status.state).toBe('completed');
      expect(status.result.text).toBe('The answer is 42.');
      // The run is in the shared database like any other.
      const runs = gantry(['runs', '--json']);
      expect(runs.stdout).toContain(runId);
      const missing = gantry(['jobs', 'status', 'nope'], jobsEnv);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain('JOBS_JOB_NOT_FOUND');
    } finally {
      const exit = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
      worker.kill('SIGTERM');
      expect(await exit).toBe(0);
    }
    expect(stderr).toContain('gantry worker: stopped');
    // spawnSync held this process's event loop: the worker's output is read once it has exited.
    expect(stdout).toContain(`"jobId":"${runId}"`);
  });
});
