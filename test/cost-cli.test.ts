// `gantry cost report` reads the usage rows the gateway wrote, in a time window, as text or JSON.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/index.js';

const folder = mkdtempSync(join(tmpdir(), 'gantry-cost-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function gantry(args: string[], database: string) {
  const result = spawnSync(process.execPath, [resolve('bin/gantry.js'), ...args], {
    cwd: folder,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', GANTRY_DATABASE: database },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('gantry cost report', () => {
  it('reports spend, cache hits and router decisions inside the window', async () => {
    const path = join(folder, 'usage.db');
    const store = openSqliteStore({ path });
    const now = Date.now();
    const base = {
      keyId: 'k1',
      upstream: 'u',
      endpoint: 'chat' as const,
      status: 200,
      stream: false,
      inputTokens: 10,
      outputTokens: 5,
      usageSource: 'upstream' as const,
      durationMs: 3,
    };
    await store.gatewayUsage.saveUsage([
      {
        ...base,
        model: 'auto',
        route: 'cheap',
        cached: false,
        cachedTokens: 6,
        cacheWriteTokens: 2,
        costUsd: 0.001,
        createdAt: now - 1_000,
      },
      { ...base, model: 'auto', route: 'big', cached: false, costUsd: 0.02, createdAt: now - 1_000 },
      { ...base, model: 'auto', route: 'big', cached: true, costUsd: 0, createdAt: now - 1_000 },
      { ...base, model: 'auto', route: 'big', cached: false, costUsd: 9, createdAt: now - 10 * 86_400_000 },
    ]);
    await store.gatewayKeys.createKey({
      id: 'k1',
      name: 'team',
      keyHash: 'h',
      keyPrefix: 'gk-',
      createdAt: now,
      revokedAt: null,
      limits: {},
      models: null,
    });
    await store.close();
    const json = gantry(['cost', 'report', '--since', '1d', '--json'], path);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.total).toMatchObject({
      requests: 3,
      inputTokens: 30,
      cachedTokens: 6,
      cacheWriteTokens: 2,
    });
    expect(report.total.costUsd).toBeCloseTo(0.021, 10);
    expect(report.cache.hits).toBe(1);
    expect(report.routerDecisions.map((d: { route: string }) => d.route)).toEqual(['big', 'cheap']);
    const text = gantry(['cost', 'report', '--since', '1d'], path);
    expect(text.stdout).toContain('Router decisions (cost routes)');
    expect(text.stdout).toMatch(/cache read\s+cache write/);
    expect(text.stdout).toMatch(/k1\s+3\s+30\s+6\s+2\s+15/);
    // The key's totals (all time) show the prompt-cache tokens too.
    const keyUsage = gantry(['keys', 'usage', 'k1'], path);
    expect(keyUsage.stdout).toContain('40 input (6 cache read, 2 cache write)');
    expect(JSON.parse(gantry(['keys', 'usage', 'k1', '--json'], path).stdout)).toMatchObject({
      cachedTokens: 6,
      cacheWriteTokens: 2,
    });
    const bad = gantry(['cost', 'report', '--since', 'last tuesday'], path);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('COST_REPORT_WINDOW_INVALID');
  });
});
