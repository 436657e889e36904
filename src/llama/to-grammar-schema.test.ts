import { describe, expect, it } from 'vitest';
import { toGrammarSchema } from './to-grammar-schema.js';

describe('toGrammarSchema', () => {
  it('keeps what the grammar enforces and drops annotations', () => {
    expect(
      toGrammarSchema({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        title: 'T',
        type: 'object',
        properties: {
          name: { type: 'string', maxLength: 20, description: 'd' },
          tags: { type: 'array', items: { enum: ['a'] }, maxItems: 3 },
        },
        required: ['name'],
      }),
    ).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string', maxLength: 20, description: 'd' },
        tags: { type: 'array', items: { enum: ['a'] }, maxItems: 3 },
      },
      required: ['name'],
      additionalProperties: false,
    });
  });

  it('rewrites anyOf, definitions and mixed type lists into what node-llama-cpp reads', () => {
    expect(toGrammarSchema({ anyOf: [{ type: 'string' }, { type: 'null' }] })).toEqual({
      oneOf: [{ type: 'string' }, { type: 'null' }],
    });
    expect(toGrammarSchema({ definitions: { a: { type: 'integer' } }, $ref: '#/definitions/a' })).toEqual({
      $defs: { a: { type: 'integer' } },
      $ref: '#/$defs/a',
    });
    expect(toGrammarSchema({ type: ['string', 'null'] })).toEqual({ type: ['string', 'null'] });
    expect(toGrammarSchema({ type: ['array', 'null'], items: { type: 'string' } })).toEqual({
      oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'null' }],
    });
  });

  it("reads {type: 'object'} alone as any object, and accepts the agent json protocol's turn schema", () => {
    expect(toGrammarSchema({ type: 'object' })).toEqual({ type: 'object', additionalProperties: true });
    const turn = {
      type: 'object',
      properties: {
        tool: { type: 'string', enum: ['calculator'] },
        arguments: { type: 'object' },
        final_answer: { type: 'string' },
      },
    };
    expect(toGrammarSchema(turn)).toMatchObject({
      additionalProperties: false,
      properties: { arguments: { type: 'object', additionalProperties: true } },
    });
  });

  it.each([
    [{ type: 'integer', minimum: 1 }, '#/minimum'],
    [{ type: 'string', pattern: '^a' }, '#/pattern'],
    [{ type: 'string', format: 'email' }, '#/format'],
    [{ allOf: [{ type: 'string' }] }, '#/allOf'],
    [{ type: 'object', properties: { a: { not: { type: 'null' } } } }, '#/properties/a/not'],
    [{ type: 'array', uniqueItems: true }, '#/uniqueItems'],
    [{ $ref: 'https://example.com/s.json' }, '#/$ref'],
    [{ type: 'string', minItems: 1 }, '#/minItems'],
  ])('refuses %j, naming %s', (schema, path) => {
    expect(() => toGrammarSchema(schema)).toThrow(
      expect.objectContaining({ code: 'LLAMA_SCHEMA_UNSUPPORTED', message: expect.stringContaining(path) }),
    );
  });
});
