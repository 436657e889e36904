// `gantry eval tasks` as a user runs it: task files in each benchmark's format written here, a scripted
// agent model, the official rules' verdicts (unscored where a judge or live site is missing), and a
// malformed file refused with the line that is wrong.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repository = new URL('..', import.meta.url).pathname;

function gantry(args: string[], dir: string) {
  const result = spawnSync(process.execPath, [join(repository, 'bin/gantry.js'), ...args], {
    cwd: dir,
    env: { ...process.env, GANTRY_DATABASE: join(dir, 'gantry.db'), NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const jsonl = (...rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n');
const script = (dir: string, name: string, texts: string[]) => {
  writeFileSync(join(dir, name), JSON.stringify({ turns: texts.map((text) => ({ text })) }));
  return `script:${name}`;
};

describe('gantry eval tasks', () => {
  it('runs an agent on WebArena and AgentBench files and reports unscored results apart', {
    timeout: 120_000,
  }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'gantry-eval-tasks-'));
    writeFileSync(
      join(dir, 'webarena.json'),
      JSON.stringify([
        {
          task_id: 1,
          intent: 'Best seller in 2022?',
          eval: { eval_types: ['string_match'], reference_answers: { exact_match: 'Quest Lumaflex Band' } },
        },
        {
          task_id: 2,
          intent: 'Who reviewed it?',
          eval: { eval_types: ['string_match'], reference_answers: { must_include: ['Alice', 'Bob'] } },
        },
        {
          task_id: 3,
          intent: 'How was the service?',
          eval: { eval_types: ['string_match'], reference_answers: { fuzzy_match: ['friendly'] } },
        },
      ]),
    );
    const web = gantry(
      [
        'eval',
        'tasks',
        'webarena.json',
        '--model',
        script(dir, 'web.json', ['"Quest Lumaflex Band"', 'Only Alice', 'Nice people']),
        '--concurrency',
        '1',
      ],
      dir,
    );
    expect(web.stderr).toBe('');
    expect(web.code).toBe(0);
    expect(web.stdout).toContain(
      '3 tasks × 1 trial(s): 2 scored, 1 passed (accuracy 50.0%), 1 unscored, 0 errors',
    );
    expect(web.stdout).toMatch(/webarena-1\s+#0 {2}pass/);
    expect(web.stdout).toMatch(/webarena-2\s+#0 {2}fail/);
    expect(web.stdout).toMatch(/webarena-3\s+#0 {2}unscored {2}fuzzy_match needs a judge model/);

    writeFileSync(
      join(dir, 'agentbench.jsonl'),
      jsonl(
        { description: 'How many files are in /etc?', evaluation: { match: '220' } },
        {
          description: 'Which employees earn over 50?',
          table: {
            table_name: 'staff',
            table_info: {
              columns: [{ name: 'name' }, { name: 'pay' }],
              rows: [
                ['Ann', '60'],
                ['Tom', '70'],
                ['Bo', '10'],
              ],
            },
          },
          type: ['SELECT'],
          label: ['Tom', 'Ann'],
        },
        {
          description: 'Raise Bo to 20.',
          table: {
            table_name: 'staff',
            table_info: { columns: [{ name: 'name' }, { name: 'pay' }], rows: [['Bo', '10']] },
          },
          type: ['UPDATE'],
          answer_md5: 'abc',
        },
      ),
    );
    const agent = gantry(
      [
        'eval',
        'tasks',
        'agentbench.jsonl',
        '--format',
        'agentbench',
        '--json',
        '--concurrency',
        '1',
        '--model',
        script(dir, 'ab.json', ['Think: counted.\n\nAct: answer(220)', "['Ann', 'Tom']", 'Done.']),
      ],
      dir,
    );
    expect(agent.code).toBe(0);
    const report = JSON.parse(agent.stdout);
    expect(report.summary).toMatchObject({
      tasks: 3,
      scored: 2,
      passed: 2,
      unscored: 1,
      accuracy: 1,
      passHatK: { 1: 1 },
    });
    expect(report.results.map((r: { task: string }) => r.task)).toEqual(['os-1', 'db-2', 'db-3']);
    expect(report.results[2].score.reason).toMatch(/UPDATE tasks compare a MySQL table hash/);
  });

  it('runs the GAIA example of docs/eval.md as written', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'gantry-eval-tasks-'));
    const result = spawnSync(
      process.execPath,
      [
        'bin/gantry.js',
        'eval',
        'tasks',
        'docs/eval/tasks/gaia.jsonl',
        '--model',
        'script:docs/eval/tasks/gaia-agent.json',
      ],
      {
        cwd: repository,
        env: { ...process.env, GANTRY_DATABASE: join(dir, 'gantry.db'), NO_COLOR: '1' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      '4 tasks × 1 trial(s): 3 scored, 2 passed (accuracy 66.7%), 1 unscored, 0 errors',
    );
    expect(result.stdout).toMatch(/primes\s+#0 {2}pass/);
  });

  it('refuses a malformed task file with the line, and an unknown format', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'gantry-eval-tasks-'));
    writeFileSync(
      join(dir, 'gaia.jsonl'),
      jsonl({ task_id: 'a', Question: 'Q', 'Final answer': '1' }, { task_id: 'b', Final: '2' }),
    );
    const bad = gantry(
      ['eval', 'tasks', 'gaia.jsonl', '--format', 'gaia', '--model', 'script:none.json'],
      dir,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/EVAL_TASK_FILE_INVALID/);
    expect(bad.stderr).toContain("gaia.jsonl, line 2: the GAIA task has no 'Question'.");
    const unknown = gantry(
      ['eval', 'tasks', 'gaia.jsonl', '--format', 'mmlu', '--model', 'script:none.json'],
      dir,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/EVAL_TASK_FORMAT_UNKNOWN/);
  });
});
