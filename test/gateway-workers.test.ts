// `gantry serve --workers 2`: two processes share the port and both answer, /metrics merges both;
// SIGTERM stops them all.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const folder = mkdtempSync(join(tmpdir(), 'gantry-workers-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('serve --workers', () => {
  it('forks workers that share the port, then drains them on SIGTERM', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const config = join(folder, 'gantry.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        database: { path: join(folder, 'gantry.db') },
        server: { port },
        gateway: {
          upstreams: { sim: { type: 'simulator', simulator: { outputTokens: 2 } } },
          routes: { m: { targets: [{ upstream: 'sim' }] } },
        },
      }),
    );
    const child = spawn(process.execPath, ['bin/gantry.js', '-c', config, 'serve', '--workers', '2'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr?.on('data', (d: Buffer) => {
      log += d.toString();
    });
    try {
      for (let i = 0; i < 600 && (log.match(/listening on/g) ?? []).length < 2; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect((log.match(/listening on/g) ?? []).length).toBe(2);
      // The one route counts as a served model (it said '0 models configured').
      expect(log).toContain('; 1 model served)');
      // Each worker runs its own in-process simulator, whose answer ids count from 1: two
      // 'chatcmpl-sim1' answers mean both workers served.
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) {
        const response = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', connection: 'close' },
          body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
        });
        expect(response.status).toBe(200);
        ids.push(((await response.json()) as { id: string }).id);
      }
      expect(ids.filter((id) => id === 'chatcmpl-sim1')).toHaveLength(2);
      expect(log).toContain('started 2 workers');
      // Whichever worker a scrape reaches, /metrics counts the requests of both.
      for (let i = 0; i < 4; i++) {
        const scrape = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { connection: 'close' } });
        expect(scrape.status).toBe(200);
        const text = await scrape.text();
        expect(text).toContain('gantry_gateway_requests_total{model="m",endpoint="chat",status="200"} 40');
        expect(text).toMatch(/gantry_gateway_request_duration_seconds_count\{model="m",endpoint="chat"\} 40/);
        expect(text).not.toContain('did not answer');
      }
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    expect(log).toContain('stopping 2 workers');
  });
});
