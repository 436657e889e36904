// Checks the output is JSON that satisfies a JSON Schema, through zod's JSON Schema import, so the
// subset supported is zod's (type, properties, required, enum, items, bounds, formats...).
import { z } from 'zod';
import { GantryError } from '../../errors/index.js';
import type { Scorer } from '../types.js';

export function jsonSchemaValid({ schema }: { schema?: Record<string, unknown> } = {}): Scorer {
  let validator: z.ZodType | undefined;
  if (schema) {
    try {
      validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    } catch (error) {
      throw new GantryError(
        'EVAL_FILE_INVALID',
        'The json-schema scorer was given a schema it cannot read.',
        {
          hint: 'Give a JSON Schema object (draft 2020-12 or draft-07).',
          cause: error,
        },
      );
    }
  }
  return {
    name: 'json-schema',
    score(_example, output) {
      let value: unknown;
      try {
        value = JSON.parse(output.output);
      } catch {
        return { score: 0, pass: false, reason: 'output is not valid JSON' };
      }
      if (!validator) return { score: 1, pass: true };
      const result = validator.safeParse(value);
      if (result.success) return { score: 1, pass: true };
      const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      return { score: 0, pass: false, reason: issues.join('; ') };
    },
  };
}
