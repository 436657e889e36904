// Checkpoints appended step by step (src/agent/checkpoint-writer.ts): what a run stores, a resume
// after a process stopped mid-step, and a long run whose entries are folded into a whole checkpoint.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { entriesPerSnapshot } from '../src/agent/checkpoint-writer.js';
import { approveToolCall, createAgent, type RunState } from '../src/agent/index.js';
import { createScriptedModel, type ScriptedResponse } from '../src/model/index.js';
import { openSqliteStore, type SqliteStore } from '../src/store/index.js';
import { defineTool } from '../src/tool/index.js';

const folder = mkdtempSync(join(tmpdir(), 'gantry-checkpoint-entries-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const scripted = (plan: ScriptedResponse[]) =>
  createScriptedModel([(options) => plan[options.prompt.filter((m) => m.role === 'assistant').length]], {
    loop: true,
  });

function entryCount(store: SqliteStore, runId: string): number {
  return (
    store.database
      .prepare('SELECT count(*) AS n FROM agent_checkpoint_entries WHERE run_id = ?')
      .get(runId) as {
      n: number;
    }
  ).n;
}

function wholeCheckpoint(store: SqliteStore, runId: string): RunState {
  const row = store.database.prepare('SELECT checkpoint FROM agent_runs WHERE id = ?').get(runId) as {
    checkpoint: string;
  };
  return JSON.parse(row.checkpoint);
}

const plan: ScriptedResponse[] = [
  { toolCalls: [{ toolName: 'record', input: { label: 'a' }, toolCallId: 'c1' }] },
  {
    toolCalls: [
      { toolName: 'record', input: { label: 'b' }, toolCallId: 'c2' },
      { toolName: 'record', input: { label: 'c' }, toolCallId: 'c3' },
    ],
  },
  {
    toolCalls: [
      { toolName: 'record', input: { label: 'd' }, toolCallId: 'c4' },
      { toolName: 'slow_write', input: { label: 'x' }, toolCallId: 'c5' },
    ],
  },
  { text: 'All five labels written.' },
];

function writer(store: SqliteStore, log: string[], hang: boolean, started?: () => void) {
  const record = defineTool({
    name: 'record',
    description: 'Writes a label (a side effect that must not happen twice).',
    input: z.object({ label: z.string() }),
    execute: ({ label }, { toolCallId }) => {
      log.push(`${toolCallId} ${label}`);
      return `recorded ${label}`;
    },
  });
  const slowWrite = defineTool({
    name: 'slow_write',
    description: 'Writes a label, slowly.',
    input: z.object({ label: z.string() }),
    execute: async ({ label }, { toolCallId }) => {
      if (hang) {
        started?.();
        await new Promise(() => {});
      }
      log.push(`${toolCallId} ${label}`);
      return `wrote ${label}`;
    },
  });
  const model = scripted(plan);
  return { model, agent: createAgent({ name: 'writer', model, tools: [record, slowWrite], store }) };
}

describe('checkpoint entries', () => {
  it('a run stores its first state whole and each model response after it as an entry', async () => {
    const store = openSqliteStore({ path: join(folder, 'entries.db') });
    const log: string[] = [];
    const { agent } = writer(store, log, false);
    const result = await agent.run('Write five labels.', { runId: 'run_entries' });
    expect(result).toMatchObject({ stopReason: 'final-answer', steps: 4 });
    // Whole once (after the first model response), then one entry per write: steps 2 and 3, the end.
    expect(wholeCheckpoint(store, 'run_entries').messages).toHaveLength(2);
    expect(entryCount(store, 'run_entries')).toBe(3);
    const checkpoint = await store.agentRuns.getCheckpoint<RunState>('run_entries');
    expect(checkpoint).toMatchObject({
      runId: 'run_entries',
      task: 'Write five labels.',
      step: 4,
      messages: result.messages,
      usage: { steps: 4, toolCalls: 5 },
      invalidTurns: 0,
    });
    expect(checkpoint?.toolCallKeys).toHaveLength(5);
    expect(checkpoint?.observationKeys).toHaveLength(3);
    expect(checkpoint).not.toHaveProperty('countedCallIds');
    expect(await store.agentRuns.getRun('run_entries')).toMatchObject({
      status: 'completed',
      stepCount: 4,
      inputTokens: result.usage.inputTokens,
    });
    await store.close();
  });

  it('resumes a run stopped mid-step from its entries without repeating a finished call', async () => {
    const path = join(folder, 'crash.db');
    const first = openSqliteStore({ path });
    const log: string[] = [];
    let started!: () => void;
    const hanging = new Promise<void>((resolve) => {
      started = resolve;
    });
    // The first process hangs in step 3's second call, after c4 finished: it writes nothing more.
    void writer(first, log, true, started).agent.run('Write five labels.', { runId: 'run_crash' });
    await hanging;
    expect(log).toEqual(['c1 a', 'c2 b', 'c3 c', 'c4 d']);

    const second = openSqliteStore({ path });
    expect(await second.agentRuns.getRun('run_crash')).toMatchObject({ status: 'running', stepCount: 3 });
    expect(entryCount(second, 'run_crash')).toBe(2);
    const { agent, model } = writer(second, log, false);
    const result = await agent.resume('run_crash');
    expect(result).toMatchObject({ text: 'All five labels written.', stopReason: 'final-answer', steps: 4 });
    // Only the answer needed the model; c4 was replayed from its record, c5 ran once.
    expect(model.calls).toHaveLength(1);
    expect(log).toEqual(['c1 a', 'c2 b', 'c3 c', 'c4 d', 'c5 x']);
    expect(result.usage.toolCalls).toBe(5);
    expect(await second.agentRuns.getCheckpoint<RunState>('run_crash')).toMatchObject({
      step: 4,
      messages: result.messages,
    });
    await second.close();
  });

  it(`folds a long run's entries into a whole checkpoint every ${entriesPerSnapshot} writes; it pauses and resumes`, async () => {
    const store = openSqliteStore({ path: join(folder, 'long.db') });
    const steps = entriesPerSnapshot + 10;
    const done: number[] = [];
    const count = defineTool({
      name: 'count',
      description: 'Counts.',
      input: z.object({ n: z.number() }),
      execute: ({ n }) => {
        done.push(n);
        return `counted ${n}`;
      },
    });
    const confirm = defineTool({
      name: 'confirm',
      description: 'Confirms the count.',
      input: z.object({ total: z.number() }),
      needsApproval: true,
      execute: ({ total }) => `confirmed ${total}`,
    });
    const longPlan: ScriptedResponse[] = [
      ...Array.from({ length: steps }, (_, n) => ({
        toolCalls: [{ toolName: 'count', input: { n }, toolCallId: `k${n}` }],
      })),
      { toolCalls: [{ toolName: 'confirm', input: { total: steps }, toolCallId: 'ok' }] },
      { text: `Counted to ${steps}.` },
    ];
    const make = () => {
      const model = scripted(longPlan);
      return {
        model,
        agent: createAgent({ model, tools: [count, confirm], store, limits: { steps: steps + 5 } }),
      };
    };
    const paused = await make().agent.run('Count.', { runId: 'run_long' });
    expect(paused).toMatchObject({ stopReason: 'awaiting-approval', steps: steps + 1 });
    // One whole checkpoint at the start, one after 50 entries; the entries since stay few.
    expect(entryCount(store, 'run_long')).toBeLessThan(entriesPerSnapshot);
    expect(wholeCheckpoint(store, 'run_long').messages.length).toBeGreaterThan(entriesPerSnapshot);
    expect(await store.agentRuns.getCheckpoint<RunState>('run_long')).toMatchObject({
      step: steps + 1,
      messages: paused.messages,
    });

    await approveToolCall(store, paused.pendingApprovals[0].approvalId);
    const { agent, model } = make();
    const result = await agent.resume('run_long');
    expect(result).toMatchObject({
      stopReason: 'final-answer',
      text: `Counted to ${steps}.`,
      steps: steps + 2,
    });
    expect(model.calls).toHaveLength(1);
    expect(done).toEqual(Array.from({ length: steps }, (_, n) => n));
    expect(result.usage.toolCalls).toBe(steps + 1);
    await store.close();
  });
});
