// The regression corpus (src/agent/__fixtures__/tool-call-corpus.json) through the parser: every
// record gives exactly its expected calls, its final answer, or an error with nothing to run.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArguments } from './parse-arguments.js';
import { parseToolCalls } from './parse-tool-calls.js';
import { readValue } from './read-value.js';

interface CorpusCase {
  id: string;
  class: string;
  source: string;
  model?: string;
  tools: string[];
  text: string;
  expect: 'calls' | 'answer' | 'error';
  calls: { name: string; input: unknown }[];
  finalAnswer?: string;
}
const corpus = JSON.parse(
  readFileSync(new URL('../__fixtures__/tool-call-corpus.json', import.meta.url), 'utf8'),
) as { tools: Record<string, unknown>; cases: CorpusCase[] };
const shapesOf = (c: CorpusCase) => c.tools.map((name) => ({ name, inputSchema: corpus.tools[name] }));

describe('parseToolCalls over the regression corpus', () => {
  it('has sourced records for every failure class of issue 13', () => {
    const classes = new Set(corpus.cases.map((c) => c.class));
    for (const name of [
      'envelope',
      'pythonic',
      'wrong-call',
      'repair',
      'react',
      'concatenated',
      'no-silent-answer',
      'no-call',
    ])
      expect(classes).toContain(name);
    for (const c of corpus.cases) expect(c.source, c.id).toMatch(/\S/);
    expect(new Set(corpus.cases.map((c) => c.id)).size).toBe(corpus.cases.length);
  });

  it.each(corpus.cases.map((c) => [c.id, c] as const))('%s', (_id, fixture) => {
    const result = parseToolCalls(fixture.text, { tools: shapesOf(fixture), model: fixture.model });
    const runnable = result.calls.filter((call) => !call.inputError);
    expect(runnable.map(({ name, input }) => ({ name, input }))).toEqual(fixture.calls);
    if (fixture.expect === 'error') {
      expect(result.errors.length).toBeGreaterThan(0);
      expect(result.finalAnswer).toBeUndefined();
    } else expect(result.errors).toEqual([]);
    if (fixture.expect === 'answer') expect(result.finalAnswer).toBe(fixture.finalAnswer);
    for (const call of result.calls) {
      expect(call.span?.[0]).toBeLessThan(call.span?.[1] ?? 0);
      for (const repair of call.repairs ?? [])
        expect(result.repairs).toContainEqual(expect.objectContaining(repair));
    }
  });
});

describe('format preference', () => {
  it("reads the model family's format first when envelopes overlap", () => {
    // A Hermes tag around Qwen3-Coder XML: both readers claim it, one call results either way.
    const text =
      '<tool_call>\n<function=search>\n<parameter=query>\nx\n</parameter>\n</function>\n</tool_call>';
    for (const model of ['qwen3-coder:30b', 'qwen2.5:7b', undefined]) {
      expect(parseToolCalls(text, { tools: [{ name: 'search' }], model }).calls).toHaveLength(1);
    }
  });
  it('reads a marker-less Mistral call only for a known tool', () => {
    expect(parseToolCalls('note{"a": 1}', { tools: [{ name: 'search' }] }).calls).toEqual([]);
  });
});

describe('the strict repair policy', () => {
  it('never closes a cut-off object', () => {
    const read = readValue('{"a": {"b": 1');
    expect(read).toMatchObject({ ok: false, truncated: true });
  });
  it('never turns bare words into strings or fragments into lists', () => {
    expect(readValue('{"q": hello world}').ok).toBe(false);
    expect(parseArguments('json\n{"q": "x"}')).toMatchObject({ ok: true, value: { q: 'x' } });
    expect(parseArguments('{"q": "x"}\n{"r": 1}')).toMatchObject({ ok: false });
  });
  it('records each repair it makes', () => {
    const parsed = parseArguments("{'a': True, 'b': None,}");
    expect(parsed).toMatchObject({ ok: true, value: { a: true, b: null } });
    if (parsed.ok)
      expect(parsed.repairs.map((r) => r.kind).sort()).toEqual([
        'python-literals',
        'single-quotes',
        'trailing-comma',
      ]);
  });
  it('maps plain text to a parameter only for a one-parameter tool', () => {
    const one = {
      name: 'search',
      inputSchema: { type: 'object', properties: { query: { type: 'string' } } },
    };
    const two = { name: 'add', inputSchema: { type: 'object', properties: { a: {}, b: {} } } };
    expect(parseArguments('weather in Paris', one)).toMatchObject({
      ok: true,
      value: { query: 'weather in Paris' },
    });
    expect(parseArguments('weather in Paris', two).ok).toBe(false);
    // Text that starts like JSON but does not parse is never taken as the parameter's value.
    expect(parseArguments('{"query": "weather', one)).toMatchObject({ ok: false, truncated: true });
  });
});
