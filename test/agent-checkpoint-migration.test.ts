// A database written before checkpoint entries (migration 110): each run's checkpoint is its whole
// state in agent_runs.checkpoint. Opening it migrates the schema; its unfinished runs resume from
// those checkpoints, append entries from there, and never repeat a finished tool call.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { approveToolCall, createAgent } from '../src/agent/index.js';
import { createScriptedModel, type ScriptedResponse } from '../src/model/index.js';
import { migrate, migrations, openSqliteStore } from '../src/store/index.js';
import { defineTool } from '../src/tool/index.js';

const folder = mkdtempSync(join(tmpdir(), 'gantry-checkpoint-migration-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

type Row = Record<string, string | number | null>;
const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/agent/checkpoints-whole-state.json', import.meta.url), 'utf8'),
) as Record<'agent_runs' | 'agent_tool_calls' | 'agent_approvals', Row[]>;

/** The schema before migration 110, holding the rows Gantry wrote then. */
function writeOldDatabase(path: string) {
  const db = new Database(path);
  migrate(
    db,
    migrations.filter((m) => m.id < 110 || m.id > 119),
  );
  for (const table of ['agent_runs', 'agent_tool_calls', 'agent_approvals'] as const) {
    for (const row of fixture[table]) {
      const columns = Object.keys(row);
      db.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      ).run(...Object.values(row));
    }
  }
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE name = 'agent_checkpoint_entries'").all();
  db.close();
  return tables;
}

function tools(ran: string[]) {
  const note = defineTool({
    name: 'note',
    description: 'Writes a note.',
    input: z.object({ text: z.string() }),
    execute: ({ text }) => {
      ran.push(`note ${text}`);
      return `noted ${text}`;
    },
  });
  const publish = defineTool({
    name: 'publish',
    description: 'Publishes.',
    input: z.object({ title: z.string() }),
    needsApproval: true,
    execute: ({ title }) => {
      ran.push(`publish ${title}`);
      return `published ${title}`;
    },
  });
  const slow = defineTool({
    name: 'slow',
    description: 'Writes slowly.',
    input: z.object({ label: z.string() }),
    execute: ({ label }) => {
      ran.push(`slow ${label}`);
      return `wrote ${label}`;
    },
  });
  return [note, publish, slow];
}

const scripted = (plan: ScriptedResponse[]) =>
  createScriptedModel([(options) => plan[options.prompt.filter((m) => m.role === 'assistant').length]], {
    loop: true,
  });

describe('checkpoints written whole, before checkpoint entries', () => {
  it('migrate on open, and their unfinished runs resume without repeating a finished call', async () => {
    const path = join(folder, 'old.db');
    expect(writeOldDatabase(path)).toEqual([]);
    const store = openSqliteStore({ path });
    const ran: string[] = [];

    // Paused at an approval after a finished step: approve, resume, the approved call runs once.
    const paused = await store.agentRuns.getRun('run_old_paused');
    expect(paused).toMatchObject({ status: 'awaiting-approval', stepCount: 2 });
    const [approval] = await store.agentApprovals.listApprovals({ runId: 'run_old_paused' });
    await approveToolCall(store, approval.id, { decidedBy: 'ops' });
    const publisherModel = scripted([
      { toolCalls: [{ toolName: 'note', input: { text: 'draft' }, toolCallId: 'n1' }] },
      { toolCalls: [{ toolName: 'publish', input: { title: 'Q3' }, toolCallId: 'p1' }] },
      { text: 'Published.' },
    ]);
    const publisher = createAgent({ name: 'publisher', model: publisherModel, tools: tools(ran), store });
    const published = await publisher.resume('run_old_paused');
    expect(published).toMatchObject({ stopReason: 'final-answer', text: 'Published.', steps: 3 });
    expect(ran).toEqual(['publish Q3']);
    expect(publisherModel.calls).toHaveLength(1);
    expect(published.usage).toMatchObject({ steps: 3, toolCalls: 2 });

    // Stopped mid-step (n2 recorded, s1 unfinished): n2 is replayed from its record, s1 runs.
    ran.length = 0;
    const writerModel = scripted([
      { toolCalls: [{ toolName: 'note', input: { text: 'one' }, toolCallId: 'n1' }] },
      {
        toolCalls: [
          { toolName: 'note', input: { text: 'two' }, toolCallId: 'n2' },
          { toolName: 'slow', input: { label: 'three' }, toolCallId: 's1' },
        ],
      },
      { text: 'All written.' },
    ]);
    const writer = createAgent({ name: 'writer', model: writerModel, tools: tools(ran), store });
    const written = await writer.resume('run_old_crashed');
    expect(written).toMatchObject({ stopReason: 'final-answer', text: 'All written.', steps: 3 });
    expect(ran).toEqual(['slow three']);
    expect(written.usage.toolCalls).toBe(3);
    expect(written.messages.map((m) => m.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
      'assistant',
    ]);

    // The resumed runs appended entries to the whole checkpoints they started from.
    const checkpoint = await store.agentRuns.getCheckpoint<{ messages: unknown[]; step: number }>(
      'run_old_crashed',
    );
    expect(checkpoint).toMatchObject({ step: 3, messages: written.messages });
    const raw = store.database;
    const entries = raw
      .prepare('SELECT count(*) AS n FROM agent_checkpoint_entries WHERE run_id = ?')
      .get('run_old_crashed') as { n: number };
    expect(entries.n).toBeGreaterThan(0);
    expect(await store.agentRuns.getRun('run_old_crashed')).toMatchObject({
      status: 'completed',
      stepCount: 3,
      finalText: 'All written.',
    });

    // A finished run's messages still read through getCheckpoint.
    const done = await store.agentRuns.getCheckpoint<{ messages: { role: string }[] }>('run_old_done');
    expect(done?.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    await store.close();
  });
});
