// The `memory` configuration section: validated with clear errors, and used by `gantry memory`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/index.js';
import { GantryError } from '../src/errors/index.js';

let folder: string;
const gantry = (config: string, args: string[]) => {
  const file = join(folder, `${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, config);
  return spawnSync(process.execPath, ['bin/gantry.js', '--config', file, 'memory', ...args], {
    encoding: 'utf8',
    env: { ...process.env, GANTRY_DATABASE: join(folder, 'gantry.db') },
    timeout: 120_000,
  });
};

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'memory-config-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function failure(raw: unknown): GantryError {
  try {
    parseConfig(raw);
  } catch (error) {
    if (GantryError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a GantryError');
}

describe('memory configuration', () => {
  it('has defaults that keep the embedded setup working (no embedder, no model)', () => {
    const { memory } = parseConfig({});
    expect(memory).toMatchObject({ embedder: 'none', weights: {}, ttl: {}, extractFacts: true });
    expect(memory.context.budgetTokens).toBe(2000);
    expect(memory.model).toBeUndefined();
  });

  it('names the field and the rule for bad values', () => {
    const weight = failure({ memory: { weights: { bridge: -1 } } });
    expect(weight.code).toBe('CONFIG_INVALID');
    expect(weight.message).toContain('memory.weights.bridge');
    expect(weight.message).toContain('a recall weight is a number ≥ 0');
    expect(failure({ memory: { ttl: { episodesDays: 0 } } }).message).toContain('memory.ttl.episodesDays');
    expect(failure({ memory: { context: { budgetTokens: 10 } } }).message).toContain('at least 100 tokens');
    expect(failure({ memory: { wieghts: {} } }).message).toContain('wieghts');
    expect(failure({ memory: { weights: { lexicon: 1 } } }).message).toContain('lexicon');
  });

  it('gantry memory reports a bad section before touching the database', () => {
    const result = gantry('memory:\n  weights:\n    lexical: -2\n', ['recall', 'dog', '--user', 'maya']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('CONFIG_INVALID');
    expect(result.stderr).toContain('memory.weights.lexical');
  }, 120_000);

  it('gantry memory uses the configured weights, fact extraction and context budget', () => {
    const noFacts = gantry('memory:\n  extractFacts: false\n', [
      'ingest',
      'docs/examples/memory-conversation.json',
      '--user',
      'nofacts',
      '--json',
    ]);
    expect(JSON.parse(noFacts.stdout)).toMatchObject({ turns: 9, facts: 0 });
    gantry('', ['ingest', 'docs/examples/memory-conversation.json', '--user', 'maya']);
    const question = ['recall', 'what is the name of my dog?', '--user', 'maya', '-k', '3', '--json'];
    const scored = JSON.parse(gantry('', question).stdout) as { components: Record<string, number> }[];
    expect(scored[0].components.lexical).toBeGreaterThan(0);
    const lexicalOff = gantry('memory:\n  weights:\n    lexical: 0\n', question);
    const items = JSON.parse(lexicalOff.stdout) as { components: Record<string, number> }[];
    expect(items.every((item) => item.components.lexical === 0)).toBe(true);
    const context = gantry('memory:\n  context:\n    budgetTokens: 150\n', [...question, '--context']);
    const assembled = JSON.parse(context.stdout) as { budgetTokens: number; tokens: number };
    expect(assembled.budgetTokens).toBe(150);
    expect(assembled.tokens).toBeLessThanOrEqual(150);
  }, 600_000);
});
