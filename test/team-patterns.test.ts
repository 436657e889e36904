// The happy path of each pattern, with the exact model calls made and the exact inputs each
// member was given; then approvals raised deep in a team, and resuming after a crash.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { approveToolCall } from '../src/agent/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { createTeam, type TeamEvent } from '../src/team/index.js';
import { defineTool } from '../src/tool/index.js';
import { call, inputOf, promptText, scripted, searchTool } from './team-helpers.js';

describe('supervisor', () => {
  it('delegates to a worker that returns its answer, not its transcript', async () => {
    const boss = scripted([
      call('researcher', { task: 'Find the population of Lyon.' }),
      { text: 'Lyon has about 522,000 people.' },
    ]);
    const researcher = scripted([
      call('search', { q: 'Lyon population' }),
      { text: '522,000 (2021 census).' },
    ]);
    const team = createTeam({
      members: [
        { name: 'boss', model: boss, workers: ['researcher'], instructions: 'You lead.' },
        { name: 'researcher', model: researcher, tools: [searchTool()], description: 'Finds facts.' },
      ],
      pattern: { type: 'supervisor', root: 'boss' },
      budget: { steps: 10 },
    });
    const result = await team.run('How many people live in Lyon?');
    expect(result).toMatchObject({ stopReason: 'done', text: 'Lyon has about 522,000 people.' });
    expect([boss.calls.length, researcher.calls.length]).toEqual([2, 2]);
    expect(inputOf(boss.calls[0].options)).toBe('How many people live in Lyon?');
    expect(inputOf(researcher.calls[0].options)).toBe('Find the population of Lyon.');
    const tools = boss.calls[0].options.tools?.map((tool) => [
      tool.name,
      'description' in tool && tool.description,
    ]);
    expect(tools).toEqual([['researcher', 'Finds facts.']]);
    const second = promptText(boss.calls[1].options);
    expect(second).toContain('522,000 (2021 census).');
    expect(second).not.toContain('notes about Lyon population');
    expect(result.agents).toMatchObject({
      boss: { steps: 2, toolCalls: 1, runs: 1 },
      researcher: { steps: 2, toolCalls: 1, runs: 1 },
    });
    expect(result.usage.steps).toBe(4);
  });

  it("returns the worker's whole turn when asked, or a typed result checked against its schema", async () => {
    const boss = scripted([
      {
        toolCalls: [
          { toolName: 'scout', input: { task: 'Look.' } },
          { toolName: 'census', input: { task: 'Count.' } },
        ],
      },
      call('census', { task: 'Count again.' }),
      { text: 'Done.' },
    ]);
    const scout = scripted([call('search', { q: 'Lyon' }), { text: 'Seen it.' }]);
    const census = scripted([
      { text: '{"city": "Lyon", "population": 522000}' },
      { text: 'about half a million' },
    ]);
    const team = createTeam({
      members: [
        { name: 'boss', model: boss, workers: ['scout', 'census'] },
        { name: 'scout', model: scout, tools: [searchTool()], returns: 'transcript' },
        { name: 'census', model: census, result: z.object({ city: z.string(), population: z.number() }) },
      ],
      pattern: { type: 'supervisor', root: 'boss' },
    });
    const result = await team.run('Survey Lyon.');
    expect(result.stopReason).toBe('done');
    const second = promptText(boss.calls[1].options);
    expect(second).toContain('called search({\\"q\\":\\"Lyon\\"}) → notes about Lyon');
    expect(second).toContain('"value":{"city":"Lyon","population":522000}');
    const third = promptText(boss.calls[2].options);
    expect(third).toContain('census answered, but not with the expected result (no JSON found)');
  });
});

describe('handoff', () => {
  const setup = (history?: 'full' | 'summary' | 'none' | { lastN: number }) => {
    const triage = scripted([
      call('search', { q: 'invoice 42' }),
      {
        text: 'This is a billing question.',
        toolCalls: [{ toolName: 'transfer_to_billing', input: { note: 'invoice 42' } }],
      },
    ]);
    const billing = scripted([{ text: 'Invoice 42 was paid on 3 May.' }]);
    const team = createTeam({
      members: [
        { name: 'triage', model: triage, tools: [searchTool()], handoffs: ['billing'] },
        { name: 'billing', model: billing, description: 'Answers billing questions.' },
      ],
      pattern: { type: 'handoff', entry: 'triage', ...(history ? { history } : {}) },
    });
    return { triage, billing, team };
  };
  const tail =
    '\n\nYou are billing and now have control: answer the user, or hand off if another agent should take over.';

  it('moves control with the full history (tool items once) and only to allowed members', async () => {
    const { triage, billing, team } = setup();
    const result = await team.run('Was invoice 42 paid?');
    expect(result).toMatchObject({ stopReason: 'done', text: 'Invoice 42 was paid on 3 May.' });
    expect(result.handoffs).toEqual([{ from: 'triage', to: 'billing', note: 'invoice 42' }]);
    expect([triage.calls.length, billing.calls.length]).toEqual([2, 1]);
    expect(triage.calls[0].options.tools?.map((t) => t.name)).toEqual(['search', 'transfer_to_billing']);
    expect(billing.calls[0].options.tools ?? []).toEqual([]);
    expect(inputOf(billing.calls[0].options)).toBe(
      `[user] Was invoice 42 paid?\n[triage] This is a billing question.\n[triage] called search({"q":"invoice 42"}) → notes about invoice 42\n[triage] handed off to billing: invoice 42${tail}`,
    );
  });

  it.each([
    [
      'summary',
      `[user] Was invoice 42 paid?\n[triage] This is a billing question.\n[triage] handed off to billing: invoice 42${tail}`,
    ],
    ['none', `[user] Was invoice 42 paid?${tail}`],
    [{ lastN: 0 }, `[user] Was invoice 42 paid?\n(1 earlier turns left out)${tail}`],
  ] as const)('filters the history: %j', async (history, expected) => {
    const { billing, team } = setup(history);
    await team.run('Was invoice 42 paid?');
    expect(inputOf(billing.calls[0].options)).toBe(expected);
  });
});

