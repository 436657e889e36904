// Repaired calls through the loop: the repairs are on the call's history record and on its spans,
// `confirmRepairedCalls` makes a repaired call wait for approval (a call read as written does not),
// and a cut-off call is never run: the model is told, asked again, and its next call runs.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { approveToolCall, createAgent } from '../src/agent/index.js';
import { createScriptedModel } from '../src/model/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { defineTool } from '../src/tool/index.js';
import { createTracer, storeSink } from '../src/trace/index.js';

function lookupTool(seen: unknown[]) {
  return defineTool({
    name: 'lookup',
    description: 'Looks an item up.',
    input: z.object({ id: z.string() }),
    execute: (input) => {
      seen.push(input);
      return `item ${input.id}`;
    },
  });
}

describe('repaired tool calls', () => {
  it('records repairs on the call and its spans', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const tracer = createTracer({ sinks: [storeSink(store)] });
    const seen: unknown[] = [];
    const model = createScriptedModel([
      { text: "<tool_call>{'name': 'lookup', 'arguments': {'id': '7'}}" },
      { text: 'Item 7.' },
    ]);
    const result = await createAgent({ model, tools: [lookupTool(seen)], store, tracer }).run('?');
    await tracer.flush();
    expect(seen).toEqual([{ id: '7' }]);
    const assistant = result.messages.find((m) => m.role === 'assistant' && m.toolCalls.length > 0);
    const kinds = assistant?.role === 'assistant' ? assistant.toolCalls[0].repairs?.map((r) => r.kind) : [];
    expect(kinds).toEqual(expect.arrayContaining(['single-quotes', 'missing-close-tag']));
    const spans = await store.spans.getTrace(result.traceId);
    const step = spans.find((s) => s.name === 'step 1');
    const tool = spans.find((s) => s.name === 'execute_tool lookup');
    expect(JSON.stringify(step?.attributes['gantry.parse.repairs'])).toContain('single-quotes');
    expect(JSON.stringify(tool?.attributes['gantry.tool.repairs'])).toContain('missing-close-tag');
  });

  it('makes a repaired call wait for approval with confirmRepairedCalls, not a clean one', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const seen: unknown[] = [];
    const tools = [lookupTool(seen)];
    const clean = createScriptedModel([
      { text: '<tool_call>{"name": "lookup", "arguments": {"id": "1"}}</tool_call>' },
      { text: 'done' },
    ]);
    const direct = await createAgent({ model: clean, tools, store, confirmRepairedCalls: true }).run('?');
    expect(direct.stopReason).toBe('final-answer');
    expect(seen).toEqual([{ id: '1' }]);

    const repaired = createScriptedModel([
      { text: '<tool_call>{"name": "lookup", "arguments": {"id": "2",}}</tool_call>' },
      { text: 'done' },
    ]);
    const agent = createAgent({ model: repaired, tools, store, confirmRepairedCalls: true });
    const paused = await agent.run('?');
    expect(paused.stopReason).toBe('awaiting-approval');
    expect(seen).toHaveLength(1);
    await approveToolCall(store, paused.pendingApprovals[0].approvalId);
    const resumed = await agent.resume(paused.runId);
    expect(resumed.text).toBe('done');
    expect(seen).toEqual([{ id: '1' }, { id: '2' }]);
  });

  it('never runs a cut-off call: the model is told, and its corrected call runs', async () => {
    const seen: unknown[] = [];
    const model = createScriptedModel([
      { text: '<tool_call>{"name": "lookup", "arguments": {"id": "12' },
      { text: '<tool_call>{"name": "lookup", "arguments": {"id": "123"}}</tool_call>' },
      { text: 'Item 123.' },
    ]);
    const result = await createAgent({ model, tools: [lookupTool(seen)] }).run('?');
    expect(seen).toEqual([{ id: '123' }]);
    expect(result.text).toBe('Item 123.');
    const told = JSON.stringify(result.messages[2]);
    expect(told).toContain('cut off');
  });
});
