import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../src/cli/handle-error.js';
import { GantryError } from '../src/errors/index.js';

const bin = resolve('bin/gantry.js');
const folder = mkdtempSync(join(tmpdir(), 'gantry-cli-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function gantry(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: folder,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('gantry CLI', () => {
  it('prints its version and a command list', () => {
    const version = JSON.parse(readFileSync('package.json', 'utf8')).version as string;
    expect(gantry(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = gantry(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'doctor', 'config', 'traces', 'trace'])
      expect(help.stdout).toContain(command);
  });

  it('exits 2 on an unknown command or a bad flag value', () => {
    expect(gantry(['frobnicate']).code).toBe(2);
    const badLimit = gantry(['traces', '--limit', 'lots'], { GANTRY_DATABASE: ':memory:' });
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toContain(
      "error[USAGE_INVALID]: --limit must be a positive whole number, got 'lots'",
    );
  });

  it('exits 2 with the bad field path on an invalid configuration file', () => {
    writeFileSync(join(folder, 'bad.json'), JSON.stringify({ server: { port: -1 } }));
    const result = gantry(['--config', 'bad.json', 'config']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /error\[CONFIG_INVALID\]: Invalid configuration in .*bad\.json:\n {2}server\.port: /,
    );
    expect(result.stdout).toBe('');
  });

  it('prints the effective configuration with secrets masked', () => {
    writeFileSync(
      join(folder, 'gantry.config.json'),
      JSON.stringify({
        providers: {
          vllm: {
            type: 'openai-compatible',
            baseURL: 'http://127.0.0.1:1/v1',
            apiKey: 'sk-supersecretvalue',
          },
        },
      }),
    );
    const result = gantry(['config', '--json']);
    rmSync(join(folder, 'gantry.config.json'));
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as { providers: { vllm: { apiKey: string } } };
    expect(printed.providers.vllm.apiKey).toBe('****');
    expect(result.stdout).not.toContain('supersecret');
  });

  it('doctor passes with no configuration and fails, explaining why, on an unreachable backend', () => {
    const healthy = gantry(['doctor'], { GANTRY_DATABASE: join(folder, 'db', 'g.db') });
    expect(healthy.code).toBe(0);
    for (const name of ['node', 'native modules', 'configuration', 'database'])
      expect(healthy.stdout).toContain(name);
    // With nothing configured, the demo model's in-process simulator is the one backend.
    expect(healthy.stdout).toMatch(/ok +upstream demo-simulator +the in-process backend simulator/);

    writeFileSync(
      join(folder, 'down.json'),
      JSON.stringify({
        providers: { local: { type: 'openai-compatible', baseURL: 'http://127.0.0.1:9/v1' } },
        models: { m: { model: 'local:some-model' } },
      }),
    );
    const down = gantry(['-c', 'down.json', 'doctor'], { GANTRY_DATABASE: ':memory:' });
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/FAIL backend local +http:\/\/127\.0\.0\.1:9\/v1 unreachable: fetch failed/);
    expect(down.stdout).toContain('→ Start the backend, or fix providers.local.baseURL');
  });

  it('doctor checks gateway upstreams too: the only upstream down is a failure', () => {
    writeFileSync(
      join(folder, 'upstream-down.json'),
      JSON.stringify({
        gateway: {
          upstreams: { vllm: { baseURL: 'http://127.0.0.1:9/v1' }, sim: { type: 'simulator' } },
          routes: { chat: { targets: [{ upstream: 'vllm' }] } },
        },
      }),
    );
    const down = gantry(['-c', 'upstream-down.json', 'doctor'], { GANTRY_DATABASE: ':memory:' });
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/FAIL upstream vllm +http:\/\/127\.0\.0\.1:9\/v1 unreachable/);
    expect(down.stdout).toContain('→ Start the backend, or fix gateway.upstreams.vllm.baseURL');
    expect(down.stdout).toMatch(/ok +upstream sim +the in-process backend simulator/i);
  });

  it('says a trace does not exist (exit 1)', () => {
    const result = gantry(['trace', 'does-not-exist'], { GANTRY_DATABASE: ':memory:' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error[NOT_FOUND]: Trace does-not-exist does not exist');
  });

  it('treats unexpected errors as internal: stack trace and exit 70', () => {
    let written = '';
    const stream = { write: (text: string) => (written += text) } as unknown as NodeJS.WritableStream;
    expect(exitCodeFor(new TypeError('x is undefined'), stream)).toBe(70);
    expect(written).toMatch(/internal error \(please report it\):\nTypeError: x is undefined\n {4}at /);
    written = '';
    expect(exitCodeFor(new GantryError('FILE_NOT_FOUND', 'No such file a.txt.'), stream)).toBe(1);
    expect(written).toBe('gantry: error[FILE_NOT_FOUND]: No such file a.txt.\n');
  });
});
