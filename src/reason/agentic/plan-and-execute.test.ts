import { describe, expect, it } from 'vitest';
import { createScriptedModel } from '../../model/index.js';
import { promptText } from '../prompt-text.js';
import { planAndExecute } from './plan-and-execute.js';

describe('planAndExecute', () => {
  it('executes step by step and re-plans after each step until FINAL', async () => {
    const model = createScriptedModel([
      { text: '1. Find the price\n2. Find the tax\n3. Add them' },
      { text: 'price is 100' },
      { text: '1. Compute tax at 20%\n2. Add them' }, // re-planned: step 2 changed
      { text: 'tax is 20' },
      { text: 'FINAL: 120' },
    ]);
    const result = await planAndExecute({ model, task: 'Total cost?' });
    expect(result.answer).toBe('120');
    expect(result.stopReason).toBe('final-answer');
    expect(result.trace.map((call) => call.role)).toEqual([
      'planner',
      'executor',
      'replanner',
      'executor',
      'replanner',
    ]);
    expect(result.trace[3]?.purpose).toBe('execute: Compute tax at 20%');
    expect(promptText(model.calls[3]!.options)).toContain('1. Find the price → price is 100');
    model.assertComplete();
  });

  it('uses a custom executor (an agent, a tool) when given one', async () => {
    const model = createScriptedModel([{ text: '1. a\n2. b' }, { text: '1. b' }, { text: 'FINAL: done' }]);
    const seen: string[] = [];
    const result = await planAndExecute({
      model,
      task: 't',
      executeStep: async (step) => {
        seen.push(step);
        return `did ${step}`;
      },
    });
    expect(seen).toEqual(['a', 'b']);
    expect(result.executed?.map((entry) => entry.result)).toEqual(['did a', 'did b']);
  });

  it('stops with iteration-limit at maximumSteps, and with step-limit on the call budget', async () => {
    const looping = createScriptedModel([{ text: '1. again' }], { loop: true });
    const limited = await planAndExecute({ model: looping, task: 't', maximumSteps: 2 });
    expect(limited.stopReason).toBe('iteration-limit');
    expect(limited.executed).toHaveLength(2);
    const budgeted = await planAndExecute({
      model: createScriptedModel([{ text: '1. again' }], { loop: true }),
      task: 't',
      limits: { steps: 4 },
    });
    expect(budgeted.stopReason).toBe('step-limit');
    expect(budgeted.usage.steps).toBe(4);
  });
});
