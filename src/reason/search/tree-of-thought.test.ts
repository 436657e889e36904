import { describe, expect, it } from 'vitest';
import { createScriptedModel } from '../../model/index.js';
import { promptText } from '../prompt-text.js';
import { countSolutions, game24Root, game24Task, parseProposals, solves24 } from './game-24.js';
import { createScriptedGame24Model } from './scripted-game-24-model.js';
import { treeOfThought } from './tree-of-thought.js';

describe('Game of 24 helpers', () => {
  it('checks solutions exactly, fractions included', () => {
    expect(solves24([4, 9, 10, 13], ['13 - 9 = 4', '10 - 4 = 6', '4 * 6 = 24'])).toBe(true);
    expect(solves24([4, 9, 10, 13], ['13 - 9 = 4', '10 - 4 = 6', '4 * 6 = 25'])).toBe(false);
    expect(solves24([4, 9, 10, 13], ['13 - 9 = 4', '10 - 4 = 6'])).toBe(false);
    expect(
      solves24([3, 3, 8, 8], ['8 / 3 = 2.666667', '3 - 2.666667 = 0.333333', '8 / 0.333333 = 24.000024']),
    ).toBe(true);
    expect(countSolutions([1, 1, 1, 1])).toBe(0);
    expect(countSolutions([3, 3, 8, 8])).toBeGreaterThan(0);
  });

  it('parses proposals and drops steps that use numbers not on the table', () => {
    const children = parseProposals(
      game24Root([4, 9, 10, 13]),
      '13 - 9 = 4 (left: 4 4 10)\n7 * 2 = 14 (left: ...)\nnot a step\n4 + 9 = 13 (left: 10 13 13)',
    );
    expect(children.map((child) => child.numbers)).toEqual([
      [4, 10, 4],
      [10, 13, 13],
    ]);
  });
});

describe('treeOfThought', () => {
  const task = game24Task();

  it('beam search: proposes, values each child, keeps the best and stops at the first solution', async () => {
    const model = createScriptedModel([
      { text: '4 * 6 = 24 (left: 24 2)\n4 + 6 = 10 (left: 10 2)' },
      { text: 'sure' },
      { text: 'impossible' },
      { text: '24 * 2 = 48 (left: 48)\n24 / 2 = 12\n2 - 24 = -22' },
      { text: '10 + 2 = 12' },
    ]);
    const result = await treeOfThought({
      model,
      root: game24Root([4, 6, 2]),
      ...task,
      search: 'beam',
      breadth: 2,
    });
    expect(result.stopReason).toBe('search-exhausted');
    // Single numbers other than 24 are dead ends: neither valued nor expanded.
    expect(result.trace.map((call) => call.role)).toEqual([
      'proposer',
      'valuer',
      'valuer',
      'proposer',
      'proposer',
    ]);
    // The best-valued child ("sure") is expanded first.
    expect(promptText(model.calls[3]!.options)).toContain('Input: 2 24');
    expect(promptText(model.calls[4]!.options)).toContain('Input: 2 10');
    model.assertComplete();
  });

  it('stops as soon as a child is a solution, without valuing it', async () => {
    const model = createScriptedModel([{ text: '4 * 6 = 24 (left: 24)' }]);
    const result = await treeOfThought({ model, root: game24Root([4, 6]), ...task });
    expect(result.stopReason).toBe('accepted');
    expect(result.answer).toBe('4 * 6 = 24');
    expect(result.nodesExpanded).toBe(1);
    expect(model.calls).toHaveLength(1);
  });

  it('dfs backtracks after a dead end and prunes children below the threshold', async () => {
    const model = createScriptedModel([
      { text: '4 + 6 = 10 (left: 10 1)\n4 - 1 = 3 (left: 3 6)\n6 - 1 = 5' },
      { text: 'likely' },
      { text: 'sure' },
      { text: 'impossible' },
      { text: '3 * 6 = 18' },
      { text: 'impossible' },
      { text: '10 + 1 = 11' },
      { text: 'impossible' },
    ]);
    const result = await treeOfThought({
      model,
      root: game24Root([4, 6, 1]),
      ...task,
      search: 'dfs',
      pruneBelow: 0.5,
    });
    expect(result.stopReason).toBe('search-exhausted');
    // Expanded: root, then "3 6" (sure), then backtracked to "10 1" (likely); "5 4" was pruned.
    expect(result.trace.filter((call) => call.role === 'proposer').map((call) => call.purpose)).toEqual([
      'propose from 4 6 1',
      'propose from 6 3',
      'propose from 1 10',
    ]);
  });

  it('stops with iteration-limit at the node budget, and with step-limit on the call budget', async () => {
    const nodes = await treeOfThought({
      model: createScriptedGame24Model({ seed: 1, proposals: 4, valueNoise: 0 }),
      root: game24Root([1, 1, 1, 2]),
      ...task,
      maximumNodes: 3,
    });
    expect(nodes.stopReason).toBe('iteration-limit');
    expect(nodes.nodesExpanded).toBe(3);
    const calls = await treeOfThought({
      model: createScriptedGame24Model({ seed: 1 }),
      root: game24Root([1, 1, 1, 1]),
      ...task,
      limits: { steps: 4 },
    });
    expect(calls.stopReason).toBe('step-limit');
    expect(calls.usage.steps).toBe(4);
  });

  it('solves a puzzle when the proposer lists every legal step and the valuer is exact', async () => {
    const result = await treeOfThought({
      model: createScriptedGame24Model({ seed: 7, proposals: 40, valueNoise: 0 }),
      root: game24Root([4, 9, 10, 13]),
      ...task,
      search: 'beam',
      breadth: 5,
    });
    expect(result.stopReason).toBe('accepted');
    expect(solves24([4, 9, 10, 13], (result.answer as string).split('\n'))).toBe(true);
  });
});
