// Checks a parsed JSON body against its schema: a 400 REQUEST_INVALID naming each bad field.
import type { z } from 'zod';
import { GantryError } from '../errors/index.js';

export function parseRequestBody<T>(schema: z.ZodType<T>, body: unknown, hint?: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
  throw new GantryError('REQUEST_INVALID', `Invalid request body: ${issues.slice(0, 1_000)}.`, {
    ...(hint ? { hint } : {}),
    details: { issues: result.error.issues.slice(0, 20) },
  });
}
