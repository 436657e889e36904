import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { approveToolCall, createAgent, rejectToolCall } from '../src/agent/index.js';
import { createScriptedModel, type ScriptedResponse } from '../src/model/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { defineTool } from '../src/tool/index.js';

const byTurn = (plan: ScriptedResponse[]) =>
  createScriptedModel([(options) => plan[options.prompt.filter((m) => m.role === 'assistant').length]], {
    loop: true,
  });

describe('approvals with toolConcurrency > 1', () => {
  it('runs the free calls once, pauses for the pending ones, runs approved once and rejected never, in call order', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const ran: string[] = [];
    const read = defineTool({
      name: 'read',
      description: 'Reads a file.',
      input: z.object({ path: z.string() }),
      execute: ({ path }) => {
        ran.push(`read ${path}`);
        return `contents of ${path}`;
      },
    });
    const send = defineTool({
      name: 'send',
      description: 'Sends a message.',
      input: z.object({ to: z.string() }),
      needsApproval: true,
      execute: ({ to }) => {
        ran.push(`send ${to}`);
        return `sent to ${to}`;
      },
    });
    const model = byTurn([
      {
        toolCalls: [
          { toolName: 'read', input: { path: 'a.txt' }, toolCallId: 'c1' },
          { toolName: 'send', input: { to: 'alice' }, toolCallId: 'c2' },
          { toolName: 'read', input: { path: 'b.txt' }, toolCallId: 'c3' },
          { toolName: 'send', input: { to: 'mallory' }, toolCallId: 'c4' },
        ],
      },
      { text: 'Done.' },
    ]);
    const agent = createAgent({ model, tools: [read, send], store, toolConcurrency: 4 });

    const paused = await agent.run('Read both files and message alice and mallory.');
    expect(paused.stopReason).toBe('awaiting-approval');
    expect(paused.pendingApprovals.map((a) => a.callId)).toEqual(['c2', 'c4']);
    expect(ran.sort()).toEqual(['read a.txt', 'read b.txt']);
    const pending = await store.agentApprovals.listApprovals({ runId: paused.runId, status: 'pending' });
    expect(pending.map((a) => a.callId).sort()).toEqual(['c2', 'c4']);

    const byCall = new Map(paused.pendingApprovals.map((a) => [a.callId, a.approvalId]));
    await approveToolCall(store, byCall.get('c2')!);
    await rejectToolCall(store, byCall.get('c4')!, { reason: 'not mallory' });

    const resumed = await agent.resume(paused.runId);
    expect(resumed).toMatchObject({ stopReason: 'final-answer', text: 'Done.' });
    // The free calls were not run again, the approved one ran once, the rejected one never.
    expect(ran.sort()).toEqual(['read a.txt', 'read b.txt', 'send alice']);
    const toolMessages = resumed.messages.filter((m) => m.role === 'tool');
    expect(toolMessages).toHaveLength(1);
    const results = (toolMessages[0] as { results: { id: string; output: unknown; isError: boolean }[] })
      .results;
    expect(results.map((r) => r.id)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(results.map((r) => r.isError)).toEqual([false, false, false, true]);
    expect(results[0].output).toBe('contents of a.txt');
    expect(results[1].output).toBe('sent to alice');
    expect(results[2].output).toBe('contents of b.txt');
    expect(String(results[3].output)).toContain('not mallory');
    // The model saw every result, in call order, on its one remaining turn.
    expect(model.calls).toHaveLength(2);
    const prompt = JSON.stringify(model.calls[1].options.prompt);
    const order = ['contents of a.txt', 'sent to alice', 'contents of b.txt', 'not mallory'].map((s) =>
      prompt.indexOf(s),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    await store.close();
  });
});

describe('a nested agent approval', () => {
  it('is listed under the parent run, can be answered from there, and the parent resumes', async () => {
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
    const mailer = createAgent({
      name: 'mailer',
      store,
      tools: [sendEmail],
      model: byTurn([
        { toolCalls: [{ toolName: 'send_email', input: { to: 'cfo@example.com' }, toolCallId: 'm1' }] },
        { text: 'Mail sent.' },
      ]),
    });
    const parent = createAgent({
      name: 'lead',
      store,
      toolConcurrency: 2,
      tools: [mailer.asTool()],
      model: byTurn([
        { toolCalls: [{ toolName: 'mailer', input: { task: 'mail the CFO' }, toolCallId: 'p1' }] },
        { text: 'The mailer reports: Mail sent.' },
      ]),
    });
    const paused = await parent.run('Have the mailer mail the CFO.');
    expect(paused.stopReason).toBe('awaiting-approval');

    // The operator knows only the parent run: its approvals include the sub-agent's.
    const listed = await store.agentApprovals.listApprovals({ runId: paused.runId, status: 'pending' });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ toolName: 'send_email', callId: 'm1', runId: `${paused.runId}.p1` });
    // A run whose id merely starts with the parent's is not listed under it.
    expect(await store.agentApprovals.listApprovals({ runId: paused.runId.slice(0, -1) })).toEqual([]);

    await approveToolCall(store, listed[0].id, { decidedBy: 'operator' });
    const resumed = await parent.resume(paused.runId);
    expect(resumed).toMatchObject({ stopReason: 'final-answer', text: 'The mailer reports: Mail sent.' });
    expect(sent).toEqual(['cfo@example.com']);
    expect(await store.agentApprovals.listApprovals({ runId: paused.runId, status: 'pending' })).toEqual([]);
    await store.close();
  });
});
