// `gantry eval` as a user runs it: the example from docs/eval.md, a second run that regresses and
// fails --ci, compare, list, judge-check's usage error, and a clear error for a bad eval file.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repository = new URL('..', import.meta.url).pathname;

function gantry(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [join(repository, 'bin/gantry.js'), ...args], {
    cwd: repository,
    env: { ...process.env, ...env, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('gantry eval', () => {
  it('runs the documented example, writes reports, and fails --ci on a regression', {
    timeout: 120_000,
  }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'gantry-eval-cli-'));
    cpSync(join(repository, 'docs/eval'), join(dir, 'eval'), { recursive: true });
    const env = { GANTRY_DATABASE: join(dir, 'gantry.db') };
    const file = join(dir, 'eval/capitals.eval.yaml');

    const first = gantry(
      ['eval', 'run', file, '--html', join(dir, 'report.html'), '--report', join(dir, 'report.json')],
      env,
    );
    expect(first.stderr).not.toMatch(/internal error/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/includes\s+0\.8000\s+80\.0%/);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('data-chart="pass-rates"');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.results.find((r: { exampleId: string }) => r.exampleId === 'au').output.output).toBe(
      'The capital of Australia is Sydney.',
    );

    // The system under test gets worse: Canada is now wrong too.
    const answer = join(dir, 'eval/answer.mjs');
    writeFileSync(answer, readFileSync(answer, 'utf8').replace("Canada: 'Ottawa'", "Canada: 'Toronto'"));
    const second = gantry(['eval', 'run', file, '--baseline', 'latest', '--ci'], env);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('newly failing: ca');
    expect(second.stderr).toMatch(/error\[EVAL_REGRESSION\].*includes -0\.2000/);

    const list = gantry(['eval', 'list', '--json'], env);
    const runs = JSON.parse(list.stdout) as { runId: string }[];
    expect(runs).toHaveLength(2);
    const [candidate, baseline] = runs.map((r) => r.runId);
    const compare = gantry(['eval', 'compare', baseline, candidate, '--ci', '--json'], env);
    expect(compare.code).toBe(1);
    expect(JSON.parse(compare.stdout).newlyFailing).toEqual(['ca']);
    expect(gantry(['eval', 'compare', baseline, baseline, '--ci'], env).code).toBe(0);
    const show = gantry(['eval', 'show', baseline, '--html', join(dir, 'show.html')], env);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('eval capitals');
    expect(readFileSync(join(dir, 'show.html'), 'utf8')).toContain('The capital of Australia is Sydney.');
    // Without other runs there is no frontier; with them (or a comparison) the Pareto chart is drawn.
    expect(readFileSync(join(dir, 'show.html'), 'utf8')).not.toContain('Cost/quality frontier');
    const paretoShow = gantry(
      ['eval', 'show', candidate, '--html', join(dir, 'pareto.html'), '--frontier', baseline],
      env,
    );
    expect(paretoShow.code).toBe(0);
    const pareto = readFileSync(join(dir, 'pareto.html'), 'utf8');
    expect(pareto).toContain('Cost/quality frontier');
    expect(pareto).toContain(`(${baseline})`);
    gantry(['eval', 'compare', baseline, candidate, '--html', join(dir, 'compare.html')], env);
    const compared = readFileSync(join(dir, 'compare.html'), 'utf8');
    expect(compared).toContain('Cost/quality frontier');
    expect(compared).toContain(`(${baseline})`);
    const missing = gantry(['eval', 'show', 'no-such-run'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("error[NOT_FOUND]: No eval run 'no-such-run'");
  });

  it('explains a bad eval file and a missing judge model', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'gantry-eval-cli-'));
    const env = { GANTRY_DATABASE: join(dir, 'gantry.db') };
    writeFileSync(join(dir, 'bad.eval.yaml'), 'name: x\ntarget: { kind: shell }\nscorers: [exact]\n');
    const bad = gantry(['eval', 'run', join(dir, 'bad.eval.yaml')], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/error\[EVAL_FILE_INVALID\].*target\.command/);
    writeFileSync(join(dir, 'pairs.jsonl'), '{"input":"q","a":"x","b":"y"}\n');
    const judge = gantry(['eval', 'judge-check', join(dir, 'pairs.jsonl')], env);
    expect(judge.code).toBe(2);
    expect(judge.stderr).toContain('judge-check needs a judge model');
    expect(existsSync(join(dir, 'gantry.db'))).toBe(false);
  });
});
