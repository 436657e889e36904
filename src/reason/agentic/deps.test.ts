import { describe, expect, it } from 'vitest';
import { createScriptedModel } from '../../model/index.js';
import { promptText } from '../prompt-text.js';
import { deps } from './deps.js';

describe('deps', () => {
  it('selects among alternatives, and on failure describes, explains and re-plans', async () => {
    const model = createScriptedModel([
      { text: '1. get wood\n2. craft pickaxe | craft sword\n3. mine stone' },
      { text: '1' }, // selector: craft pickaxe
      { text: 'The pickaxe broke on stone; no table nearby.' }, // describer
      { text: 'A crafting table is needed before mining stone.' }, // explainer
      { text: '1. craft table\n2. mine stone' }, // re-plan
    ]);
    const inventory: string[] = [];
    const result = await deps({
      model,
      task: 'Mine stone.',
      execute: (goal) => {
        if (goal === 'mine stone' && !inventory.includes('craft table'))
          return { success: false, observation: 'cannot mine: no table' };
        inventory.push(goal);
        return { success: true, observation: `done: ${goal}` };
      },
    });
    expect(result.stopReason).toBe('final-answer');
    expect(result.trace.map((call) => call.role)).toEqual([
      'planner',
      'tool',
      'selector',
      'tool',
      'tool',
      'describer',
      'explainer',
      'planner',
      'tool',
      'tool',
    ]);
    expect(promptText(model.calls[4]!.options)).toContain(
      '1. A crafting table is needed before mining stone.',
    );
    expect(result.answer).toBe('craft table → mine stone');
    expect(result.executed).toHaveLength(5);
    model.assertComplete();
  });

  it('uses a selector function without a model call, and stops after maximumReplans', async () => {
    const model = createScriptedModel([
      { text: '1. go north | go south' },
      { text: 'blocked' },
      { text: 'the south is walled' },
      { text: '1. go north | go south' },
    ]);
    const result = await deps({
      model,
      task: 'Leave the room.',
      select: (alternatives) => alternatives.indexOf('go south'),
      execute: () => ({ success: false, observation: 'wall' }),
      maximumReplans: 1,
    });
    expect(result.stopReason).toBe('iteration-limit');
    expect(result.trace.filter((call) => call.role === 'selector')).toHaveLength(0);
    expect(result.executed?.map((record) => record.goal)).toEqual(['go south', 'go south']);
  });
});
