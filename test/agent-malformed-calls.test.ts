// Every real-world malformed tool-call text of the fixture set, played by the scripted model through
// the whole loop in each protocol: the calls it must yield are the ones executed, arguments recovered.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AgentEvent, createAgent, type ProtocolChoice } from '../src/agent/index.js';
import { createScriptedModel } from '../src/model/index.js';
import { defineTool } from '../src/tool/index.js';

interface FixtureCase {
  id: string;
  text: string;
  calls: { name: string; input: unknown }[];
}
const { cases } = JSON.parse(
  readFileSync(new URL('../src/agent/__fixtures__/malformed-tool-calls.json', import.meta.url), 'utf8'),
) as { cases: FixtureCase[] };
const withCalls = cases.filter((c) => c.calls.length > 0);

async function executedCalls(fixture: FixtureCase, protocol: ProtocolChoice) {
  const names = [...new Set(fixture.calls.map((c) => c.name))];
  const tools = names.map((name) =>
    defineTool({
      name,
      description: `test tool ${name}`,
      input: z.looseObject({}),
      execute: (input) => input,
    }),
  );
  const answers = { native: 'done', json: '{"final_answer": "done"}', react: 'Final Answer: done' };
  const answer = answers[protocol as keyof typeof answers];
  const model = createScriptedModel([{ text: fixture.text }, { text: answer }]);
  const events: AgentEvent[] = [];
  const stream = createAgent({ model, tools, protocol }).stream('?');
  for await (const event of stream) events.push(event);
  expect((await stream.result).text).toBe('done');
  return events.flatMap((e) => (e.type === 'tool-result' ? [{ name: e.name, input: e.output }] : []));
}

describe.each(['native', 'json', 'react'] as const)(
  'malformed tool calls through the %s protocol',
  (protocol) => {
    it.each(withCalls.map((c) => [c.id, c] as const))('%s', async (_id, fixture) => {
      expect(await executedCalls(fixture, protocol)).toEqual(fixture.calls);
    });
  },
);
