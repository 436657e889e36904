import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAgent } from '../../agent/index.js';
import { GantryError } from '../../errors/index.js';
import { createScriptedModel } from '../../model/index.js';
import { calculatorTool, defineTool } from '../../tool/index.js';
import { promptText } from '../prompt-text.js';
import { parseRewooPlan, rewoo } from './rewoo.js';

const heights: Record<string, string> = { everest: '8849', k2: '8611' };
const lookup = () =>
  defineTool({
    name: 'lookup',
    description: 'Height of a mountain in metres.',
    input: z.object({ mountain: z.string() }),
    execute: ({ mountain }) => heights[mountain.toLowerCase()] ?? 'unknown',
  });
const task = 'How much taller is Everest than K2, in metres?';
const plan = [
  'Plan: find both heights, then subtract.',
  '#E1 = lookup[everest]',
  '#E2 = lookup[k2]',
  'Plan: subtract.',
  '#E3 = calculator[#E1 - #E2]',
].join('\n');

describe('rewoo', () => {
  it('plans once, runs the tools with evidence substituted, and solves once', async () => {
    const model = createScriptedModel([{ text: plan }, { text: '238 metres' }]);
    const result = await rewoo({ model, task, tools: [lookup(), calculatorTool()] });
    expect(result.answer).toBe('238 metres');
    expect(
      result.trace.map((call) => [call.role, call.prompt.startsWith('calculator') ? call.prompt : call.role]),
    ).toEqual([
      ['planner', 'planner'],
      ['tool', 'tool'],
      ['tool', 'tool'],
      ['tool', 'calculator[8849 - 8611]'],
      ['solver', 'solver'],
    ]);
    expect(result.evidence?.['#E3']).toContain('238');
    expect(promptText(model.calls[0]!.options)).toContain('lookup[input]: Height of a mountain');
    expect(promptText(model.calls[1]!.options)).toContain(
      'Evidence: {"expression":"8849 - 8611","value":238}',
    );
    expect(result.usage).toMatchObject({ steps: 2, toolCalls: 3 });
  });

  it('uses fewer model calls than ReAct on the same task', async () => {
    const reactModel = createScriptedModel([
      { toolCalls: [{ toolName: 'lookup', input: { mountain: 'everest' } }] },
      { toolCalls: [{ toolName: 'lookup', input: { mountain: 'k2' } }] },
      { toolCalls: [{ toolName: 'calculator', input: { expression: '8849 - 8611' } }] },
      { text: '238 metres' },
    ]);
    const react = await createAgent({
      model: reactModel,
      tools: [lookup(), calculatorTool()],
      protocol: 'native',
    }).run(task);
    const rewooModel = createScriptedModel([{ text: plan }, { text: '238 metres' }]);
    const planned = await rewoo({ model: rewooModel, task, tools: [lookup(), calculatorTool()] });
    expect(react.text).toBe(planned.answer);
    expect(reactModel.calls).toHaveLength(4);
    expect(rewooModel.calls).toHaveLength(2);
    expect(planned.usage.inputTokens).toBeLessThan(react.usage.inputTokens);
  });

  it('rejects plans with forward references, unknown tools or no steps', async () => {
    expect(() => parseRewooPlan('#E1 = lookup[#E2]\n#E2 = lookup[k2]')).toThrow(/uses #E2 before/);
    expect(() => parseRewooPlan('I will just answer.')).toThrow(/no "#E<n>/);
    const model = createScriptedModel([{ text: '#E1 = search[everest]' }]);
    await expect(rewoo({ model, task, tools: [lookup()] })).rejects.toSatisfy(
      (error: unknown) => GantryError.isInstance(error) && error.code === 'REASON_PLAN_INVALID',
    );
  });

  it('stops cleanly on the tool-call budget before the next tool', async () => {
    const model = createScriptedModel([{ text: plan }]);
    const result = await rewoo({
      model,
      task,
      tools: [lookup(), calculatorTool()],
      limits: { toolCalls: 2 },
    });
    expect(result.stopReason).toBe('step-limit');
    expect(result.trace.filter((call) => call.role === 'tool')).toHaveLength(2);
    expect(result.evidence).toEqual({ '#E1': '8849', '#E2': '8611' });
  });
});
