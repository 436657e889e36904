import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractToolCalls } from './extract-tool-calls.js';
import { parseLooseJson } from './parse-loose-json.js';

interface FixtureCase {
  id: string;
  text: string;
  calls: { name: string; input: unknown }[];
  prose?: string;
}
const fixtures = JSON.parse(
  readFileSync(new URL('../__fixtures__/malformed-tool-calls.json', import.meta.url), 'utf8'),
) as { cases: FixtureCase[] };

describe('extractToolCalls on real-world malformed outputs', () => {
  it.each(fixtures.cases.map((c) => [c.id, c] as const))('%s', (_id, fixture) => {
    const { calls, prose } = extractToolCalls(fixture.text);
    expect(calls.map(({ name, input }) => ({ name, input }))).toEqual(fixture.calls);
    for (const call of calls) expect(call.inputError).toBeUndefined();
    if (fixture.prose !== undefined) expect(prose).toBe(fixture.prose);
  });

  it('ignores a JSON object in prose that is not a call of a known tool', () => {
    const { calls } = extractToolCalls('The config is {"name": "prod", "replicas": 3}.', {
      toolNames: ['search'],
    });
    expect(calls).toEqual([]);
  });

  it('reports arguments it cannot read instead of dropping the call', () => {
    const { calls } = extractToolCalls('<function=search>query: "x</function>');
    expect(calls[0].name).toBe('search');
  });
});

describe('parseLooseJson', () => {
  it('repairs and unwraps double encoding', () => {
    expect(parseLooseJson('"{\\"a\\": 1}"')).toEqual({ ok: true, value: { a: 1 }, repaired: true });
    expect(parseLooseJson("{'a': True, 'b': None,}")).toMatchObject({
      ok: true,
      value: { a: true, b: null },
    });
  });
  it('fails clearly on text that is not JSON at all', () => {
    expect(parseLooseJson('}}}{{{').ok).toBe(false);
  });
});
