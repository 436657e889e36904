// Runs the TypeScript examples of a docs page as written (imports of gantry/<area> pointed at the
// sources) and checks what they print against the `// expected` comments beside each console.log.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

export interface DocsExamplesOptions {
  /** The page under docs/, e.g. 'teams.md'. */
  page: string;
  /** Only the examples whose code matches (the others need a real backend). */
  filter?: RegExp;
  /** At least this many examples must be found. */
  minimum?: number;
  /**
   * 'exact': the printed lines are exactly the expected comments, in order; 'contains': each expected
   * comment (up to an ellipsis or a parenthesised aside) appears in the output.
   */
  match?: 'exact' | 'contains';
  timeoutMs?: number;
}

export function describeDocsExamples({
  page,
  filter,
  minimum = 1,
  match = 'contains',
  timeoutMs = 60_000,
}: DocsExamplesOptions): void {
  const docs = readFileSync(join(root, 'docs', page), 'utf8');
  const examples = [...docs.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((m) => m[1])
    .filter((code) => !filter || filter.test(code));
  // Under node_modules so that bare imports (zod) resolve; removed afterwards.
  const folder = join(root, 'node_modules', '.cache', `gantry-docs-${page.replace(/\W/g, '-')}`);
  mkdirSync(folder, { recursive: true });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  describe(`docs/${page} examples`, () => {
    it('has runnable examples', () => {
      expect(examples.length).toBeGreaterThanOrEqual(minimum);
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
          timeout: timeoutMs,
        });
        expect(run.status, run.stderr).toBe(0);
        const expected = code
          .split('\n')
          .map((line) => /console\.log\(.*\);\s*\/\/\s*(.+)$/.exec(line)?.[1])
          .filter((line): line is string => line !== undefined);
        if (match === 'exact') {
          expect(expected.length).toBeGreaterThan(0);
          expect(run.stdout.trim().split('\n')).toEqual(expected);
        } else {
          for (const line of expected) expect(run.stdout).toContain(line.split(/…|\s{2,}\(/)[0].trim());
        }
      },
      timeoutMs * 2,
    );
  });
}
