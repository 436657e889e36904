// `gantry eval customer-service` as a user runs it: the naive scripted policy, an agent on a scripted
// model that refuses everything (the do-nothing baseline), and a bad flag.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repository = new URL('..', import.meta.url).pathname;

function gantry(args: string[], dir: string) {
  const result = spawnSync(
    process.execPath,
    [join(repository, 'bin/gantry.js'), 'eval', 'customer-service', ...args],
    {
      cwd: dir,
      env: { ...process.env, GANTRY_DATABASE: join(dir, 'gantry.db'), NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

type Report = { passHatK: Record<string, number>; tasks: { task: string; passed: number; trials: number }[] };

describe('gantry eval customer-service', () => {
  it('reports pass^k per k and per task; a do-nothing agent passes only the tasks where nothing is right', {
    timeout: 120_000,
  }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'gantry-cs-'));
    const naive = gantry(['--policy', 'naive', '--repeat', '2', '--json'], dir);
    expect(naive.code).toBe(0);
    const report = JSON.parse(naive.stdout) as Report;
    expect(Object.keys(report.passHatK)).toEqual(['1', '2']);
    expect(report.tasks.find((t) => t.task === 'cancel-pending')).toMatchObject({ passed: 2, trials: 2 });
    expect(report.tasks.find((t) => t.task === 'refund-late')).toMatchObject({ passed: 0 });

    writeFileSync(
      join(dir, 'refuse.json'),
      JSON.stringify({ turns: [{ text: 'Sorry, I cannot help with that.' }], loop: true }),
    );
    const idle = gantry(['--model', 'script:refuse.json', '--repeat', '2', '--json'], dir);
    expect(idle.stderr).toBe('');
    const idleReport = JSON.parse(idle.stdout) as Report;
    // Refusals must say why (the status, the days since delivery): only two tasks pass a silent refusal.
    expect(idleReport.tasks.filter((t) => t.passed > 0).map((t) => t.task)).toEqual([
      'exchange-second',
      'refund-not-owner',
    ]);
    expect(idleReport.passHatK).toEqual({ 1: 0.25, 2: 0.25 });

    const bad = gantry(['--policy', 'clever'], dir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("Unknown policy 'clever'");
  });
});
