import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Budget, createAgent, durationIs, tokenCountIs } from '../src/agent/index.js';
import { createScriptedModel, type ScriptedStep, setModelPrice } from '../src/model/index.js';
import { defineTool } from '../src/tool/index.js';

let counter = 0;
const counterTool = defineTool({
  name: 'next_number',
  description: 'Returns a new number each time.',
  input: z.object({ n: z.number() }),
  execute: () => ++counter,
});
const echo = defineTool({
  name: 'echo',
  description: 'Returns its input.',
  input: z.object({ text: z.string() }),
  execute: ({ text }) => text,
});
const constant = defineTool({
  name: 'status',
  description: 'Always the same answer.',
  input: z.object({ query: z.string() }),
  execute: () => 'pending',
});

/** A model that calls `tool` with fresh arguments every turn, until it is told to stop (no tools). */
function loopingModel(
  call: (index: number) => { toolName: string; input: unknown },
  answer = 'best effort answer',
) {
  const step: ScriptedStep = (options, index) =>
    options.toolChoice?.type === 'none'
      ? { text: answer }
      : { toolCalls: [call(index)], usage: { inputTokens: 100, outputTokens: 10 } };
  return createScriptedModel([step], { loop: true });
}

describe('stop conditions, each with the forced final answer', () => {
  it('step limit (default cap 20): one last turn without tools, then the answer', async () => {
    const model = loopingModel((i) => ({ toolName: 'next_number', input: { n: i } }));
    const result = await createAgent({ model, tools: [counterTool] }).run('count forever');
    expect(result).toMatchObject({
      stopReason: 'step-limit',
      forcedFinalAnswer: true,
      text: 'best effort answer',
      steps: 21,
    });
    const last = model.calls.at(-1)!.options;
    expect(last.toolChoice).toEqual({ type: 'none' });
    expect(JSON.stringify(last.prompt)).toContain('Stop now: The run reached its step');
  });

  it('finalAnswerOnStop: false stops without the extra turn', async () => {
    const model = loopingModel((i) => ({ toolName: 'next_number', input: { n: i } }));
    const result = await createAgent({
      model,
      tools: [counterTool],
      limits: { steps: 3 },
      finalAnswerOnStop: false,
    }).run('?');
    expect(result).toMatchObject({ stopReason: 'step-limit', forcedFinalAnswer: false, text: '', steps: 3 });
  });

  it('token limits: budget and predicate', async () => {
    const model = loopingModel((i) => ({ toolName: 'next_number', input: { n: i } }));
    const byBudget = await createAgent({ model, tools: [counterTool], limits: { inputTokens: 250 } }).run(
      '?',
    );
    expect(byBudget).toMatchObject({ stopReason: 'token-limit', steps: 4 });
    const model2 = loopingModel((i) => ({ toolName: 'next_number', input: { n: i } }));
    const byPredicate = await createAgent({
      model: model2,
      tools: [counterTool],
      stopWhen: [tokenCountIs({ output: 20 })],
    }).run('?');
    expect(byPredicate).toMatchObject({ stopReason: 'token-limit', steps: 3 });
  });

  it('cost limit, from the price table', async () => {
    setModelPrice('test:priced', { inputPerMillion: 1000, outputPerMillion: 1000 });
    const model = loopingModel((i) => ({ toolName: 'next_number', input: { n: i } }));
    const result = await createAgent({
      model,
      modelName: 'test:priced',
      tools: [counterTool],
      limits: { costUsd: 0.3 },
    }).run('?');
    // 110 tokens at $1000 per million = $0.11 per step: the limit is reached after 3 steps.
    expect(result).toMatchObject({ stopReason: 'cost-limit', steps: 4 });
    expect(result.usage.costUsd).toBeGreaterThan(0.3);
  });

  it('time limit', async () => {
    const slowEcho = defineTool({
      ...echo,
      name: 'slow_echo',
      execute: async ({ text }) => new Promise((r) => setTimeout(() => r(text), 30)),
    });
    const model = loopingModel((i) => ({ toolName: 'slow_echo', input: { text: `t${i}` } }));
    const result = await createAgent({ model, tools: [slowEcho], stopWhen: [durationIs(80)] }).run('?');
    expect(result.stopReason).toBe('time-limit');
    expect(result.steps).toBeLessThan(8);
  });

  it('tool-call limit', async () => {
    const model = loopingModel((i) => ({ toolName: 'next_number', input: { n: i } }));
    const result = await createAgent({ model, tools: [counterTool], limits: { toolCalls: 2 } }).run('?');
    expect(result).toMatchObject({ stopReason: 'tool-call-limit', forcedFinalAnswer: true });
    expect(result.usage.toolCalls).toBe(2);
  });

  it('the same tool with the same arguments three times', async () => {
    const model = loopingModel(() => ({ toolName: 'echo', input: { text: 'same' } }));
    const result = await createAgent({ model, tools: [echo] }).run('?');
    expect(result).toMatchObject({ stopReason: 'repeated-tool-call', steps: 4, forcedFinalAnswer: true });
    expect(result.stopMessage).toContain("'echo' was called 3 times");
  });

  it('no progress: different arguments, the same observation three steps running', async () => {
    const model = loopingModel((i) => ({ toolName: 'status', input: { query: `attempt ${i}` } }));
    const result = await createAgent({ model, tools: [constant] }).run('?');
    expect(result).toMatchObject({ stopReason: 'no-progress', steps: 4 });
  });
});

