import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAgent } from '../src/agent/index.js';
import { createScriptedModel } from '../src/model/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { defineTool } from '../src/tool/index.js';
import { createTracer, storeSink } from '../src/trace/index.js';

describe('agent tracing', () => {
  it('writes run, step, model-call and tool-call spans with GenAI attributes and what each spent', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const sink = storeSink(store);
    const tracer = createTracer({ sinks: [sink] });
    const lookup = defineTool({
      name: 'lookup',
      description: 'x',
      input: z.object({ id: z.string() }),
      execute: ({ id }) => `item ${id}`,
    });
    const model = createScriptedModel([
      {
        text: '<tool_call>{"name": "lookup", "arguments": {"id": "7"}}</tool_call>',
        usage: { inputTokens: 40, outputTokens: 12 },
      },
      { text: 'Item 7.', usage: { inputTokens: 60, outputTokens: 3 } },
    ]);
    const result = await createAgent({ name: 'shop', model, tools: [lookup], store, tracer }).run(
      'find item 7',
    );
    await tracer.flush();
    const spans = await store.spans.getTrace(result.traceId);
    const names = spans.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'invoke_agent shop',
        'step 1',
        'step 2',
        'chat scripted',
        'execute_tool lookup',
      ]),
    );
    const root = spans.find((s) => s.name === 'invoke_agent shop')!;
    expect(root.parentSpanId).toBeNull();
    expect(root.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'shop',
      'gen_ai.usage.input_tokens': 100,
      'gen_ai.usage.output_tokens': 15,
      'gantry.stop_reason': 'final-answer',
      'gantry.run.id': result.runId,
    });
    const step1 = spans.find((s) => s.name === 'step 1')!;
    expect(step1.attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 40 });
    const chats = spans.filter((s) => s.name === 'chat scripted');
    // The raw model text is kept, so a recovered or misparsed call can be diagnosed later.
    expect(chats[0].attributes['gantry.response.text']).toContain('<tool_call>');
    expect(chats[0].parentSpanId).toBe(step1.spanId);
    const tool = spans.find((s) => s.name === 'execute_tool lookup')!;
    expect(tool.attributes).toMatchObject({
      'gen_ai.tool.name': 'lookup',
      'gen_ai.tool.call.id': 'call_1_0',
    });
    expect(tool.parentSpanId).toBe(step1.spanId);
    await tracer.close();
    await store.close();
  });

  it("a sub-agent's run span hangs under the delegating tool call, whose span records what the sub-agent spent", async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const tracer = createTracer({ sinks: [storeSink(store)] });
    const helper = createAgent({
      name: 'helper',
      tracer,
      model: createScriptedModel([{ text: 'helped', usage: { inputTokens: 30, outputTokens: 4 } }]),
    });
    const lead = createAgent({
      name: 'lead',
      tracer,
      tools: [helper.asTool()],
      model: createScriptedModel([
        {
          toolCalls: [{ toolName: 'helper', input: { task: 'help' } }],
          usage: { inputTokens: 10, outputTokens: 2 },
        },
        { text: 'done', usage: { inputTokens: 10, outputTokens: 1 } },
      ]),
    });
    const result = await lead.run('delegate');
    await tracer.flush();
    const spans = await store.spans.getTrace(result.traceId);
    const toolSpan = spans.find((s) => s.name === 'execute_tool helper')!;
    expect(toolSpan.attributes).toMatchObject({
      'gen_ai.usage.input_tokens': 30,
      'gen_ai.usage.output_tokens': 4,
    });
    const childRun = spans.find((s) => s.name === 'invoke_agent helper')!;
    expect(childRun.parentSpanId).toBe(toolSpan.spanId);
    expect(spans.find((s) => s.name === 'invoke_agent lead')!.attributes['gen_ai.usage.input_tokens']).toBe(
      50,
    );
    await tracer.close();
    await store.close();
  });
});
