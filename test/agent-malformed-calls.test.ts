// The whole tool-call corpus (src/agent/__fixtures__/tool-call-corpus.json) played by the scripted
// model through createAgent, each record's text as the model's turn: the expected calls are the ones
// executed, with exactly the expected arguments; an unreadable call runs nothing, the model is told
// and re-asked once, and the raw markup never becomes the run's answer.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AgentEvent, createAgent } from '../src/agent/index.js';
import { createScriptedModel } from '../src/model/index.js';
import { defineTool } from '../src/tool/index.js';

interface CorpusCase {
  id: string;
  model?: string;
  tools: string[];
  text: string;
  expect: 'calls' | 'answer' | 'error';
  calls: { name: string; input: unknown }[];
  finalAnswer?: string;
}
const corpus = JSON.parse(
  readFileSync(new URL('../src/agent/__fixtures__/tool-call-corpus.json', import.meta.url), 'utf8'),
) as { tools: Record<string, object>; cases: CorpusCase[] };

type Protocol = 'native' | 'json' | 'react';
const answers: Record<Protocol, string> = {
  native: 'done',
  json: '{"final_answer": "done"}',
  react: 'Final Answer: done',
};

async function play(fixture: CorpusCase, protocol: Protocol) {
  const tools = fixture.tools.map((name) =>
    defineTool({
      name,
      description: `test tool ${name}`,
      input: z.fromJSONSchema(corpus.tools[name] as never) as z.ZodType,
      execute: (input) => input,
    }),
  );
  const script =
    fixture.expect === 'answer'
      ? [{ text: fixture.text }]
      : [{ text: fixture.text }, { text: answers[protocol] }];
  const model = createScriptedModel(script);
  const events: AgentEvent[] = [];
  const stream = createAgent({ model, tools, protocol, modelName: fixture.model }).stream('?');
  for await (const event of stream) events.push(event);
  const result = await stream.result;
  const executed = events.flatMap((e) =>
    e.type === 'tool-result' ? [{ name: e.name, input: e.output }] : [],
  );
  return { result, executed, events };
}

const cases = corpus.cases;
const protocolsFor = (c: CorpusCase): Protocol[] =>
  c.expect === 'answer' ? ['native', 'react'] : ['native', 'json', 'react'];
const runs = cases.flatMap((c) => protocolsFor(c).map((p) => [`${p} ${c.id}`, c, p] as const));

describe('the tool-call corpus through createAgent', () => {
  it.each(runs)(
    '%s',
    async (_label, fixture, protocol) => {
      const { result, executed } = await play(fixture, protocol);
      expect(executed).toEqual(fixture.calls);
      if (fixture.expect === 'answer')
        expect(result.text).toBe(
          protocol === 'react' ? fixture.finalAnswer?.replace(/^Thought:\s*/, '') : fixture.finalAnswer,
        );
      else expect(result.text).toBe('done');
      if (fixture.expect === 'error') {
        // The model was told what was wrong (a format error or a tool error) before answering.
        const told = result.messages.some(
          (m) => m.role === 'feedback' || (m.role === 'tool' && m.results.every((r) => r.isError)),
        );
        expect(told).toBe(true);
      }
    },
    30_000,
  );

  it('never executes a call with arguments other than the expected ones, over the whole corpus', async () => {
    const wrong: string[] = [];
    for (const fixture of cases) {
      const { executed } = await play(fixture, 'native');
      for (const call of executed) {
        if (!fixture.calls.some((expected) => JSON.stringify(expected) === JSON.stringify(call)))
          wrong.push(`${fixture.id}: ${JSON.stringify(call)}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
