// `gantry team run` end to end: the example team files of docs/teams run from a fresh checkout
// (scripted models, no backend), stream their events, and a broken team file fails clearly.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const folder = mkdtempSync(join(tmpdir(), 'gantry-team-cli-'));
const configPath = join(folder, 'gantry.config.json');
writeFileSync(configPath, JSON.stringify({ database: { path: join(folder, 'gantry.db') } }));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

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

describe('gantry team run', () => {
  it.each([
    ['support', 'done', 'Invoice 42 comes to 144 with VAT.'],
    ['research', 'done', 'The product is 391.'],
    ['debate', 'converged', 'monday'],
    ['group', 'done', 'Plan: announce on Monday 9:00 UTC, blog post on Tuesday.'],
  ])(
    'runs docs/teams/%s.yaml and streams its events as JSON lines',
    async (name, stopReason, text) => {
      const { code, stdout, stderr } = await gantry([
        'team',
        'run',
        `docs/teams/${name}.yaml`,
        'Go.',
        '--json',
      ]);
      expect(code, stderr).toBe(0);
      const events = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(events[0]).toMatchObject({ type: 'team-start', pattern: expect.any(String) });
      expect(events.some((e) => e.type === 'agent-start')).toBe(true);
      expect(events.some((e) => e.type === 'budget')).toBe(true);
      const end = events[events.length - 1];
      expect(end.type).toBe('team-end');
      expect(end.result).toMatchObject({ stopReason, text });
      expect(Object.values(end.result.overrun).every((value) => value === 0)).toBe(true);
    },
    60_000,
  );

  it('prints who is speaking, delegations and the budget by default', async () => {
    const { code, stdout } = await gantry(['team', 'run', 'docs/teams/research.yaml', 'Go.']);
    expect(code).toBe(0);
    expect(stdout).toContain('⇢ lead asks researcher: Compute 17 * 23 and say what it is.');
    expect(stdout).toContain('→ calculator({"expression":"17 * 23"})');
    expect(stdout).toMatch(/budget: 4\/12 steps/);
    expect(stdout).toContain('stop: done: lead gave the team');
  }, 60_000);

  it('rejects a broken team file with every problem named', async () => {
    const broken = join(folder, 'broken.yaml');
    writeFileSync(
      broken,
      [
        'pattern: { type: handoff, entry: ghost, maxHandoffs: -1 }',
        'budget: { steps: many }',
        'members:',
        '  - name: a',
        '    handoffs: [b]',
        '    colour: red',
      ].join('\n'),
    );
    const { code, stderr } = await gantry(['team', 'validate', broken]);
    expect(code).toBe(2);
    expect(stderr).toContain('budget.steps');
    expect(stderr).toContain('pattern.maxHandoffs');
    expect(stderr).toContain('members.0');
    expect(stderr).toContain('colour');

    const unknown = join(folder, 'unknown.yaml');
    writeFileSync(
      unknown,
      [
        'model: { scripted: [{ text: hi }] }',
        'pattern: { type: handoff, entry: ghost }',
        'members:',
        '  - name: a',
        '    handoffs: [b]',
      ].join('\n'),
    );
    const second = await gantry(['team', 'validate', unknown]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain("a.handoffs names 'b', which is not a member");
    expect(second.stderr).toContain("pattern.entry names 'ghost', which is not a member");
    const good = await gantry(['team', 'validate', 'docs/teams/support.yaml']);
    expect(good).toMatchObject({ code: 0 });
    expect(good.stdout).toContain("team 'support', handoff, 2 members (triage, billing)");
  }, 60_000);
});
