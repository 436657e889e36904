// The TypeScript examples of docs/agents.md that run on the scripted model are run as written
// (imports of gantry/<area> pointed at the sources), and their printed output checked against the
// `// expected` comments beside each console.log.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const docs = readFileSync(join(root, 'docs', 'agents.md'), 'utf8');
const examples = [...docs.matchAll(/```ts\n([\s\S]*?)```/g)]
  .map((m) => m[1])
  .filter((code) => /createScriptedModel|parseToolCalls\(/.test(code));
// Under node_modules so that bare imports (zod) resolve; removed afterwards.
const folder = join(root, 'node_modules', '.cache', 'gantry-agent-docs');
mkdirSync(folder, { recursive: true });
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('docs/agents.md examples', () => {
  it('has runnable examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples.map((code, index) => [index, code] as const))(
    'example %i runs and prints what it says',
    (index, code) => {
      const source = code.replace(
        /from 'gantry\/([a-z]+)'/g,
        (_m, area) => `from '${join(root, 'src', area, 'index.ts')}'`,
      );
      const file = join(folder, `example-${index}.mts`);
      writeFileSync(file, source);
      const run = spawnSync(process.execPath, [join(root, 'bin', 'run-ts.js'), file], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status, run.stderr).toBe(0);
      for (const line of code.split('\n')) {
        const expected = /console\.log\(.*\);\s*\/\/\s*(.+)$/.exec(line)?.[1];
        if (!expected) continue;
        const stable = expected.split(/…|\s{2,}\(/)[0].trim();
        expect(run.stdout).toContain(stable);
      }
    },
    60_000,
  );
});
