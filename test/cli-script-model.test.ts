// The CLI's --model accepts a scripted model file and a gateway route name (issue 19: the scripted
// model existed only in code, and `--model chat` was refused as MODEL_SPEC_INVALID).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const folder = mkdtempSync(join(tmpdir(), 'gantry-cli-script-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const gantry = (args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin', 'gantry.js'), ...args], {
    cwd: folder,
    encoding: 'utf8',
    env: { ...process.env, GANTRY_DATABASE: join(folder, 'g.db'), NO_COLOR: '1' },
  });

describe('--model script:FILE and route names', () => {
  it('runs an agent on a YAML script relative to the current folder, and says "1 step"', () => {
    writeFileSync(join(folder, 'hello.yaml'), 'turns:\n  - text: Hello from a script.\n');
    const result = gantry(['run', 'Say hello', '--model', 'script:hello.yaml']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Hello from a script.');
    expect(result.stdout).toMatch(/final-answer · 1 step · 0 tool calls/);
  });

  it('explains a bad script with the file and field, exit code 2', () => {
    writeFileSync(join(folder, 'bad.json'), JSON.stringify({ turns: [{ toolCalls: [{ input: {} }] }] }));
    const result = gantry(['run', 'x', '--model', 'script:bad.json']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('MODEL_SCRIPT_INVALID');
    expect(result.stderr).toContain("a tool call needs 'tool'");
  });

  it('takes a gateway route name and calls the local server (down here: MODEL_CALL_FAILED, not MODEL_SPEC_INVALID)', () => {
    writeFileSync(
      join(folder, 'gantry.config.json'),
      JSON.stringify({
        server: { port: 59999 },
        gateway: {
          upstreams: { u: { baseURL: 'http://127.0.0.1:59999/v1' } },
          routes: { chat: { targets: [{ upstream: 'u' }] } },
        },
        agent: { modelRetries: 0 },
      }),
    );
    const result = gantry(['run', 'hi', '--model', 'chat']);
    rmSync(join(folder, 'gantry.config.json'));
    expect(result.stderr).not.toContain('MODEL_SPEC_INVALID');
    expect(result.stderr).toContain('MODEL_CALL_FAILED');
    expect(result.stderr).toContain('The call to model chat failed');
  });
});
