import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GantryError } from '../errors/index.js';
import { createScriptedModel } from '../model/index.js';
import { defineTool } from '../tool/index.js';
import { runStrategy, strategyNames } from './run-strategy.js';

describe('runStrategy', () => {
  it('rejects an unknown strategy or a bad sample count with REASON_OPTIONS_INVALID', async () => {
    const model = createScriptedModel([]);
    for (const run of [
      runStrategy('magic', { model, task: 't' }),
      runStrategy('best-of-n', { model, task: 't', samples: 0 }),
    ]) {
      await expect(run).rejects.toSatisfy(
        (error: unknown) => GantryError.isInstance(error) && error.code === 'REASON_OPTIONS_INVALID',
      );
    }
  });

  it('runs react through the agent loop and reports it like the other strategies', async () => {
    const echo = defineTool({
      name: 'echo',
      description: 'Echoes.',
      input: z.object({ text: z.string() }),
      execute: ({ text }) => text,
    });
    const model = createScriptedModel([
      { toolCalls: [{ toolName: 'echo', input: { text: 'hi' } }] },
      { text: 'said hi' },
    ]);
    const result = await runStrategy('react', { model, task: 'say hi', tools: [echo] });
    expect(result.answer).toBe('said hi');
    expect(result.stopReason).toBe('final-answer');
    expect(result.trace.map((call) => call.role)).toEqual(['actor', 'tool', 'solver']);
    expect(result.usage.steps).toBe(2);
  });

  it('runs tree-of-thought on free text with a model proposer and valuer', async () => {
    const model = createScriptedModel([
      { text: '1. Split 12 into 3 groups\n2. Guess' },
      { text: 'Score: 8' },
      { text: 'Score: 2' },
      { text: 'Answer: 4 each' },
    ]);
    const result = await runStrategy('tot', { model, task: 'Share 12 sweets among 3 children.' });
    expect(result.answer).toBe('4 each');
    expect(result.trace.map((call) => call.role)).toEqual(['proposer', 'valuer', 'valuer', 'proposer']);
  });

  it('knows every strategy the CLI offers', () => {
    expect(strategyNames).toEqual(
      expect.arrayContaining(['react', 'rewoo', 'reflexion', 'cove', 'self-consistency', 'best-of-n', 'tot']),
    );
  });
});
