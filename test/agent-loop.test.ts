import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AgentEvent, createAgent, stepCountIs } from '../src/agent/index.js';
import { createScriptedModel } from '../src/model/index.js';
import { calculatorTool, defineTool } from '../src/tool/index.js';

const weather = defineTool({
  name: 'get_weather',
  description: 'Current weather of a city.',
  input: z.object({ city: z.string() }),
  execute: ({ city }) => ({ city, temperatureC: city === 'Paris' ? 18 : 9 }),
});

function promptText(options: unknown): string {
  return JSON.stringify(options);
}

describe('agent loop: protocols', () => {
  it('native: runs a provider tool call and answers, with typed events in order', async () => {
    const model = createScriptedModel([
      { toolCalls: [{ toolName: 'get_weather', input: { city: 'Paris' }, toolCallId: 'c1' }] },
      { text: 'It is 18 °C in Paris.' },
    ]);
    const agent = createAgent({ model, tools: [weather] });
    const events: AgentEvent[] = [];
    const stream = agent.stream('Weather in Paris?');
    for await (const event of stream) events.push(event);
    const result = await stream.result;
    expect(result).toMatchObject({
      text: 'It is 18 °C in Paris.',
      stopReason: 'final-answer',
      steps: 2,
      protocol: 'native',
    });
    expect(result.usage.toolCalls).toBe(1);
    const types = events.map((e) => e.type);
    expect(types.slice(0, 5)).toEqual(['run-start', 'step-start', 'tool-call', 'tool-result', 'step-end']);
    expect(types).toContain('text-delta');
    expect(types.at(-1)).toBe('run-end');
    // The tool result went back to the model as a native tool-result part.
    const second = model.calls[1].options.prompt.at(-1);
    expect(second).toMatchObject({
      role: 'tool',
      content: [{ type: 'tool-result', toolCallId: 'c1', output: { type: 'json' } }],
    });
    expect(model.calls[0].options.tools?.[0]).toMatchObject({ type: 'function', name: 'get_weather' });
    model.assertComplete();
  });

  it('json: reads {"tool", "arguments"} and {"final_answer"} replies, with a response schema', async () => {
    const model = createScriptedModel([
      { text: '{"tool": "calculator", "arguments": {"expression": "17 * 23"}}' },
      { text: '{"final_answer": "391"}' },
    ]);
    const result = await createAgent({ model, tools: [calculatorTool()], protocol: 'json' }).run(
      '17 times 23?',
    );
    expect(result).toMatchObject({ text: '391', stopReason: 'final-answer', protocol: 'json' });
    expect(model.calls[0].options.responseFormat).toMatchObject({ type: 'json' });
    expect(promptText(model.calls[1].options.prompt)).toContain('Result of calculator');
    expect(promptText(model.calls[1].options.prompt)).toContain('391');
  });

  it('react: Thought / Action / Action Input / Observation / Final Answer', async () => {
    const model = createScriptedModel([
      { text: 'Thought: I need the weather.\nAction: get_weather\nAction Input: {"city": "Oslo"}' },
      { text: 'Thought: I know it now.\nFinal Answer: 9 °C in Oslo.' },
    ]);
    const result = await createAgent({ model, tools: [weather], protocol: 'react' }).run('Weather in Oslo?');
    expect(result).toMatchObject({ text: '9 °C in Oslo.', protocol: 'react' });
    expect(model.calls[0].options.stopSequences).toEqual(['\nObservation:']);
    expect(promptText(model.calls[1].options.prompt)).toContain(
      'Observation: {\\"city\\":\\"Oslo\\",\\"temperatureC\\":9}',
    );
  });

  it('react: an Action without Action Input is a call without arguments, re-asked when they are needed', async () => {
    const model = createScriptedModel([
      { text: 'Thought: I need the weather.\nAction: get_weather' },
      { text: 'Action: get_weather\nAction Input: {"city": "Rome"}' },
      { text: 'Final Answer: 9' },
    ]);
    const result = await createAgent({ model, tools: [weather], protocol: 'react' }).run('?');
    expect(result.text).toBe('9');
    expect(promptText(model.calls[1].options.prompt)).toContain('Invalid arguments for tool');
  });

  it('react: a bare string Action Input fills a one-field tool', async () => {
    const model = createScriptedModel([
      { text: 'Action: get_weather\nAction Input: Paris' },
      { text: 'Final Answer: 18' },
    ]);
    const result = await createAgent({ model, tools: [weather], protocol: 'react' }).run('?');
    expect(result.messages[2]).toMatchObject({
      role: 'tool',
      results: [{ isError: false, output: { city: 'Paris' } }],
    });
  });

  it('auto: falls back native → json when the backend rejects tools', async () => {
    const model = createScriptedModel([
      { type: 'error', status: 400, message: 'This model does not support tools' },
      { text: '{"tool": "get_weather", "arguments": {"city": "Paris"}}' },
      { text: '{"final_answer": "18"}' },
    ]);
    const events: AgentEvent[] = [];
    const stream = createAgent({ model, tools: [weather] }).stream('?');
    for await (const event of stream) events.push(event);
    const result = await stream.result;
    expect(result).toMatchObject({ text: '18', protocol: 'json' });
    expect(events.find((e) => e.type === 'protocol-fallback')).toMatchObject({ from: 'native', to: 'json' });
  });

  it('auto: falls back json → react when structured output is refused too', async () => {
    const model = createScriptedModel([
      { type: 'error', status: 400, message: 'tools are not supported by this model' },
      { type: 'error', status: 400, message: "Unknown parameter: 'response_format'" },
      { text: 'Action: get_weather\nAction Input: {"city": "Paris"}' },
      { text: 'Final Answer: 18' },
    ]);
    const result = await createAgent({ model, tools: [weather] }).run('?');
    expect(result).toMatchObject({ text: '18', protocol: 'react', steps: 2 });
  });

  it('an explicit protocol the backend refuses is a clear error naming the way out', async () => {
    const model = createScriptedModel([
      { type: 'error', status: 400, message: 'this model does not support tools' },
    ]);
    await expect(createAgent({ model, tools: [weather], protocol: 'native' }).run('?')).rejects.toMatchObject(
      {
        code: 'AGENT_PROTOCOL_UNSUPPORTED',
        hint: expect.stringContaining("'auto'"),
      },
    );
  });

  it('does not fall back on errors that are not about capabilities', async () => {
    const model = createScriptedModel([{ type: 'error', status: 500, message: 'upstream exploded' }], {
      loop: true,
    });
    await expect(
      createAgent({ model, tools: [weather], modelRetryDelayMs: 1 }).run('?'),
    ).rejects.toMatchObject({
      code: 'MODEL_CALL_FAILED',
      message: expect.stringContaining('(HTTP 500): upstream exploded'),
    });
  });

  it('retries a transient model failure (503, 429) with backoff, then goes on', async () => {
    const model = createScriptedModel([
      { type: 'error', status: 503, message: 'overloaded' },
      { type: 'error', status: 429, message: 'slow down' },
      { text: 'fine now' },
    ]);
    const result = await createAgent({ model, modelRetryDelayMs: 1 }).run('?');
    expect(result).toMatchObject({ text: 'fine now', steps: 1 });
    expect(model.calls).toHaveLength(3);
  });

  it('native: recovers a call a small model wrote as text (<tool_call> tag)', async () => {
    const model = createScriptedModel([
      {
        text: '<tool_call>\n{"name": "get_weather", "arguments": "{\\"city\\": \\"Paris\\"}"}\n</tool_call>',
      },
      { text: 'Done: 18.' },
    ]);
    const result = await createAgent({ model, tools: [weather] }).run('?');
    expect(result.usage.toolCalls).toBe(1);
    expect(result.text).toBe('Done: 18.');
  });

  it('recovers malformed native arguments (single quotes, trailing comma)', async () => {
    const model = createScriptedModel([
      { toolCalls: [{ toolName: 'get_weather', input: "{'city': 'Paris',}" }] },
      { text: 'ok' },
    ]);
    const result = await createAgent({ model, tools: [weather] }).run('?');
    expect(result.messages[2]).toMatchObject({
      role: 'tool',
      results: [{ isError: false, output: { city: 'Paris', temperatureC: 18 } }],
    });
  });
});

