// The README's "first five minutes" block, run as written against `gantry serve` started from this
// checkout with no configuration: every command must work offline, with no key, and print what the
// README promises. Only the port (ephemeral here, 8080 in the README) and the database differ.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const folder = mkdtempSync(join(tmpdir(), 'gantry-first-'));
const env: NodeJS.ProcessEnv = { ...process.env, GANTRY_DATABASE: join(folder, 'gantry.db'), NO_COLOR: '1' };
delete env.GANTRY_CONFIG;
let server: ChildProcess;
let startLines = '';
let port = 0;

interface Snippet {
  kind: 'sh' | 'js';
  text: string;
}

/** The block between the markers: each shell command (continuations joined) and each JS program. */
function firstFiveMinutes(readme: string): Snippet[] {
  const block = /<!-- first-five-minutes:start -->([\s\S]*?)<!-- first-five-minutes:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no first-five-minutes block');
  const snippets: Snippet[] = [];
  for (const fence of block[1].matchAll(/```(sh|js)\n([\s\S]*?)```/g)) {
    if (fence[1] === 'js') {
      snippets.push({ kind: 'js', text: fence[2] });
      continue;
    }
    const joined = fence[2].replace(/\\\n\s*/g, '');
    for (const line of joined.split('\n')) {
      if (line.trim() && !line.trim().startsWith('#')) snippets.push({ kind: 'sh', text: line.trim() });
    }
  }
  return snippets;
}

const snippets = firstFiveMinutes(readFileSync(join(root, 'README.md'), 'utf8'));
const demoText = /Gantry's demo model is a simulator, not a language model/;

/** What each command must print, in README order. */
const expectations: [RegExp, (output: string) => void][] = [
  [
    /^curl -s .*"model":"demo"/,
    (output) => {
      const body = JSON.parse(output) as { choices: { message: { content: string } }[] };
      expect(body.choices[0].message.content).toMatch(demoText);
    },
  ],
  [
    /^curl -sN .*"stream":true/,
    (output) => {
      const events = output.split('\n').filter((line) => line.startsWith('data: '));
      expect(events.at(-1)).toBe('data: [DONE]');
      const text = events
        .slice(0, -1)
        .map((line) => JSON.parse(line.slice(6)) as { choices: { delta: { content?: string } }[] })
        .map((chunk) => chunk.choices[0]?.delta.content ?? '')
        .join('');
      expect(events.length).toBeGreaterThan(10);
      expect(text).toMatch(demoText);
      expect(text).toContain('you sent "Stream, please."');
    },
  ],
  [
    /import OpenAI from 'openai'/,
    (output) => {
      const lines = output.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(demoText);
      expect(lines[1]).toContain('you sent "Stream, please."');
    },
  ],
  [
    /bin\/gantry\.js run .*--model demo$/,
    (output) => {
      expect(output).toContain('→ calculator({"expression":"17 * 23"})');
      expect(output).toContain('(simulated) The tool returned {"expression":"17 * 23","value":391}');
      expect(output).toMatch(/final-answer · 2 steps · 1 tool call/);
    },
  ],
  [
    /bin\/gantry\.js run .*--model script:/,
    (output) => {
      expect(output).toContain('→ calculator({"expression":"17 * 23"})');
      expect(output).toContain('"value":391');
      expect(output).toMatch(/final-answer · 2 steps · 1 tool call/);
    },
  ],
  [/bin\/gantry\.js ingest /, (output) => expect(output).toMatch(/docs: \d+ documents .* \d+ chunks added/)],
  [
    /bin\/gantry\.js ask /,
    (output) => {
      expect(output).toMatch(/^\(simulated\) .+ \[1\]\n/);
      expect(output).toMatch(/\nSources:\n {2}\[1\] \S+/);
    },
  ],
  [/bin\/gantry\.js eval run /, (output) => expect(output).toMatch(/5 examples .* all-pass 80\.0%/)],
];

function run(snippet: Snippet): { code: number | null; output: string; stderr: string } {
  const local = (text: string) => text.replaceAll('127.0.0.1:8080', `127.0.0.1:${port}`);
  const result =
    snippet.kind === 'sh'
      ? spawnSync('bash', ['-c', local(snippet.text)], { cwd: root, env, encoding: 'utf8', timeout: 120_000 })
      : spawnSync(process.execPath, ['--input-type=module'], {
          cwd: root,
          env,
          input: local(snippet.text),
          encoding: 'utf8',
          timeout: 60_000,
        });
  return { code: result.status, output: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  // The CLI commands find the server through server.port, as `--model demo` does after `npm start`.
  server = spawn(process.execPath, ['bin/gantry.js', 'serve', '--port', '0'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${startLines}`)), 60_000);
    server.stderr?.on('data', (chunk: Buffer) => {
      startLines += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(startLines);
      if (match && startLines.includes('no API key required')) {
        port = Number(match[1]);
        env.GANTRY_PORT = String(port);
        clearTimeout(timer);
        done();
      }
    });
    server.once('exit', (code) => fail(new Error(`server exited with ${code}:\n${startLines}`)));
  });
}, 90_000);

afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(folder, { recursive: true, force: true });
});

describe("the README's first five minutes", () => {
  it('starts with the demo model, labelled as a simulator on the start line and in /v1/models', async () => {
    expect(startLines).toContain('1 model served');
    expect(startLines).toContain("model 'demo' is the built-in simulator, not a language model");
    const models = (await (await fetch(`http://127.0.0.1:${port}/v1/models`)).json()) as {
      data: { id: string; owned_by: string }[];
    };
    expect(models.data).toEqual([expect.objectContaining({ id: 'demo', owned_by: 'simulator' })]);
  });

  it('has one expectation per command, in order', () => {
    expect(snippets).toHaveLength(expectations.length);
    for (const [index, snippet] of snippets.entries()) expect(snippet.text).toMatch(expectations[index][0]);
  });

  it('runs every command offline, each printing what the README promises', () => {
    for (const [index, snippet] of snippets.entries()) {
      const { code, output, stderr } = run(snippet);
      expect({ command: snippet.text, code, stderr: code === 0 ? '' : stderr }).toMatchObject({ code: 0 });
      expectations[index][1](output);
    }
  }, 300_000);
});
