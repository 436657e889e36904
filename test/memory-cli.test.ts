// `gantry memory` end to end, as a user runs it on a fresh clone: a real process, a real database file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let folder: string;
const gantry = (args: string[]) =>
  spawnSync(process.execPath, ['bin/gantry.js', 'memory', ...args], {
    encoding: 'utf8',
    env: { ...process.env, GANTRY_DATABASE: join(folder, 'gantry.db') },
    timeout: 120_000,
  });

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'memory-cli-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('gantry memory', () => {
  it('ingests a conversation, recalls turn ids with sessions, and forgets a user', () => {
    const ingest = gantry(['ingest', 'docs/examples/memory-conversation.json', '--user', 'maya', '--json']);
    expect(ingest.stderr).toBe('');
    expect(JSON.parse(ingest.stdout)).toEqual({ turns: 9, sessions: 3, facts: 3 });
    gantry(['ingest', 'docs/examples/memory-conversation.json', '--user', 'other']);

    const recall = gantry(['recall', 'what is the name of my dog?', '--user', 'maya', '-k', '3', '--json']);
    const items = JSON.parse(recall.stdout) as { id: string; session: string; kind: string }[];
    expect(items).toHaveLength(3);
    expect(items.map((item) => item.id)).toContain('D1:1');

    const where = gantry([
      'recall',
      'where did I live before I moved?',
      '--user',
      'maya',
      '--kind',
      'episode',
    ]);
    // The move the question is anchored on comes first, then what was said before it.
    const lines = where.stdout.trim().split('\n');
    expect(lines[0]).toContain('D3:1');
    expect(lines[1]).toMatch(/D1:3 +Maya: .*Leeds/);
    expect(lines.slice(1).join('\n')).not.toContain('s3');

    const forgetOne = gantry(['forget', '--user', 'maya', '--id', 'D2:1', 'nope']);
    expect(forgetOne.stdout).toContain('Forgot 1 of 2 items.');
    const erase = gantry(['forget', '--user', 'maya', '--json']);
    expect(JSON.parse(erase.stdout).erased.episodes).toBe(8);
    const after = gantry(['recall', 'dog', '--user', 'maya']);
    expect(after.stdout).toContain('No memories of user maya match.');
    expect(gantry(['recall', 'dog', '--user', 'other', '--json']).stdout).toContain('Biscuit');
  }, 600_000);

  it('rejects a file that is not a conversation, with its code and a hint', () => {
    const bad = join(folder, 'bad.json');
    writeFileSync(bad, JSON.stringify({ turns: [] }));
    const result = gantry(['ingest', bad, '--user', 'maya']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('MEMORY_INPUT_INVALID');
    expect(result.stderr).toContain('"sessions"');
  }, 120_000);
});
