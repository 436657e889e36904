import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  calculatorTool,
  createToolRegistry,
  defineTool,
  evaluateExpression,
  fileReadTool,
  toolInputJsonSchema,
} from '../src/tool/index.js';
import { noopTracer } from '../src/trace/index.js';

const context = {
  toolCallId: 'c',
  runId: 'r',
  signal: new AbortController().signal,
  tracer: noopTracer,
  span: noopTracer.startSpan('t'),
  budget: { snapshot: () => ({ used: {}, limits: {} }) },
};

describe('calculator', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['2 ^ 3 ^ 2', 512],
    ['-2 ** 2', -4],
    ['10 % 4', 2],
    ['sqrt(16) + abs(-3)', 7],
    ['max(1, 5, 3)', 5],
    ['1.5e3 / 3', 500],
    ['round(pi * 100)', 314],
  ])('%s = %d', (expression, value) => {
    expect(evaluateExpression(expression)).toBeCloseTo(value);
  });

  it.each([
    'process.exit(1)',
    'constructor',
    'constructor(1)',
    '__proto__',
    '1 +',
    '2 * (3',
    'alert("x")',
    '1; 2',
  ])('refuses %s', (expression) => {
    expect(() => evaluateExpression(expression)).toThrow(
      expect.objectContaining({ code: 'TOOL_EXPRESSION_INVALID' }),
    );
  });

  it('is a tool with a JSON Schema', async () => {
    const tool = calculatorTool();
    expect(toolInputJsonSchema(tool)).toMatchObject({
      type: 'object',
      properties: { expression: { type: 'string' } },
    });
    expect(await tool.execute({ expression: '6*7' }, context)).toEqual({ expression: '6*7', value: 42 });
  });
});

describe('file_read', () => {
  const root = mkdtempSync(join(tmpdir(), 'gantry-file-read-'));
  const outside = mkdtempSync(join(tmpdir(), 'gantry-outside-'));
  mkdirSync(join(root, 'docs'));
  writeFileSync(join(root, 'docs', 'a.txt'), 'hello from a');
  writeFileSync(join(root, 'long.txt'), 'x'.repeat(5000));
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  symlinkSync(join(outside, 'secret.txt'), join(root, 'escape.txt'));
  symlinkSync(outside, join(root, 'escape-dir'));
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  const tool = fileReadTool({ root, maximumBytes: 1000 });

  it('reads a file under the root, truncating long ones', async () => {
    expect(await tool.execute({ path: 'docs/a.txt' }, context)).toMatchObject({
      content: 'hello from a',
      truncated: false,
    });
    expect(await tool.execute({ path: 'long.txt' }, context)).toMatchObject({ bytes: 5000, truncated: true });
  });

  it.each(['../secret.txt', '/etc/passwd', 'docs/../../x', 'escape.txt', 'escape-dir/secret.txt'])(
    'refuses %s',
    async (path) => {
      await expect(tool.execute({ path }, context)).rejects.toMatchObject({ code: 'TOOL_PATH_OUTSIDE_ROOT' });
    },
  );

  it('reports a missing file', async () => {
    await expect(tool.execute({ path: 'nope.txt' }, context)).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
  });
});

describe('tool registry', () => {
  const a = defineTool({
    name: 'search_web',
    description: 'x',
    input: z.object({ q: z.string() }),
    execute: () => 1,
  });
  it('refuses duplicate names and invalid definitions', () => {
    expect(() => createToolRegistry([a, a])).toThrow(
      expect.objectContaining({ code: 'AGENT_TOOL_DUPLICATE' }),
    );
    expect(() =>
      defineTool({ name: 'bad name!', description: 'x', input: z.object({}), execute: () => 1 }),
    ).toThrow(expect.objectContaining({ code: 'AGENT_TOOL_INVALID' }));
  });
  it('suggests the close match for a misspelt name', () => {
    const registry = createToolRegistry([a, calculatorTool()]);
    expect(registry.lookUp('SearchWeb')).toMatchObject({ suggestion: 'search_web' });
    expect(registry.lookUp('calculater')).toMatchObject({ suggestion: 'calculator' });
    expect(registry.lookUp('weather')).not.toHaveProperty('suggestion');
    expect(() => registry.pick(['nope'])).toThrow(expect.objectContaining({ code: 'AGENT_TOOL_UNKNOWN' }));
  });
});

describe('defineTool types', () => {
  it('infers the input type from the zod schema (checked by tsc)', async () => {
    const shout = defineTool({
      name: 'shout',
      description: 'Upper-cases a word.',
      input: z.object({ word: z.string(), times: z.number().default(1) }),
      execute: ({ word, times }) => word.toUpperCase().repeat(times),
    });
    expect(await shout.execute({ word: 'hi', times: 2 }, context)).toBe('HIHI');
    defineTool({
      name: 'bad',
      description: 'x',
      input: z.object({ word: z.string() }),
      // @ts-expect-error: 'word' is inferred as a string, so it cannot be multiplied
      execute: ({ word }) => word * 2,
    });
  });
});
