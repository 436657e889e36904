// Per-thread placement of the load generator: run in a child process (placement changes the whole
// process's threads, which must not leak into the test runner), read back from /proc what the kernel
// holds for each thread, and the clear refusals where it cannot place.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allowedCpus,
  isolateMainThread,
  isolateThreads,
  niceThread,
  parseCpuList,
} from './thread-placement.js';
import { ThreadedPool } from './wire/threaded-pool.js';

const linux = process.platform === 'linux';
const hasTaskset = linux && spawnSync('taskset', ['--version']).status === 0;
const cpus = allowedCpus() ?? [];

describe('thread placement', () => {
  it('parses CPU lists and refuses malformed ones', () => {
    expect(parseCpuList('0')).toEqual([0]);
    expect(parseCpuList('0-2,5')).toEqual([0, 1, 2, 5]);
    expect(parseCpuList('3,1-1')).toEqual([1, 3]);
    expect(() => parseCpuList('a')).toThrow(/not a CPU list/);
    expect(() => parseCpuList('3-1')).toThrow(/runs backwards/);
  });

  it('refuses overlapping or unknown CPUs with the reason, placing nothing', async () => {
    const same = await isolateMainThread([0], [0, 1]);
    expect(same.ok).toBe(false);
    expect(same.reason).toMatch(linux ? /CPU 0 is asked for both/ : /needs Linux/);
    const none = await isolateMainThread([0], []);
    expect(none.ok).toBe(false);
    expect(none.reason).toMatch(linux ? /at least one CPU/ : /needs Linux/);
    const far = await isolateMainThread([0], [4096]);
    expect(far.ok).toBe(false);
    expect(far.reason).toMatch(linux ? /CPU 4096 is not one this process may use/ : /needs Linux/);
    expect(far.moved).toEqual([]);
    // Several isolated threads (wire threads): each needs a CPU no other thread has.
    const twice = await isolateThreads(
      [
        { tid: process.pid, cpus: [0] },
        { tid: process.pid, cpus: [0] },
      ],
      [1],
    );
    expect(twice.ok).toBe(false);
    expect(twice.reason).toMatch(linux ? /CPU 0 is asked for two isolated threads/ : /needs Linux/);
    expect(twice.moved).toEqual([]);
  });

  it.runIf(hasTaskset && cpus.length >= 2)(
    'puts the main thread alone on one CPU and every other thread (V8 workers, libuv pool) on another',
    () => {
      const [main, other] = cpus;
      // A child process: the placement applies to every thread of the process that calls it.
      const script = `
        import { readFileSync, readdirSync } from 'node:fs';
        import { isolateMainThread } from ${JSON.stringify(resolve('src/bench-backend/thread-placement.ts'))};
        const placed = await isolateMainThread([${main}], [${other}]);
        const seen = readdirSync('/proc/self/task').map((tid) => [Number(tid),
          /^Cpus_allowed_list:\\s*(\\S+)/m.exec(readFileSync('/proc/self/task/' + tid + '/status', 'utf8'))[1]]);
        process.stdout.write(JSON.stringify({ placed, seen, pid: process.pid }));
      `;
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status, run.stderr).toBe(0);
      const { placed, seen, pid } = JSON.parse(run.stdout) as {
        placed: { ok: boolean; moved: string[]; reason?: string };
        seen: [number, string][];
        pid: number;
      };
      expect(placed.reason).toBeUndefined();
      expect(placed.ok).toBe(true);
      // node has V8 platform workers and (started by the placement) libuv's pool: several threads.
      expect(placed.moved.length).toBeGreaterThanOrEqual(4);
      for (const [tid, list] of seen) expect(list, `thread ${tid}`).toBe(String(tid === pid ? main : other));
    },
  );

  it.runIf(linux)('sets the nice value of one thread alone, and says why when it cannot', async () => {
    const pool = new ThreadedPool(new URL('http://127.0.0.1:1'));
    try {
      const tid = await pool.wireThreadId;
      expect(tid).toBeGreaterThan(0);
      const before = os.getPriority(process.pid);
      // Raising a nice value (running later) is allowed to anyone.
      expect(niceThread(tid as number, 7)).toBeUndefined();
      expect(os.getPriority(tid as number)).toBe(7);
      expect(os.getPriority(process.pid)).toBe(before); // the main thread is untouched
      expect(niceThread(2 ** 22 + 12345, 5)).toMatch(/was refused/); // no such thread
    } finally {
      await pool.close();
    }
  });
});
