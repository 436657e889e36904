// Tool input schemas as JSON Schema, the form providers and prompts need.
import { z } from 'zod';
import type { AnyTool } from './tool.js';

export type JsonSchema = Record<string, unknown>;

const cache = new WeakMap<object, JsonSchema>();

export function toolInputJsonSchema(tool: AnyTool): JsonSchema {
  if (tool.inputJsonSchema) return tool.inputJsonSchema;
  let schema = cache.get(tool.input);
  if (!schema) {
    // 'input' mode describes what the model must send (defaults optional); $schema only adds noise.
    const { $schema: _ignored, ...rest } = z.toJSONSchema(tool.input, {
      io: 'input',
      unrepresentable: 'any',
    }) as JsonSchema;
    schema = rest;
    cache.set(tool.input, schema);
  }
  return schema;
}