describe('agent loop: bad calls never crash the run', () => {
  it('re-asks with the validation error and the schema, then accepts the corrected call', async () => {
    const model = createScriptedModel([
      { toolCalls: [{ toolName: 'get_weather', input: { town: 'Paris' } }] },
      { toolCalls: [{ toolName: 'get_weather', input: { city: 'Paris' } }] },
      { text: '18' },
    ]);
    const events: AgentEvent[] = [];
    const stream = createAgent({ model, tools: [weather] }).stream('?');
    for await (const event of stream) events.push(event);
    expect((await stream.result).text).toBe('18');
    expect(events.find((e) => e.type === 'tool-error')).toMatchObject({ kind: 'invalid-input' });
    const feedback = promptText(model.calls[1].options.prompt);
    expect(feedback).toContain('Invalid arguments for tool');
    expect(feedback).toContain('city');
    expect(feedback).toContain('JSON Schema');
  });

  it('answers an unknown tool with the available tools and the close match', async () => {
    const model = createScriptedModel([
      { toolCalls: [{ toolName: 'Calculator', input: { expression: '1+1' } }] },
      { toolCalls: [{ toolName: 'calculator', input: { expression: '1+1' } }] },
      { text: '2' },
    ]);
    const result = await createAgent({ model, tools: [calculatorTool(), weather] }).run('?');
    const error = result.messages[2];
    expect(error).toMatchObject({ role: 'tool', results: [{ isError: true }] });
    const message = (error as { results: { output: string }[] }).results[0].output;
    expect(message).toContain("Did you mean 'calculator'?");
    expect(message).toContain('Available tools: calculator, get_weather');
    expect(result.text).toBe('2');
  });

  it('turns a throwing tool into an error observation and goes on', async () => {
    const flaky = defineTool({
      name: 'flaky',
      description: 'Always fails.',
      input: z.object({}),
      execute: () => {
        throw new Error('disk on fire');
      },
    });
    const model = createScriptedModel([
      { toolCalls: [{ toolName: 'flaky', input: {} }] },
      { text: 'Sorry, the tool failed.' },
    ]);
    const result = await createAgent({ model, tools: [flaky] }).run('?');
    expect(result.stopReason).toBe('final-answer');
    expect(promptText(model.calls[1].options.prompt)).toContain("Tool 'flaky' failed: disk on fire");
  });

  it('aborts a tool that runs past its time limit and tells the model', async () => {
    const slow = defineTool({
      name: 'slow',
      description: 'Never finishes.',
      input: z.object({}),
      timeoutMs: 50,
      execute: () => new Promise(() => {}),
    });
    const model = createScriptedModel([
      { toolCalls: [{ toolName: 'slow', input: {} }] },
      { text: 'gave up' },
    ]);
    const result = await createAgent({ model, tools: [slow] }).run('?');
    expect(promptText(model.calls[1].options.prompt)).toContain('longer than 50 ms');
    expect(result.text).toBe('gave up');
  });

  it('stops with invalid-output after too many unreadable replies in a row', async () => {
    const model = createScriptedModel([{ text: 'not json' }], { loop: true });
    const result = await createAgent({ model, tools: [weather], protocol: 'json', maximumRepairs: 2 }).run(
      '?',
    );
    expect(result.stopReason).toBe('invalid-output');
    expect(result.forcedFinalAnswer).toBe(true);
    expect(model.calls.length).toBe(4); // three unreadable replies, then the forced answer
    expect(promptText(model.calls[1].options.prompt)).toContain('was not a JSON object');
  });
});

