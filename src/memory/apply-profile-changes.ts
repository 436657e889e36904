// Working memory: the profile after an update that names only the changed fields (null removes a
// field), checked against the profile's zod schema when there is one.
import type { z } from 'zod';
import { GantryError } from '../errors/index.js';

export function applyProfileChanges(
  current: Record<string, unknown>,
  changes: Record<string, unknown>,
  schema?: z.ZodType,
): { data: Record<string, unknown>; changed: Record<string, unknown> } {
  if (changes === null || typeof changes !== 'object' || Array.isArray(changes)) {
    throw new GantryError('MEMORY_PROFILE_INVALID', 'A profile update must be an object of changed fields.', {
      hint: 'Send { field: newValue }; null removes a field.',
    });
  }
  const data = { ...current };
  const changed: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (JSON.stringify(current[field]) === JSON.stringify(value ?? undefined)) continue;
    changed[field] = value;
    if (value === null) delete data[field];
    else data[field] = value;
  }
  if (schema) {
    const result = schema.safeParse(data);
    if (!result.success) {
      throw new GantryError(
        'MEMORY_PROFILE_INVALID',
        `The profile update does not match the profile schema: ${result.error.issues
          .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
          .join('; ')}.`,
        { hint: 'Send only fields the schema declares, with values of its types.', details: { changes } },
      );
    }
    return { data: result.data as Record<string, unknown>, changed };
  }
  return { data, changed };
}
