// The agent domain's contract: the behaviour every backend's run, tool-call and approval repositories
// must show (test/store-contract.test.ts runs it against each backend).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainContract } from '../domain.js';
import type { AgentRepositories } from './repository.js';

export const agentContract: DomainContract<AgentRepositories> = (backend, open) => {
  describe(`agent domain contract: ${backend}`, () => {
    let store: Awaited<ReturnType<typeof open>>;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    const newRun = (id: string, extra: { parentRunId?: string; traceId?: string } = {}) =>
      store.agentRuns.createRun({ id, agentName: 'helper', task: `task ${id}`, model: 'm', ...extra });

    it('creates a run as running with zero totals, then applies partial updates', async () => {
      await newRun('r1', { traceId: 't1' });
      const created = await store.agentRuns.getRun('r1');
      expect(created).toMatchObject({
        id: 'r1',
        parentRunId: null,
        agentName: 'helper',
        task: 'task r1',
        model: 'm',
        status: 'running',
        stopReason: null,
        finalText: null,
        traceId: 't1',
        stepCount: 0,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
      });
      expect(Number.isNaN(Date.parse(created?.createdAt ?? ''))).toBe(false);
      await store.agentRuns.updateRun('r1', { stepCount: 2, inputTokens: 30, costUsd: 0.125 });
      await store.agentRuns.updateRun('r1', {
        status: 'completed',
        stopReason: 'done',
        finalText: 'answer',
        outputTokens: 7,
      });
      expect(await store.agentRuns.getRun('r1')).toMatchObject({
        status: 'completed',
        stopReason: 'done',
        finalText: 'answer',
        stepCount: 2,
        inputTokens: 30,
        outputTokens: 7,
        costUsd: 0.125,
      });
      expect(await store.agentRuns.getRun('missing')).toBeUndefined();
    });

    it('keeps the latest checkpoint as JSON, separate from the run record', async () => {
      await newRun('r1');
      expect(await store.agentRuns.getCheckpoint('r1')).toBeUndefined();
      const first = { step: 1, messages: [{ role: 'user', content: 'hi' }], done: false, ratio: 0.5 };
      await store.agentRuns.updateRun('r1', { checkpoint: first });
      expect(await store.agentRuns.getCheckpoint('r1')).toEqual(first);
      await store.agentRuns.updateRun('r1', { checkpoint: { step: 2 }, stepCount: 2 });
      expect(await store.agentRuns.getCheckpoint('r1')).toEqual({ step: 2 });
      expect(await store.agentRuns.getCheckpoint('missing')).toBeUndefined();
      expect(await store.agentRuns.getRun('r1')).not.toHaveProperty('checkpoint');
    });

    it('rebuilds a checkpoint from the whole state and the entries appended to it, in order', async () => {
      await newRun('r1');
      await newRun('r2');
      await store.agentRuns.updateRun('r1', {
        checkpoint: { task: 'go', messages: [{ role: 'user', text: 'go' }], step: 0, tags: ['a'], keep: 1 },
      });
      await store.agentRuns.appendCheckpoint(
        'r1',
        {
          append: { messages: [{ role: 'assistant', text: 'é "quoted"' }], keys: ['k1'] },
          set: { step: 1, usage: { tokens: 10, cost: 0.5 }, counted: ['c1'] },
        },
        { stepCount: 1, inputTokens: 10, outputTokens: 0, costUsd: 0.5 },
      );
      await store.agentRuns.appendCheckpoint('r2', { append: { messages: [{ other: true }] } });
      await store.agentRuns.appendCheckpoint(
        'r1',
        {
          append: { messages: [{ role: 'tool' }, { role: 'assistant', text: 'done' }], tags: [] },
          set: { step: 2, counted: null },
        },
        {
          status: 'completed',
          stepCount: 2,
          inputTokens: 10,
          outputTokens: 0,
          costUsd: 0.5,
          finalText: 'done',
        },
      );
      expect(await store.agentRuns.getCheckpoint('r1')).toEqual({
        task: 'go',
        messages: [
          { role: 'user', text: 'go' },
          { role: 'assistant', text: 'é "quoted"' },
          { role: 'tool' },
          { role: 'assistant', text: 'done' },
        ],
        step: 2,
        tags: ['a'],
        keep: 1,
        keys: ['k1'],
        usage: { tokens: 10, cost: 0.5 },
      });
      // The run's columns changed with each entry, in the same write.
      expect(await store.agentRuns.getRun('r1')).toMatchObject({
        status: 'completed',
        stepCount: 2,
        inputTokens: 10,
        costUsd: 0.5,
        finalText: 'done',
      });
      // Entries without a whole state start from an empty object; other runs are untouched.
      expect(await store.agentRuns.getCheckpoint('r2')).toEqual({ messages: [{ other: true }] });
    });

    it("shows the progress of a run's latest entry, until the run's own progress is set again", async () => {
      await newRun('r1');
      await newRun('r2');
      const created = await store.agentRuns.getRun('r1');
      await new Promise((resolve) => setTimeout(resolve, 5));
      await store.agentRuns.appendCheckpoint('r1', { set: { step: 1 } }, { stepCount: 1, inputTokens: 5 });
      await store.agentRuns.appendCheckpoint(
        'r1',
        { set: { step: 2 } },
        { stepCount: 2, inputTokens: 9, outputTokens: 4, costUsd: 0.25 },
      );
      const progress = { stepCount: 2, inputTokens: 9, outputTokens: 4, costUsd: 0.25, status: 'running' };
      const running = await store.agentRuns.getRun('r1');
      expect(running).toMatchObject(progress);
      expect(running!.updatedAt > created!.updatedAt).toBe(true);
      expect((await store.agentRuns.listRuns()).find((r) => r.id === 'r1')).toMatchObject(progress);
      expect((await store.agentRuns.listRuns({ status: 'running' })).map((r) => r.id)).toEqual(['r2', 'r1']);
      expect(await store.agentRuns.getRun('r2')).toMatchObject({ stepCount: 0, inputTokens: 0 });
      // Progress set on the run itself is newer than the entries'.
      await store.agentRuns.updateRun('r1', { stepCount: 7, status: 'aborted' });
      expect(await store.agentRuns.getRun('r1')).toMatchObject({
        ...progress,
        stepCount: 7,
        status: 'aborted',
      });
      // An entry written with a status writes the run's row too, in the same transaction.
      await store.agentRuns.appendCheckpoint(
        'r1',
        { set: { step: 8 } },
        {
          status: 'completed',
          finalText: 'ok',
          stepCount: 8,
          inputTokens: 11,
          outputTokens: 5,
          costUsd: 0.5,
        },
      );
      expect(await store.agentRuns.getRun('r1')).toMatchObject({
        status: 'completed',
        finalText: 'ok',
        stepCount: 8,
        inputTokens: 11,
        outputTokens: 5,
        costUsd: 0.5,
      });
      expect((await store.agentRuns.listRuns({ status: 'completed' })).map((r) => r.stepCount)).toEqual([8]);
    });

    it('a whole checkpoint replaces the entries appended before it', async () => {
      await newRun('r1');
      await store.agentRuns.updateRun('r1', { checkpoint: { messages: ['a'], step: 0 } });
      await store.agentRuns.appendCheckpoint('r1', { append: { messages: ['b'] }, set: { step: 1 } });
      await store.agentRuns.updateRun('r1', { checkpoint: { messages: ['a', 'b', 'c'], step: 3 } });
      expect(await store.agentRuns.getCheckpoint('r1')).toEqual({ messages: ['a', 'b', 'c'], step: 3 });
      await store.agentRuns.appendCheckpoint('r1', { append: { messages: ['d'] }, set: { step: 4 } });
      expect(await store.agentRuns.getCheckpoint('r1')).toEqual({ messages: ['a', 'b', 'c', 'd'], step: 4 });
      // A run update without a checkpoint keeps both.
      await store.agentRuns.updateRun('r1', { status: 'aborted' });
      expect(await store.agentRuns.getCheckpoint('r1')).toEqual({ messages: ['a', 'b', 'c', 'd'], step: 4 });
    });

    it('lists runs newest first, limited, and by status; child runs name their parent', async () => {
      await newRun('a');
      await newRun('b', { parentRunId: 'a' });
      await newRun('c');
      await store.agentRuns.updateRun('b', { status: 'failed' });
      expect((await store.agentRuns.listRuns()).map((r) => r.id)).toEqual(['c', 'b', 'a']);
      expect((await store.agentRuns.listRuns({ limit: 2 })).map((r) => r.id)).toEqual(['c', 'b']);
      expect((await store.agentRuns.listRuns({ status: 'failed' })).map((r) => r.id)).toEqual(['b']);
      expect((await store.agentRuns.getRun('b'))?.parentRunId).toBe('a');
    });

    it('records tool calls once per (run, call) and lists them in start order', async () => {
      await newRun('r1');
      const call = {
        runId: 'r1',
        step: 1,
        toolName: 'search',
        inputHash: 'h',
        isError: false,
      };
      await store.agentToolCalls.recordToolCall({
        ...call,
        callId: 'late',
        input: { q: 'b' },
        output: 'second',
        startedAt: 20,
        endedAt: 21.5,
      });
      await store.agentToolCalls.recordToolCall({
        ...call,
        callId: 'early',
        input: { q: 'a', n: [1, 2] },
        output: { hits: [{ id: 1 }] },
        isError: true,
        startedAt: 10,
        endedAt: 12,
      });
      // A retry of a recorded call keeps the first record.
      await store.agentToolCalls.recordToolCall({
        ...call,
        callId: 'late',
        input: { q: 'changed' },
        output: 'changed',
        startedAt: 20,
        endedAt: 22,
      });
      const calls = await store.agentToolCalls.listToolCalls('r1');
      expect(calls).toEqual([
        {
          ...call,
          callId: 'early',
          input: { q: 'a', n: [1, 2] },
          output: { hits: [{ id: 1 }] },
          isError: true,
          startedAt: 10,
          endedAt: 12,
        },
        { ...call, callId: 'late', input: { q: 'b' }, output: 'second', startedAt: 20, endedAt: 21.5 },
      ]);
      expect(await store.agentToolCalls.listToolCalls('other')).toEqual([]);
    });

    it('requests an approval once per (run, call) and decides only a pending one', async () => {
      await newRun('r1');
      const request = {
        id: 'ap1',
        runId: 'r1',
        callId: 'c1',
        toolName: 'delete',
        input: { path: '/tmp/x' },
        inputHash: 'h1',
      };
      const pending = await store.agentApprovals.requestApproval(request);
      expect(pending).toMatchObject({ ...request, status: 'pending', reason: null, decidedBy: null });
      expect(pending.decidedAt).toBeNull();
      // Asking again for the same call returns the existing approval, not a second one.
      const again = await store.agentApprovals.requestApproval({ ...request, id: 'ap2' });
      expect(again.id).toBe('ap1');
      expect(await store.agentApprovals.findApproval('r1', 'c1')).toMatchObject({ id: 'ap1' });
      expect(await store.agentApprovals.findApproval('r1', 'other')).toBeUndefined();

      const approved = await store.agentApprovals.decideApproval('ap1', {
        status: 'approved',
        reason: 'fine',
        decidedBy: 'ops',
      });
      expect(approved).toMatchObject({ status: 'approved', reason: 'fine', decidedBy: 'ops' });
      expect(approved?.decidedAt).not.toBeNull();
      // A later, conflicting decision changes nothing.
      const conflicting = await store.agentApprovals.decideApproval('ap1', { status: 'rejected' });
      expect(conflicting).toMatchObject({ status: 'approved', reason: 'fine', decidedBy: 'ops' });
      expect(await store.agentApprovals.decideApproval('missing', { status: 'approved' })).toBeUndefined();
    });

    it('lists approvals by status and run, newest first', async () => {
      await newRun('r1');
      await newRun('r2');
      for (const [id, runId, callId] of [
        ['a', 'r1', 'c1'],
        ['b', 'r1', 'c2'],
        ['c', 'r2', 'c1'],
      ]) {
        await store.agentApprovals.requestApproval({
          id,
          runId,
          callId,
          toolName: 't',
          input: null,
          inputHash: 'h',
        });
      }
      await store.agentApprovals.decideApproval('b', { status: 'rejected' });
      const ids = async (options: Parameters<typeof store.agentApprovals.listApprovals>[0]) =>
        (await store.agentApprovals.listApprovals(options)).map((a) => a.id);
      expect(await ids({})).toEqual(['c', 'b', 'a']);
      expect(await ids({ status: 'pending' })).toEqual(['c', 'a']);
      expect(await ids({ runId: 'r1' })).toEqual(['b', 'a']);
      expect(await ids({ runId: 'r1', status: 'rejected' })).toEqual(['b']);
      expect(await ids({ limit: 1 })).toEqual(['c']);
    });

    it("lists a sub-run's approvals under its parent run, at any depth", async () => {
      await newRun('top');
      await newRun('top.p1', { parentRunId: 'top' });
      await newRun('top.p1.q1', { parentRunId: 'top.p1' });
      await newRun('other');
      for (const [id, runId] of [
        ['x', 'top'],
        ['y', 'top.p1'],
        ['z', 'top.p1.q1'],
        ['w', 'other'],
      ]) {
        await store.agentApprovals.requestApproval({
          id,
          runId,
          callId: 'c',
          toolName: 't',
          input: null,
          inputHash: 'h',
        });
      }
      const ids = async (runId: string) =>
        (await store.agentApprovals.listApprovals({ runId })).map((a) => a.id).sort();
      expect(await ids('top')).toEqual(['x', 'y', 'z']);
      expect(await ids('top.p1')).toEqual(['y', 'z']);
      expect(await ids('other')).toEqual(['w']);
    });

    it('keeps each run (and its approvals) to its tenant; unowned runs are the default tenant', async () => {
      await newRun('mine');
      await newRun('theirs');
      await newRun('cli');
      await store.agentTenants.setRunTenant('mine', 'acme');
      await store.agentTenants.setRunTenant('theirs', 'globex');
      const approval = (id: string, runId: string) =>
        store.agentApprovals.requestApproval({
          id,
          runId,
          callId: id,
          toolName: 't',
          input: {},
          inputHash: 'h',
        });
      await approval('a1', 'mine');
      await approval('a2', 'theirs');
      expect(await store.agentTenants.runTenant('mine')).toBe('acme');
      expect(await store.agentTenants.runTenant('cli')).toBe('default');
      expect(await store.agentTenants.runTenant('missing')).toBe('default');
      expect(await store.agentTenants.listRunIds({ tenant: 'acme', limit: 10 })).toEqual(['mine']);
      expect(await store.agentTenants.listRunIds({ tenant: 'default', limit: 10 })).toEqual(['cli']);
      expect(await store.agentTenants.listRunIds({ tenant: 'acme', status: 'completed', limit: 10 })).toEqual(
        [],
      );
      expect(await store.agentTenants.listApprovalIds({ tenant: 'acme', limit: 10 })).toEqual(['a1']);
      expect(
        await store.agentTenants.listApprovalIds({ tenant: 'acme', runId: 'theirs', limit: 10 }),
      ).toEqual([]);
      expect(
        await store.agentTenants.listApprovalIds({ tenant: 'globex', status: 'pending', limit: 10 }),
      ).toEqual(['a2']);
    });
  });
};
