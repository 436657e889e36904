import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

function startServer(): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  const child = spawn(process.execPath, ['bin/run-ts.js', 'test/fixtures/serve-with-slow-route.ts'], {
    env: { ...process.env, SLOW_ROUTE_MS: '800' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(log)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, log: () => log });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code}):\n${log}`)));
  });
}

describe('gantry serve shutdown', () => {
  it('lets an in-flight request finish on SIGTERM, refuses new ones, then exits 0', async () => {
    const { child, url, log } = await startServer();
    const exited = once(child, 'exit');
    const inFlight = fetch(`${url}/test/slow`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    const [code] = await exited;
    expect(code).toBe(0);
    expect(log()).toMatch(/SIGTERM received, draining 1 in-flight request/);
    expect(log()).toMatch(/gantry: stopped\n/);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