describe('agent loop: custom stop conditions', () => {
  it('reports a custom predicate as the stop reason', async () => {
    const model = createScriptedModel([
      { toolCalls: [{ toolName: 'get_weather', input: { city: 'Paris' } }] },
      { text: 'final' },
    ]);
    const result = await createAgent({
      model,
      tools: [weather],
      stopWhen: [
        ({ usage }) =>
          usage.toolCalls >= 1 ? { reason: 'custom', message: 'one call is enough' } : undefined,
      ],
    }).run('?');
    expect(result).toMatchObject({
      stopReason: 'custom',
      stopMessage: 'one call is enough',
      forcedFinalAnswer: true,
      text: 'final',
    });
  });

  it('stepCountIs can be added as a predicate', async () => {
    const model = createScriptedModel([
      { toolCalls: [{ toolName: 'get_weather', input: { city: 'Paris' } }] },
      { text: 'x' },
    ]);
    const result = await createAgent({ model, tools: [weather], stopWhen: [stepCountIs(1)] }).run('?');
    expect(result.stopReason).toBe('step-limit');
  });
});

describe('agent loop: tool results', () => {
  it('cuts a tool result longer than maximumObservationCharacters before the model sees it', async () => {
    const big = defineTool({
      name: 'big',
      description: 'x',
      input: z.object({}),
      execute: () => 'y'.repeat(5000),
    });
    const model = createScriptedModel([{ toolCalls: [{ toolName: 'big', input: {} }] }, { text: 'ok' }]);
    const result = await createAgent({ model, tools: [big], maximumObservationCharacters: 100 }).run('?');
    const shown = (result.messages[2] as { results: { output: string }[] }).results[0].output;
    expect(shown).toBe(`${'y'.repeat(100)}… [cut: 4900 more characters]`);
  });

  it('runs the calls of one step concurrently with toolConcurrency, keeping their order', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const wait = defineTool({
      name: 'wait',
      description: 'Waits a little.',
      input: z.object({ id: z.string() }),
      execute: async ({ id }) => {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        // The first call finishes last: results must still come back in call order.
        await new Promise((resolve) => setTimeout(resolve, id === 'a' ? 40 : 10));
        inFlight--;
        return id;
      },
    });
    const run = async (toolConcurrency: number) => {
      mostInFlight = 0;
      const model = createScriptedModel([
        { toolCalls: ['a', 'b', 'c'].map((id) => ({ toolName: 'wait', input: { id } })) },
        { text: 'ok' },
      ]);
      const result = await createAgent({ model, tools: [wait], toolConcurrency }).run('?');
      return (result.messages[2] as { results: { output: string }[] }).results.map((r) => r.output);
    };
    expect(await run(3)).toEqual(['a', 'b', 'c']);
    expect(mostInFlight).toBe(3);
    expect(await run(1)).toEqual(['a', 'b', 'c']);
    expect(mostInFlight).toBe(1);
  });
});
