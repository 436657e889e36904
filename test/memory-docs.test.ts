// The TypeScript examples of docs/memory.md run as written (gantry/<area> imports pointed at the
// sources), and what they print is checked against the `// expected` comments.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const docs = readFileSync(join(root, 'docs', 'memory.md'), 'utf8');
const examples = [...docs.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
const folder = join(root, 'node_modules', '.cache', 'gantry-memory-docs');
mkdirSync(folder, { recursive: true });
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('docs/memory.md examples', () => {
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
        timeout: 120_000,
      });
      expect(run.status, run.stderr).toBe(0);
      const expected = code
        .split('\n')
        .map((line) => /console\.log\(.*\);\s*\/\/\s*(.+)$/.exec(line)?.[1])
        .filter((line): line is string => line !== undefined);
      expect(expected.length).toBeGreaterThan(0);
      expect(run.stdout.trim().split('\n')).toEqual(expected);
    },
    180_000,
  );
});