describe('budgets shared by nested agents', () => {
  it('a sub-agent draws from its parent budget and its spending shows in the parent', async () => {
    const childModel = loopingModel(
      (i) => ({ toolName: 'next_number', input: { n: 100 + i } }),
      'child answer',
    );
    const child = createAgent({
      name: 'researcher',
      model: childModel,
      tools: [counterTool],
      limits: { steps: 50 },
    });
    const parentModel = createScriptedModel([
      {
        toolCalls: [{ toolName: 'researcher', input: { task: 'count' } }],
        usage: { inputTokens: 10, outputTokens: 1 },
      },
      { text: 'parent done', usage: { inputTokens: 10, outputTokens: 1 } },
    ]);
    const parent = createAgent({ model: parentModel, tools: [child.asTool()], limits: { toolCalls: 4 } });
    const result = await parent.run('delegate');
    // The parent allows 4 tool calls: its own delegation plus 3 of the child's, then the child stops.
    expect(result.text).toBe('parent done');
    expect(result.usage.toolCalls).toBe(4);
    // Parent usage includes the child's model calls (100 input tokens each).
    expect(result.usage.inputTokens).toBeGreaterThanOrEqual(20 + 300);
    const childAnswer = result.messages[2];
    expect(childAnswer).toMatchObject({
      role: 'tool',
      results: [{ output: 'child answer', isError: false }],
    });
  });

  it('Budget.exhausted reports whose limit ran out', () => {
    const parent = new Budget({ toolCalls: 2 });
    const child = parent.child({ toolCalls: 10 });
    child.charge({ toolCalls: 2 });
    expect(parent.used.toolCalls).toBe(2);
    expect(child.exhausted()).toMatchObject({ kind: 'toolCalls', owner: 'parent', limit: 2 });
    expect(child.allows('toolCalls')).toBe(false);
  });
});

describe('the forced last answer in the text protocols', () => {
  it('json: the last turn may only carry final_answer', async () => {
    const step: ScriptedStep = (options) =>
      JSON.stringify(options.responseFormat).includes('"tool"')
        ? { text: '{"tool": "next_number", "arguments": {"n": 1}}' }
        : { text: '{"final_answer": "stopped early"}' };
    const model = createScriptedModel([step], { loop: true });
    const result = await createAgent({
      model,
      tools: [counterTool],
      protocol: 'json',
      limits: { steps: 2 },
    }).run('?');
    expect(result).toMatchObject({
      stopReason: 'step-limit',
      forcedFinalAnswer: true,
      text: 'stopped early',
    });
    expect(model.calls.at(-1)!.options.responseFormat).toMatchObject({
      schema: { required: ['final_answer'] },
    });
  });

  it('react: the last turn has no tools and no Observation stop sequence', async () => {
    const step: ScriptedStep = (options) =>
      options.stopSequences
        ? { text: 'Action: next_number\nAction Input: {"n": 2}' }
        : { text: 'Thought: enough.\nFinal Answer: 42' };
    const model = createScriptedModel([step], { loop: true });
    const result = await createAgent({
      model,
      tools: [counterTool],
      protocol: 'react',
      limits: { steps: 2 },
    }).run('?');
    expect(result).toMatchObject({ stopReason: 'step-limit', forcedFinalAnswer: true, text: '42' });
    expect(JSON.stringify(model.calls.at(-1)!.options.prompt)).toContain('No tools can be used now');
  });
});
