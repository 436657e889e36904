// Finding 11: after a resume, usage.toolCalls counts every call that ran, exactly once. Calls
// finished after the last checkpoint (a crash mid-step) are added back; calls that ran before an
// approval pause (already in the checkpoint's count) are not added twice; rejected calls never count.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { approveToolCall, createAgent, rejectToolCall } from '../src/agent/index.js';
import { createScriptedModel, type ScriptedResponse } from '../src/model/index.js';
import { openSqliteStore, type SqliteStore } from '../src/store/index.js';
import { defineTool } from '../src/tool/index.js';

type Plan = ScriptedResponse[];

function agentWith(store: SqliteStore, plan: Plan, { hangOn = new Set<string>() } = {}) {
  const ran: string[] = [];
  const work = defineTool({
    name: 'work',
    description: 'Does some work.',
    input: z.object({ id: z.string() }),
    execute: async ({ id }) => {
      // A crash: the call never finishes and is never recorded (the process would be killed here).
      if (hangOn.has(id)) await new Promise(() => {});
      ran.push(id);
      return `done ${id}`;
    },
  });
  const guarded = defineTool({
    name: 'guarded',
    description: 'Work that needs approval.',
    input: z.object({ id: z.string() }),
    needsApproval: true,
    execute: async ({ id }) => {
      if (hangOn.has(id)) await new Promise(() => {});
      ran.push(id);
      return `done ${id}`;
    },
  });
  const model = createScriptedModel(
    [(options) => plan[options.prompt.filter((m) => m.role === 'assistant').length]],
    { loop: true },
  );
  return { ran, agent: createAgent({ model, tools: [work, guarded], store }) };
}

const call = (toolName: string, id: string) => ({ toolName, input: { id }, toolCallId: id });

/** Waits until the run's tool-call records reach `count` (the "crashed" first process got that far). */
async function recorded(store: SqliteStore, runId: string, count: number): Promise<void> {
  for (let tries = 0; tries < 500; tries++) {
    if ((await store.agentToolCalls.listToolCalls(runId)).length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`run ${runId} never recorded ${count} tool calls`);
}

describe('usage.toolCalls across resume (finding 11)', () => {
  it('counts calls that finished after the last checkpoint when the process died mid-step', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const plan: Plan = [
      { toolCalls: [call('work', 'a')] },
      { toolCalls: [call('work', 'b'), call('work', 'c')] },
      { text: 'All done.' },
    ];
    const runId = 'run_crash_mid_step';
    // The first process: 'c' hangs forever, after 'a' and 'b' were recorded.
    const first = agentWith(store, plan, { hangOn: new Set(['c']) });
    void first.agent.run('do the work', { runId });
    await recorded(store, runId, 2);
    expect(first.ran).toEqual(['a', 'b']);

    const second = agentWith(store, plan);
    const resumed = await second.agent.resume(runId);
    expect(resumed.stopReason).toBe('final-answer');
    expect(second.ran).toEqual(['c']);
    // a, b and c ran once each: the checkpoint (after step 2's model response) counted only 'a'.
    expect(resumed.usage.toolCalls).toBe(3);
    await store.close();
  });

  it('does not count twice the calls that ran before an approval pause', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const plan: Plan = [
      { toolCalls: [call('work', 'a'), call('guarded', 'g'), call('work', 'c')] },
      { text: 'All done.' },
    ];
    const { agent, ran } = agentWith(store, plan);
    const paused = await agent.run('do the work');
    expect(paused.stopReason).toBe('awaiting-approval');
    expect(paused.usage.toolCalls).toBe(2);
    expect(ran).toEqual(['a', 'c']);

    await approveToolCall(store, paused.pendingApprovals[0].approvalId, { decidedBy: 'alice' });
    const resumed = await agent.resume(paused.runId);
    expect(resumed.stopReason).toBe('final-answer');
    expect(ran).toEqual(['a', 'c', 'g']);
    expect(resumed.usage.toolCalls).toBe(3);
    await store.close();
  });

  it('counts exactly once through a pause, an approval, and then a crash', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const plan: Plan = [
      { toolCalls: [call('work', 'a'), call('guarded', 'g1'), call('guarded', 'g2')] },
      { text: 'All done.' },
    ];
    const first = agentWith(store, plan);
    const paused = await first.agent.run('do the work');
    expect(paused.usage.toolCalls).toBe(1);
    for (const approval of paused.pendingApprovals)
      await approveToolCall(store, approval.approvalId, { decidedBy: 'alice' });

    // Resumed: 'g1' runs and is recorded, then 'g2' hangs (the process dies before the step ends).
    const second = agentWith(store, plan, { hangOn: new Set(['g2']) });
    void second.agent.resume(paused.runId);
    await recorded(store, paused.runId, 2);
    expect(second.ran).toEqual(['g1']);

    const third = agentWith(store, plan);
    const resumed = await third.agent.resume(paused.runId);
    expect(resumed.stopReason).toBe('final-answer');
    expect(third.ran).toEqual(['g2']);
    // a (in the paused checkpoint's count), g1 (recorded after it), g2 (run now): once each.
    expect(resumed.usage.toolCalls).toBe(3);
    await store.close();
  });

  it('never counts a rejected call, even when it is replayed from the record', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const plan: Plan = [
      { toolCalls: [call('guarded', 'r'), call('guarded', 'h')] },
      { text: 'Done without r.' },
    ];
    const first = agentWith(store, plan);
    const paused = await first.agent.run('do the work');
    expect(paused.pendingApprovals).toHaveLength(2);
    expect(paused.usage.toolCalls).toBe(0);
    const [r, h] = paused.pendingApprovals;
    await rejectToolCall(store, r.approvalId, { reason: 'no', decidedBy: 'alice' });
    await approveToolCall(store, h.approvalId, { decidedBy: 'alice' });

    // Resumed: the rejection of 'r' is recorded, then 'h' hangs (the process dies).
    const second = agentWith(store, plan, { hangOn: new Set(['h']) });
    void second.agent.resume(paused.runId);
    await recorded(store, paused.runId, 1);

    const third = agentWith(store, plan);
    const resumed = await third.agent.resume(paused.runId);
    expect(resumed.stopReason).toBe('final-answer');
    expect(third.ran).toEqual(['h']);
    expect(resumed.usage.toolCalls).toBe(1);
    await store.close();
  });
});
