// `gantry bench backend` as a user runs it: two backends (the simulator twice) side by side, with JSON
// and HTML written, and a clear usage error.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../src/gateway/index.js';

let simulator: Simulator;
let dir: string;

beforeAll(async () => {
  simulator = createSimulator({ timeToFirstTokenMs: 30, interTokenLatencyMs: 5, outputTokens: 6 });
  await simulator.listen(0, '127.0.0.1');
  dir = await mkdtemp(join(tmpdir(), 'gantry-bench-cli-'));
});
afterAll(async () => {
  await simulator.close();
  await rm(dir, { recursive: true, force: true });
});

function gantry(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/gantry.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `gantry bench backend` against the simulator, model `m`, with more arguments. */
const backend = (args: string[]) =>
  gantry(['bench', 'backend', '--url', simulator.baseURL, '--model', 'm', ...args]);

describe('gantry bench backend', () => {
  it('compares backends side by side and writes JSON and HTML', async () => {
    const json = join(dir, 'r.json');
    const html = join(dir, 'r.html');
    const { code, stdout } = await gantry([
      'bench',
      'backend',
      '--url',
      simulator.baseURL,
      '--label',
      'a',
      '--url',
      simulator.baseURL,
      '--label',
      'b',
      '--model',
      'm',
      '-n',
      '12',
      '--concurrency',
      '4',
      '--input-tokens',
      '8',
      '--output-tokens',
      '16',
      '--goodput',
      'ttft:1000,tpot:200',
      '--json',
      json,
      '--html',
      html,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/a · concurrency 4\s+b · concurrency 4/);
    expect(stdout).toMatch(/TPOT p50 ms/);
    const results = JSON.parse(await readFile(json, 'utf8')) as {
      backend: string;
      metrics: { completed: number; goodRequests: number; totalOutputTokens: number };
    }[];
    expect(results.map((r) => r.backend)).toEqual(['a', 'b']);
    for (const r of results) {
      expect(r.metrics.completed).toBe(12);
      expect(r.metrics.goodRequests).toBe(12);
      expect(r.metrics.totalOutputTokens).toBe(72);
    }
    expect(await readFile(html, 'utf8')).toContain('<svg');
  }, 120_000);

  it('sends non-streamed requests with --no-stream (TTFT is the whole latency, no ITL)', async () => {
    const { code, stdout, stderr } = await backend([
      '-n',
      '8',
      '--concurrency',
      '4',
      '--input-tokens',
      '8',
      '--output-tokens',
      '16',
      '--no-stream',
      '--json',
      '-',
    ]);
    expect(code, stderr).toBe(0);
    const [result] = JSON.parse(stdout) as {
      metrics: { completed: number; totalOutputTokens: number; itlMs: { count: number } };
      records: { ttftMs: number; latencyMs: number; itlMs: number[] }[];
    }[];
    expect(result.metrics.completed).toBe(8);
    expect(result.metrics.totalOutputTokens).toBe(48);
    expect(result.metrics.itlMs.count).toBe(0);
    for (const r of result.records) {
      expect(r.ttftMs).toBe(r.latencyMs);
      // The simulator waits 30 ms for the first token and 5 ms per further one before answering.
      expect(r.latencyMs).toBeGreaterThanOrEqual(30);
    }
  }, 120_000);

  it('streams through the wire thread (--wire-cpu, --wire-spin, --wire-nice, several wire threads), and says so when it cannot place it', async () => {
    const run = (...wire: string[]) =>
      backend([
        '-n',
        '6',
        '--concurrency',
        '3',
        '--input-tokens',
        '8',
        '--output-tokens',
        '6',
        ...wire,
        '--json',
        '-',
      ]);
    // A CPU no machine has: the run goes on, unplaced, with the reason on stderr.
    const far = await run('--wire-cpu', '4095');
    expect(far.code, far.stderr).toBe(0);
    expect(far.stderr).toMatch(
      /--wire-cpu 4095 not applied: (CPU 4095 is not one this process may use|.*needs Linux)/,
    );
    const [result] = JSON.parse(far.stdout) as {
      metrics: { completed: number; totalOutputTokens: number; itlMs: { count: number; mean: number } };
    }[];
    expect(result.metrics.completed).toBe(6);
    expect(result.metrics.totalOutputTokens).toBe(36);
    expect(result.metrics.itlMs.count).toBe(30); // 6 requests × 5 gaps, timed on the wire thread
    // The simulator's 5 ms between tokens: the mean gap (a request's gaps add up to its last chunk's time
    // less its first's) holds under load where the median does not (one late chunk and the next on time
    // make a short gap; seen at load 10: p50 3.3 ms).
    expect(result.metrics.itlMs.mean).toBeGreaterThanOrEqual(4);
    // The same through a spinning wire thread at nice 5 (raising a nice value is always allowed, so
    // nothing on stderr about it on Linux).
    const spun = await run('--wire-spin', '--wire-nice', '5');
    expect(spun.code, spun.stderr).toBe(0);
    if (process.platform === 'linux') expect(spun.stderr).not.toContain('not applied');
    const [spinning] = JSON.parse(spun.stdout) as (typeof result)[];
    expect(spinning.metrics.completed).toBe(6);
    expect(spinning.metrics.itlMs.count).toBe(30);
    expect(spinning.metrics.itlMs.mean).toBeGreaterThanOrEqual(4);
    // Two wire threads, the requests dealt out over them; a CPU list no machine has: unplaced, said why.
    const two = await run('--wire-cpu', '4094,4095');
    expect(two.code, two.stderr).toBe(0);
    expect(two.stderr).toMatch(/--wire-cpu 4094,4095 not applied/);
    const [sharded] = JSON.parse(two.stdout) as (typeof result)[];
    expect(sharded.metrics.completed).toBe(6);
    expect(sharded.metrics.totalOutputTokens).toBe(36);
    expect(sharded.metrics.itlMs.count).toBe(30);
    expect(sharded.metrics.itlMs.mean).toBeGreaterThanOrEqual(4);
    const bad = await backend(['--wire-cpu', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--wire-cpu must be a CPU number or list');
    const mismatch = await backend(['--wire-cpu', '0,1', '--wire-threads', '3']);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain('--wire-cpu lists 2 CPU(s) but --wire-threads asks for 3 threads');
    const half = await backend(['--wire-threads', '1.5']);
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('--wire-threads must be a whole number');
    const badNice = await backend(['--wire-nice', '-30']);
    expect(badNice.code).toBe(2);
    expect(badNice.stderr).toContain('--wire-nice must be a nice value from -20 to 19');
  }, 120_000);

  it('says what is missing', async () => {
    const { code, stderr } = await gantry(['bench', 'backend', '--model', 'm']);
    expect(code).toBe(2);
    expect(stderr).toContain('needs --url');
    const bad = await backend(['--goodput', 'ttft=5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('ttft=5');
  }, 120_000);
});
