import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { approveToolCall, createAgent, rejectToolCall } from '../src/agent/index.js';
import { GantryError } from '../src/errors/index.js';
import { createScriptedModel, type ScriptedResponse } from '../src/model/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { defineTool } from '../src/tool/index.js';

const folder = mkdtempSync(join(tmpdir(), 'gantry-agent-approval-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function setup(path: string, sent: string[]) {
  const sendEmail = defineTool({
    name: 'send_email',
    description: 'Sends an email.',
    input: z.object({ to: z.string(), body: z.string() }),
    needsApproval: true,
    execute: ({ to }) => {
      sent.push(to);
      return `sent to ${to}`;
    },
  });
  const plan: ScriptedResponse[] = [
    {
      toolCalls: [
        { toolName: 'send_email', input: { to: 'ceo@example.com', body: 'Q3 numbers' }, toolCallId: 'mail1' },
      ],
    },
    { text: 'Done.' },
  ];
  const model = createScriptedModel(
    [(options) => plan[options.prompt.filter((m) => m.role === 'assistant').length]],
    { loop: true },
  );
  const store = openSqliteStore({ path });
  return { store, model, agent: createAgent({ model, tools: [sendEmail], store }) };
}

describe('human approval', () => {
  it('pauses, survives a restart, runs the call once after approval (approving twice is harmless)', async () => {
    const path = join(folder, 'approve.db');
    const sent: string[] = [];
    const before = setup(path, sent);
    const paused = await before.agent.run('Mail the CEO the Q3 numbers.');
    expect(paused.stopReason).toBe('awaiting-approval');
    expect(paused.pendingApprovals).toHaveLength(1);
    expect(paused.pendingApprovals[0]).toMatchObject({ callId: 'mail1', toolName: 'send_email' });
    expect(sent).toEqual([]);
    expect(await before.store.agentRuns.getRun(paused.runId)).toMatchObject({ status: 'awaiting-approval' });
    await before.store.close();

    // A new process: the approval and the paused run come back from the database.
    const after = setup(path, sent);
    const { approvalId } = paused.pendingApprovals[0];
    const pending = await after.store.agentApprovals.listApprovals({ status: 'pending' });
    expect(pending.map((a) => a.id)).toEqual([approvalId]);
    await approveToolCall(after.store, approvalId, { decidedBy: 'alice' });
    const again = await approveToolCall(after.store, approvalId, { decidedBy: 'bob' });
    expect(again).toMatchObject({ status: 'approved', decidedBy: 'alice' });
    await expect(rejectToolCall(after.store, approvalId)).rejects.toMatchObject({
      code: 'AGENT_APPROVAL_CONFLICT',
    });

    const resumed = await after.agent.resume(paused.runId);
    expect(resumed).toMatchObject({ stopReason: 'final-answer', text: 'Done.' });
    expect(sent).toEqual(['ceo@example.com']);
    expect(after.model.calls).toHaveLength(1);
    await expect(after.agent.resume(paused.runId)).rejects.toMatchObject({ code: 'AGENT_RUN_NOT_RESUMABLE' });
    await after.store.close();
  });

  it('tells the model about a rejection, with the reason, and never runs the call', async () => {
    const path = join(folder, 'reject.db');
    const sent: string[] = [];
    const { agent, store, model } = setup(path, sent);
    const paused = await agent.run('Mail the CEO.');
    await rejectToolCall(store, paused.pendingApprovals[0].approvalId, {
      reason: 'not before the board meeting',
    });
    const resumed = await agent.resume(paused.runId);
    expect(resumed.text).toBe('Done.');
    expect(sent).toEqual([]);
    const prompt = JSON.stringify(model.calls.at(-1)!.options.prompt);
    expect(prompt).toContain('The user rejected this call');
    expect(prompt).toContain('not before the board meeting');
    await store.close();
  });

  it('an unknown approval id is a clear error', async () => {
    const { store } = setup(':memory:', []);
    const error = await approveToolCall(store, 'apr_nope').catch((e) => e);
    expect(GantryError.isInstance(error) && error.code).toBe('AGENT_APPROVAL_NOT_FOUND');
    await store.close();
  });

  it('an approval tool without a store fails clearly', async () => {
    const model = createScriptedModel([{ toolCalls: [{ toolName: 'danger', input: {} }] }]);
    const danger = defineTool({
      name: 'danger',
      description: 'x',
      input: z.object({}),
      needsApproval: true,
      execute: () => 1,
    });
    await expect(createAgent({ model, tools: [danger] }).run('?')).rejects.toMatchObject({
      code: 'AGENT_STORE_REQUIRED',
    });
  });

  it('works inside a sub-agent: the parent pauses with the sub-agent approval and resuming the parent finishes both', async () => {
    const path = join(folder, 'nested.db');
    const sent: string[] = [];
    const build = () => {
      const store = openSqliteStore({ path });
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
      const byTurn = (plan: ScriptedResponse[]) =>
        createScriptedModel(
          [(options) => plan[options.prompt.filter((m) => m.role === 'assistant').length]],
          { loop: true },
        );
      const mailer = createAgent({
        name: 'mailer',
        store,
        tools: [sendEmail],
        model: byTurn([
          { toolCalls: [{ toolName: 'send_email', input: { to: 'cfo@example.com' }, toolCallId: 'm1' }] },
          { text: 'Mail sent.' },
        ]),
      });
      const parentModel = byTurn([
        { toolCalls: [{ toolName: 'mailer', input: { task: 'mail the CFO' }, toolCallId: 'p1' }] },
        { text: 'The mailer reports: Mail sent.' },
      ]);
      return {
        store,
        parentModel,
        parent: createAgent({ name: 'lead', store, model: parentModel, tools: [mailer.asTool()] }),
      };
    };
    const first = build();
    const paused = await first.parent.run('Have the mailer mail the CFO.');
    expect(paused.stopReason).toBe('awaiting-approval');
    expect(paused.pendingApprovals).toHaveLength(1);
    expect(paused.pendingApprovals[0]).toMatchObject({ toolName: 'send_email', callId: 'm1' });
    expect(await first.store.agentRuns.getRun(`${paused.runId}.p1`)).toMatchObject({
      status: 'awaiting-approval',
      parentRunId: paused.runId,
    });
    await approveToolCall(first.store, paused.pendingApprovals[0].approvalId);
    await first.store.close();

    const second = build();
    const resumed = await second.parent.resume(paused.runId);
    expect(resumed).toMatchObject({ stopReason: 'final-answer', text: 'The mailer reports: Mail sent.' });
    expect(sent).toEqual(['cfo@example.com']);
    expect(JSON.stringify(second.parentModel.calls[0].options.prompt)).toContain('Mail sent.');
    expect(await second.store.agentRuns.getRun(`${paused.runId}.p1`)).toMatchObject({ status: 'completed' });
    await second.store.close();
  });

  it('an approval is bound to the arguments it was given for', async () => {
    const path = join(folder, 'hash.db');
    const sent: string[] = [];
    const { agent, store, model } = setup(path, sent);
    const paused = await agent.run('Mail the CEO.');
    // A stale or altered checkpoint now carries other arguments for the same call id.
    const checkpoint = (await store.agentRuns.getCheckpoint(paused.runId)) as {
      messages: { role: string; toolCalls?: { input: { to: string } }[] }[];
    };
    checkpoint.messages.at(-1)!.toolCalls![0].input.to = 'attacker@example.com';
    await store.agentRuns.updateRun(paused.runId, { checkpoint });
    await approveToolCall(store, paused.pendingApprovals[0].approvalId);
    await agent.resume(paused.runId);
    expect(sent).toEqual([]);
    expect(JSON.stringify(model.calls.at(-1)!.options.prompt)).toContain('was given for different arguments');
    await store.close();
  });
});