describe('debate', () => {
  it('stops as soon as the answers agree (converged), each debater seeing the others', async () => {
    const x = scripted([{ text: 'It is 4. Answer: 4' }, { text: 'Still 4. Answer: 4' }]);
    const y = scripted([{ text: 'It is 5. Answer: 5' }, { text: 'X convinced me. Answer: 4.' }]);
    const team = createTeam({
      members: [
        { name: 'x', model: x, role: 'proponent' },
        { name: 'y', model: y, role: 'critic' },
      ],
      pattern: { type: 'debate', debaters: ['x', 'y'], rounds: 5 },
    });
    const events: TeamEvent[] = [];
    const stream = team.stream('What is 2 + 2?');
    for await (const event of stream) events.push(event);
    const result = await stream.result;
    expect(result).toMatchObject({ stopReason: 'converged', text: '4', rounds: 2 });
    expect([x.calls.length, y.calls.length]).toEqual([2, 2]);
    expect(events.filter((e) => e.type === 'round').map((e) => e.type === 'round' && e.round)).toEqual([
      1, 2,
    ]);
    expect(inputOf(x.calls[0].options)).toBe(
      'What is 2 + 2?\n\nGive your answer with your reasoning. End with a line "Answer: <your final answer>".',
    );
    expect(inputOf(y.calls[1].options)).toBe(
      'What is 2 + 2?\n\nYour last argument:\n\nIt is 5. Answer: 5\n\nThe other agents\' latest arguments:\n\n[x] It is 4. Answer: 4\n\nWeigh them critically, then give your updated answer with your reasoning. End with a line "Answer: <your final answer>".',
    );
    expect(promptText(y.calls[0].options)).toContain('Your role in this team: critic.');
  });

  it('without a judge, the majority answer is taken after the last round', async () => {
    const members = ['a', 'b', 'c'].map((name, i) => ({
      name,
      model: scripted([{ text: `Answer: ${i === 2 ? 'blue' : 'red'}` }], true),
    }));
    const team = createTeam({ members, pattern: { type: 'debate', debaters: ['a', 'b', 'c'], rounds: 2 } });
    const result = await team.run('Which colour?');
    expect(result).toMatchObject({ stopReason: 'max-rounds', text: 'red', rounds: 2 });
  });
});

describe('group', () => {
  it('round-robin on a shared board until a post says DONE', async () => {
    const writer = scripted([{ text: 'Draft: launch on Monday.' }]);
    const critic = scripted([{ text: 'Monday works. DONE' }]);
    const team = createTeam({
      members: [
        { name: 'writer', model: writer },
        { name: 'critic', model: critic },
      ],
      pattern: { type: 'group', members: ['writer', 'critic'], maxTurns: 6 },
    });
    const result = await team.run('Plan the launch.');
    expect(result).toMatchObject({ stopReason: 'done', text: 'Monday works.', rounds: 2 });
    expect(inputOf(critic.calls[0].options)).toBe(
      "Plan the launch.\n\nThe team's board so far:\n\n[writer] Draft: launch on Monday.\n\nYou are critic: add your contribution. Write DONE when the task is complete.",
    );
  });

  it('a selector model or a function picks the speaker', async () => {
    const selector = scripted([{ text: 'Critic.' }, { text: 'writer' }]);
    const writer = scripted([{ text: 'Fixed draft. DONE' }]);
    const critic = scripted([{ text: 'The draft needs a date.' }]);
    const team = createTeam({
      members: [
        { name: 'writer', model: writer },
        { name: 'critic', model: critic, description: 'Finds problems.' },
        { name: 'chair', model: selector },
      ],
      pattern: { type: 'group', members: ['writer', 'critic'], speaker: { selector: 'chair' }, maxTurns: 4 },
    });
    const result = await team.run('Plan the launch.');
    expect(result).toMatchObject({ stopReason: 'done', text: 'Fixed draft.' });
    expect(selector.calls).toHaveLength(2);
    expect(inputOf(selector.calls[0].options)).toContain('- critic: Finds problems.');

    const order: string[] = [];
    const byFunction = createTeam({
      members: [
        { name: 'writer', model: scripted([{ text: 'w' }], true) },
        { name: 'critic', model: scripted([{ text: 'c' }, { text: 'c2' }], true) },
      ],
      pattern: {
        type: 'group',
        members: ['writer', 'critic'],
        maxTurns: 3,
        speaker: ({ turn }) => {
          const next = turn === 1 ? 'writer' : 'critic';
          order.push(next);
          return next;
        },
      },
    });
    const grouped = await byFunction.run('Go.');
    expect(grouped.stopReason).toBe('max-rounds');
    expect(grouped.turns.map((t) => t.agent)).toEqual(['critic', 'writer', 'critic']);
  });

  it('the same post twice is no-progress', async () => {
    const team = createTeam({
      members: [{ name: 'solo', model: scripted([{ text: 'I agree.' }], true) }],
      pattern: { type: 'group', members: ['solo'], maxTurns: 10 },
    });
    const result = await team.run('Discuss.');
    expect(result).toMatchObject({ stopReason: 'no-progress', rounds: 2 });
  });
});

