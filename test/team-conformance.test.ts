// The team conformance suite: scripted members that misbehave on purpose. Each team must end with
// the right typed stop reason, within its budget (zero overrun), after the model calls it says.
import { describe, expect, it } from 'vitest';
import { createTeam, type TeamEvent, type TeamResult } from '../src/team/index.js';
import { call, count, inputOf, promptText, scripted, searchTool } from './team-helpers.js';

const noOverrun = {
  steps: 0,
  inputTokens: 0,
  outputTokens: 0,
  totalTokens: 0,
  costUsd: 0,
  toolCalls: 0,
  durationMs: 0,
};

function sumOfAgents(result: TeamResult) {
  const total = { steps: 0, inputTokens: 0, outputTokens: 0, toolCalls: 0 };
  for (const usage of Object.values(result.agents)) {
    total.steps += usage.steps;
    total.inputTokens += usage.inputTokens;
    total.outputTokens += usage.outputTokens;
    total.toolCalls += usage.toolCalls;
  }
  return total;
}

function expectAttributed(result: TeamResult) {
  const { steps, inputTokens, outputTokens, toolCalls } = result.usage;
  expect(sumOfAgents(result)).toEqual({ steps, inputTokens, outputTokens, toolCalls });
}

describe('team conformance: misbehaving agents stop with a typed reason and no overrun', () => {
  it('two agents handing off to each other forever: handoff-cycle after one silent round trip', async () => {
    const a = scripted([call('transfer_to_b')], true);
    const b = scripted([call('transfer_to_a')], true);
    const team = createTeam({
      members: [
        { name: 'a', model: a, handoffs: ['b'] },
        { name: 'b', model: b, handoffs: ['a'] },
      ],
      pattern: { type: 'handoff', entry: 'a', maxHandoffs: 50 },
      budget: { steps: 100 },
    });
    const result = await team.run('Help me.');
    expect(result.stopReason).toBe('handoff-cycle');
    expect(result.stopMessage).toContain('a → b → a');
    expect([a.calls.length, b.calls.length]).toEqual([1, 1]);
    expect(result.handoffs.map((h) => `${h.from}>${h.to}`)).toEqual(['a>b', 'b>a']);
    expect(result.overrun).toEqual(noOverrun);
    expectAttributed(result);
  });

  it('ping-pong with words: the repeated round trip is a cycle too', async () => {
    const a = scripted([{ text: 'Over to you, B.', ...call('transfer_to_b') }], true);
    const b = scripted([{ text: 'Back to you, A.', ...call('transfer_to_a') }], true);
    const team = createTeam({
      members: [
        { name: 'a', model: a, handoffs: ['b'] },
        { name: 'b', model: b, handoffs: ['a'] },
      ],
      pattern: { type: 'handoff', entry: 'a' },
      budget: { steps: 100 },
    });
    const result = await team.run('Help me.');
    expect(result.stopReason).toBe('handoff-cycle');
    expect([a.calls.length, b.calls.length]).toEqual([2, 2]);
    expect(result.usage.steps).toBe(4);
  });

  it('ping-pong that says something new each time is stopped by the hop cap (max-rounds)', async () => {
    const a = scripted([(_o, i) => ({ text: `Attempt ${i}.`, ...call('transfer_to_b') })], true);
    const b = scripted([(_o, i) => ({ text: `Reply ${i}.`, ...call('transfer_to_a') })], true);
    const team = createTeam({
      members: [
        { name: 'a', model: a, handoffs: ['b'] },
        { name: 'b', model: b, handoffs: ['a'] },
      ],
      pattern: { type: 'handoff', entry: 'a', maxHandoffs: 5 },
      budget: { steps: 100 },
    });
    const result = await team.run('Help me.');
    expect(result.stopReason).toBe('max-rounds');
    expect(result.handoffs).toHaveLength(6);
    expect(a.calls.length + b.calls.length).toBe(6);
  });

  it('a supervisor delegating to itself: handoff-cycle, the self-call is never run', async () => {
    const boss = scripted([call('boss', { task: 'Do the task.' })], true);
    const team = createTeam({
      members: [{ name: 'boss', model: boss, workers: ['boss'] }],
      pattern: { type: 'supervisor', root: 'boss' },
      budget: { steps: 20 },
    });
    const result = await team.run('Do the task.');
    expect(result.stopReason).toBe('handoff-cycle');
    expect(result.stopMessage).toContain('boss → boss');
    expect(boss.calls).toHaveLength(1);
    expect(result.agents.boss.runs).toBe(1);
    expect(result.overrun).toEqual(noOverrun);
  });

  it('delegation back to an ancestor (a → b → a) is the same cycle', async () => {
    const a = scripted([call('b', { task: 'Check this.' })], true);
    const b = scripted([call('a', { task: 'Check this.' })], true);
    const team = createTeam({
      members: [
        { name: 'a', model: a, workers: ['b'] },
        { name: 'b', model: b, workers: ['a'] },
      ],
      pattern: { type: 'supervisor', root: 'a' },
    });
    const result = await team.run('Check this.');
    expect(result.stopReason).toBe('handoff-cycle');
    expect(result.stopMessage).toContain('a → b → a');
    expect([a.calls.length, b.calls.length]).toEqual([1, 1]);
  });

  it('a worker that never finishes spends the team budget to the step and no further', async () => {
    const boss = scripted([call('worker', { task: 'Research everything.' })]);
    const worker = scripted([(_o, i) => call('search', { q: `topic ${i}` })], true);
    const team = createTeam({
      members: [
        { name: 'boss', model: boss, workers: ['worker'] },
        { name: 'worker', model: worker, tools: [searchTool()] },
      ],
      pattern: { type: 'supervisor', root: 'boss' },
      budget: { steps: 8 },
    });
    const result = await team.run('Research everything.');
    expect(result.stopReason).toBe('budget');
    expect(result.usage.steps).toBe(8);
    expect([boss.calls.length, worker.calls.length]).toEqual([1, 7]);
    expect(result.agents.worker).toMatchObject({ steps: 7, toolCalls: 7 });
    expect(result.agents.boss).toMatchObject({ steps: 1, toolCalls: 1 });
    expect(result.overrun).toEqual(noOverrun);
    expectAttributed(result);
  });

  it('a worker with a sub-budget that never finishes is cut at its sub-budget; the supervisor goes on', async () => {
    const boss = scripted([call('worker', { task: 'Research everything.' }), { text: 'Partial answer.' }]);
    const worker = scripted([(_o, i) => call('search', { q: `topic ${i}` })], true);
    const team = createTeam({
      members: [
        { name: 'boss', model: boss, workers: ['worker'] },
        { name: 'worker', model: worker, tools: [searchTool()], budget: { steps: 3 } },
      ],
      pattern: { type: 'supervisor', root: 'boss' },
      budget: { steps: 20 },
    });
    const result = await team.run('Research everything.');
    expect(result).toMatchObject({ stopReason: 'done', text: 'Partial answer.' });
    expect(worker.calls).toHaveLength(3);
    expect(promptText(boss.calls[1].options)).toContain('worker ran out of its budget before answering');
    expect(result.usage.steps).toBe(5);
  });

  it('a worker repeating the same tool call stops the team with no-progress', async () => {
    const log: string[] = [];
    const boss = scripted([call('worker', { task: 'Look it up.' })]);
    const worker = scripted([call('search', { q: 'same' })], true);
    const team = createTeam({
      members: [
        { name: 'boss', model: boss, workers: ['worker'] },
        { name: 'worker', model: worker, tools: [searchTool(log)] },
      ],
      pattern: { type: 'supervisor', root: 'boss' },
      budget: { steps: 50 },
    });
    const result = await team.run('Look it up.');
    expect(result.stopReason).toBe('no-progress');
    expect(result.stoppedBy).toBe('worker');
    expect(worker.calls).toHaveLength(3);
    expect(log).toEqual(['same', 'same', 'same']);
    expect(boss.calls).toHaveLength(1);
  });

  it('a debate that never converges ends with max-rounds and the judge decides', async () => {
    const debaters = ['x', 'y', 'z'].map((name, index) => ({
      name,
      model: scripted([{ text: `I hold ${index + 1}. Answer: ${index + 1}` }], true),
    }));
    const judge = scripted([{ text: 'Weighing them, 2. Answer: 2' }]);
    const team = createTeam({
      members: [...debaters, { name: 'judge', model: judge }],
      pattern: { type: 'debate', debaters: ['x', 'y', 'z'], rounds: 3, judge: 'judge' },
      budget: { steps: 30 },
    });
    const result = await team.run('What is the answer?');
    expect(result).toMatchObject({ stopReason: 'max-rounds', text: '2', rounds: 3 });
    expect(debaters.map((d) => d.model.calls.length)).toEqual([3, 3, 3]);
    expect(judge.calls).toHaveLength(1);
    const judgeInput = inputOf(judge.calls[0].options);
    for (const n of [1, 2, 3]) expect(judgeInput).toContain(`I hold ${n}. Answer: ${n}`);
    expect(result.overrun).toEqual(noOverrun);
  });

  it('a debate that never converges on a tiny budget stops with budget before the call that would overrun', async () => {
    const debaters = ['x', 'y'].map((name, index) => ({
      name,
      model: scripted([{ text: `Answer: ${index}` }], true),
    }));
    const team = createTeam({
      members: debaters,
      pattern: { type: 'debate', debaters: ['x', 'y'], rounds: 10 },
      budget: { steps: 5 },
    });
    const result = await team.run('Pick.');
    expect(result.stopReason).toBe('budget');
    expect(result.usage.steps).toBe(5);
    expect(debaters[0].model.calls.length + debaters[1].model.calls.length).toBe(5);
    expect(result.overrun).toEqual(noOverrun);
  });

  it('a speaker selector that keeps choosing a member that is not there: fallback in turn, no livelock', async () => {
    const selector = scripted([{ text: 'zed' }], true);
    const a = scripted([(_o, i) => ({ text: `a's point ${i}` })], true);
    const b = scripted([(_o, i) => ({ text: `b's point ${i}` })], true);
    const team = createTeam({
      members: [
        { name: 'a', model: a },
        { name: 'b', model: b },
        { name: 'selector', model: selector },
      ],
      pattern: { type: 'group', members: ['a', 'b'], speaker: { selector: 'selector' }, maxTurns: 5 },
      budget: { steps: 40 },
    });
    const events: TeamEvent[] = [];
    const stream = team.stream('Plan the launch.');
    for await (const event of stream) events.push(event);
    const result = await stream.result;
    expect(result.stopReason).toBe('max-rounds');
    const speakers = events.filter((e) => e.type === 'speaker');
    expect(speakers.map((e) => `${e.agent}:${e.chosenBy}`)).toEqual([
      'a:fallback',
      'b:fallback',
      'a:fallback',
      'b:round-robin',
      'a:round-robin',
    ]);
    expect(speakers.slice(0, 3).every((e) => e.rejected === 'zed')).toBe(true);
    expect(selector.calls).toHaveLength(3);
    expect([a.calls.length, b.calls.length]).toEqual([3, 2]);
  });

  it('nested delegation 5 levels deep with a tiny token budget: budget, zero overrun at every size', async () => {
    const names = ['l1', 'l2', 'l3', 'l4', 'l5'];
    const build = (totalTokens?: number) => {
      const models = names.map((_name, index) =>
        scripted(
          index < 4
            ? [
                call(names[index + 1], { task: `Level ${index + 2}: dig deeper into the question.` }),
                { text: 'ok' },
              ]
            : [{ text: 'The deepest answer, written at some length so that it costs output tokens.' }],
        ),
      );
      const team = createTeam({
        members: names.map((name, index) => ({
          name,
          model: models[index],
          ...(index < 4 ? { workers: [names[index + 1]] } : {}),
        })),
        pattern: { type: 'supervisor', root: 'l1' },
        ...(totalTokens === undefined ? {} : { budget: { totalTokens } }),
      });
      return { team, models };
    };
    const free = build();
    const full = await free.team.run('Level 1: the question.');
    expect(full.stopReason).toBe('done');
    expect(free.models.map((m) => m.calls.length)).toEqual([2, 2, 2, 2, 1]);
    const needed = full.usage.inputTokens + full.usage.outputTokens;

    const tiny = build(300);
    const result = await tiny.team.run('Level 1: the question.');
    expect(result.stopReason).toBe('budget');
    expect(result.stopMessage).toContain('totalTokens');
    expect(result.overrun).toEqual(noOverrun);
    expect(result.usage.inputTokens + result.usage.outputTokens).toBeLessThanOrEqual(300);
    expectAttributed(result);
    // Every model call that was made fitted: the refused one was never sent.
    expect(tiny.models.reduce((n, m) => n + m.calls.length, 0)).toBe(result.usage.steps);

    // Any budget smaller than the whole run stops it with `budget`, never one token over.
    for (let limit = 20; limit < needed + 200; limit += 20) {
      const { team } = build(limit);
      const run = await team.run('Level 1: the question.');
      expect(run.overrun.totalTokens, `limit ${limit}`).toBe(0);
      expect(run.stopReason, `limit ${limit}`).toBe(run.usage.steps === 9 ? 'done' : 'budget');
    }
  });

  it('a handoff history passed on twice never duplicates a tool item', async () => {
    const a = scripted([
      call('search', { q: 'refund policy' }),
      { text: 'Found the policy.', ...call('transfer_to_b') },
    ]);
    const b = scripted([{ text: 'Passing to C.', ...call('transfer_to_c') }]);
    const c = scripted([{ text: 'Refunds take 5 days.' }]);
    const team = createTeam({
      members: [
        { name: 'a', model: a, tools: [searchTool()], handoffs: ['b'] },
        { name: 'b', model: b, handoffs: ['c'] },
        { name: 'c', model: c },
      ],
      pattern: { type: 'handoff', entry: 'a' },
    });
    const result = await team.run('How long do refunds take?');
    expect(result).toMatchObject({ stopReason: 'done', text: 'Refunds take 5 days.' });
    const seenByC = promptText(c.calls[0].options);
    expect(count(seenByC, 'called search(')).toBe(1);
    expect(count(seenByC, 'notes about refund policy')).toBe(1);
    expect(count(promptText(b.calls[0].options), 'called search(')).toBe(1);
    expect(inputOf(c.calls[0].options)).toBe(
      [
        '[user] How long do refunds take?',
        '[a] Found the policy.',
        '[a] called search({"q":"refund policy"}) → notes about refund policy',
        '[a] handed off to b',
        '[b] Passing to C.',
        '[b] handed off to c',
        '',
        'You are c and now have control: answer the user, or hand off if another agent should take over.',
      ].join('\n'),
    );
  });

  it('a dollar budget: the call that could cost more than is left is never sent', async () => {
    // Priced as gpt-4o-mini ($0.15 / $0.60 per million tokens); each call is a few hundred tokens.
    const talker = scripted(
      [(_o, i) => ({ text: `Point ${i}, at some length to cost a little more.` })],
      true,
    );
    const team = createTeam({
      members: [{ name: 'talker', model: talker, modelName: 'openai:gpt-4o-mini' }],
      pattern: { type: 'group', members: ['talker'], maxTurns: 1000 },
      budget: { costUsd: 0.0003 },
    });
    const result = await team.run('Talk.');
    expect(result.stopReason).toBe('budget');
    expect(result.stopMessage).toContain('costUsd');
    expect(result.usage.costUsd).toBeGreaterThan(0);
    expect(result.usage.costUsd).toBeLessThanOrEqual(0.0003);
    expect(result.overrun).toEqual(noOverrun);
    expect(talker.calls).toHaveLength(result.usage.steps);
  });

  it('a tool-call budget: the call past it is refused, then the team stops with budget', async () => {
    const log: string[] = [];
    const boss = scripted([call('worker', { task: 'Search a lot.' })]);
    const worker = scripted([(_o, i) => call('search', { q: `q${i}` })], true);
    const team = createTeam({
      members: [
        { name: 'boss', model: boss, workers: ['worker'] },
        { name: 'worker', model: worker, tools: [searchTool(log)] },
      ],
      pattern: { type: 'supervisor', root: 'boss' },
      budget: { toolCalls: 4, steps: 50 },
    });
    const result = await team.run('Search a lot.');
    expect(result.stopReason).toBe('budget');
    expect(result.usage.toolCalls).toBe(4);
    expect(log).toEqual(['q0', 'q1', 'q2']);
    expect(result.overrun).toEqual(noOverrun);
  });

  it('a time budget aborts the call in flight at the deadline', async () => {
    const slow = scripted([{ text: 'late', delayMs: 30_000 }]);
    const team = createTeam({
      members: [{ name: 'slow', model: slow }],
      pattern: { type: 'group', members: ['slow'], maxTurns: 3 },
      budget: { durationMs: 200 },
    });
    const result = await team.run('Hurry.');
    expect(result.stopReason).toBe('budget');
    expect(result.stopMessage).toContain('time budget');
    expect(result.usage.elapsedMs).toBeLessThan(20_000);
  }, 60_000);

  it("the caller's abort stops the team with aborted", async () => {
    const slow = scripted([{ text: 'late', delayMs: 30_000 }]);
    const team = createTeam({
      members: [{ name: 'slow', model: slow }],
      pattern: { type: 'group', members: ['slow'], maxTurns: 3 },
    });
    const controller = new AbortController();
    const pending = team.run('Hurry.', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const result = await pending;
    expect(result.stopReason).toBe('aborted');
  }, 60_000);
});
