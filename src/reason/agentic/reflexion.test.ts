import { describe, expect, it } from 'vitest';
import { createScriptedModel } from '../../model/index.js';
import { promptText } from '../prompt-text.js';
import { reflexion } from './reflexion.js';

describe('reflexion', () => {
  it('retries with the reflection in memory until the evaluator passes', async () => {
    const model = createScriptedModel([
      { text: 'def add(a, b): return a - b' },
      { text: 'I subtracted instead of adding; use +.' },
      { text: 'def add(a, b): return a + b' },
    ]);
    const memory: string[] = [];
    const result = await reflexion({
      model,
      task: 'Write add(a, b).',
      memory,
      evaluate: (attempt) => ({ pass: attempt.includes('a + b'), feedback: 'add(1, 2) returned -1' }),
    });
    expect(result.stopReason).toBe('accepted');
    expect(result.trials).toBe(2);
    expect(result.trace.map((call) => call.role)).toEqual(['actor', 'reflector', 'actor']);
    expect(promptText(model.calls[1]!.options)).toContain('add(1, 2) returned -1');
    expect(promptText(model.calls[2]!.options)).toContain('- I subtracted instead of adding; use +.');
    expect(memory).toEqual(['I subtracted instead of adding; use +.']);
  });

  it('uses the model as evaluator when none is given, and stops after maximumTrials', async () => {
    const model = createScriptedModel([
      { text: 'attempt one' },
      { text: 'FAIL: too short' },
      { text: 'be longer' },
      { text: 'attempt two' },
      { text: 'FAIL: still short' },
    ]);
    const result = await reflexion({ model, task: 't', maximumTrials: 2 });
    expect(result.stopReason).toBe('iteration-limit');
    expect(result.answer).toBe('attempt two');
    expect(result.trace.map((call) => call.role)).toEqual([
      'actor',
      'evaluator',
      'reflector',
      'actor',
      'evaluator',
    ]);
    model.assertComplete();
  });
});