describe('approvals and resume', () => {
  it('an approval raised in a worker two levels down reaches the top and the team resumes there', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const sent: string[] = [];
    const sendEmail = defineTool({
      name: 'send_email',
      description: 'Sends an email.',
      input: z.object({ to: z.string() }),
      needsApproval: true,
      execute: ({ to }) => {
        sent.push(to);
        return `sent to ${to}`;
      },
    });
    const boss = scripted([call('manager', { task: 'Tell the CEO.' }), { text: 'The CEO was told.' }]);
    const manager = scripted([call('mailer', { task: 'Mail ceo@example.com.' }), { text: 'Mailed.' }]);
    const mailer = scripted([call('send_email', { to: 'ceo@example.com' }), { text: 'Sent.' }]);
    const team = createTeam({
      members: [
        { name: 'boss', model: boss, workers: ['manager'] },
        { name: 'manager', model: manager, workers: ['mailer'] },
        { name: 'mailer', model: mailer, tools: [sendEmail] },
      ],
      pattern: { type: 'supervisor', root: 'boss' },
      budget: { steps: 20 },
      store,
    });
    const paused = await team.run('Tell the CEO.');
    expect(paused.stopReason).toBe('awaiting-approval');
    expect(paused.pendingApprovals).toHaveLength(1);
    expect(paused.pendingApprovals[0]).toMatchObject({ agent: 'mailer', toolName: 'send_email' });
    expect(sent).toEqual([]);
    await approveToolCall(store, paused.pendingApprovals[0].approvalId);
    const done = await team.resume(paused.teamRunId);
    expect(done).toMatchObject({ stopReason: 'done', text: 'The CEO was told.' });
    expect(sent).toEqual(['ceo@example.com']);
    expect([boss.calls.length, manager.calls.length, mailer.calls.length]).toEqual([2, 2, 2]);
    expect(done.usage.steps).toBe(6);
    await expect(team.resume(paused.teamRunId)).rejects.toMatchObject({ code: 'TEAM_RUN_NOT_RESUMABLE' });
    await store.close();
  });

  it('resumes a handoff team after a crash without repeating finished turns', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const triage = scripted([call('transfer_to_billing', { note: 'refund' })]);
    const billing = scripted([{ type: 'error', message: 'backend down' }, { text: 'Refunded.' }]);
    const team = createTeam({
      members: [
        { name: 'triage', model: triage, handoffs: ['billing'] },
        { name: 'billing', model: billing },
      ],
      pattern: { type: 'handoff', entry: 'triage' },
      budget: { steps: 10 },
      store,
    });
    const ids: string[] = [];
    const stream = team.stream('Refund me.');
    await expect(
      (async () => {
        for await (const event of stream) if (event.type === 'team-start') ids.push(event.teamRunId);
      })(),
    ).rejects.toMatchObject({ code: 'MODEL_CALL_FAILED' });
    const resumed = await team.resume(ids[0]);
    expect(resumed).toMatchObject({ stopReason: 'done', text: 'Refunded.' });
    expect([triage.calls.length, billing.calls.length]).toEqual([1, 2]);
    expect(resumed.handoffs).toEqual([{ from: 'triage', to: 'billing', note: 'refund' }]);
    expect(resumed.usage.steps).toBe(2);
    await store.close();
  });
});

describe('definition errors', () => {
  it('names what is wrong with a team', () => {
    const model = scripted([]);
    expect(() =>
      createTeam({
        members: [
          { name: 'a', model, workers: ['ghost'] },
          { name: 'a', model },
        ],
        pattern: { type: 'debate', debaters: ['a'], rounds: 0 },
      }),
    ).toThrow(
      /two members are named 'a'; a.workers names 'ghost', which is not a member; a debate needs at least 2 debaters; pattern.rounds must be/,
    );
  });
});
