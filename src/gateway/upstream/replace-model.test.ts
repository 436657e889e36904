import { describe, expect, it } from 'vitest';
import { replaceModel } from './replace-model.js';

function swapped(text: string, alias: string, model: string) {
  const result = replaceModel(text, alias, model);
  if (result !== undefined) {
    // Whenever it answers, the answer is exactly what parse + set + stringify would send.
    const expected = JSON.parse(text);
    expected.model = model;
    expect(JSON.parse(result)).toEqual(expected);
  }
  return result;
}

describe('replaceModel', () => {
  it('swaps the alias in place, keeping the rest of the text byte for byte', () => {
    const text = '{"model":"fast","messages":[{"role":"user","content":"héllo"}],"max_tokens":16}';
    expect(swapped(text, 'fast', 'gpt-4o-mini')).toBe(text.replace('"fast"', '"gpt-4o-mini"'));
    expect(swapped('{ "model" :\n "fast" }', 'fast', 'llama')).toBe('{ "model" :\n "llama" }');
    expect(swapped(text, 'fast', 'fast')).toBe(text);
    expect(swapped('{"model":"a\\"b"}', 'a"b', 'c')).toBe('{"model":"c"}');
    // A quoted "model" inside a string value is escaped, so it is not the key.
    const quoted = '{"messages":[{"content":"the \\"model\\" is"}],"model":"fast"}';
    expect(swapped(quoted, 'fast', 'm')).toBe(quoted.replace('"fast"', '"m"'));
  });

  it('declines whenever the text is ambiguous', () => {
    // A second "model" key (nested), or "model" as a value.
    expect(swapped('{"model":"fast","metadata":{"model":"x"}}', 'fast', 'm')).toBeUndefined();
    expect(swapped('{"messages":[{"content":"model"}],"model":"fast"}', 'fast', 'm')).toBeUndefined();
    // \u escapes could spell the top-level key: {"mod\u0065l":"fast","x":{"model":"fast"}}.
    expect(swapped('{"mod\\u0065l":"fast","x":{"model":"fast"}}', 'fast', 'm')).toBeUndefined();
    // The alias spelled differently from JSON.stringify's form.
    expect(swapped('{"model":"f\\u0061st"}', 'fast', 'm')).toBeUndefined();
    expect(swapped('{"model": 5}', 'fast', 'm')).toBeUndefined();
  });

  it('stays exact across more names than its cache of quoted names holds', () => {
    for (let n = 0; n < 2_100; n++) {
      const alias = `alias-${n} "quoted"`;
      const text = JSON.stringify({ model: alias, messages: [] });
      expect(swapped(text, alias, `target-${n}`)).toBe(
        JSON.stringify({ model: `target-${n}`, messages: [] }),
      );
    }
  });
});
