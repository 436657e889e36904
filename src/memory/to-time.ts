// Times given to memory (turn times, recall's from/to) as milliseconds, or a clear error.
import { GantryError } from '../errors/index.js';

export function toTime(value: number | string | Date | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  const time =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(time)) {
    throw new GantryError(
      'MEMORY_INPUT_INVALID',
      `'${field}' is not a valid time: ${JSON.stringify(value)}.`,
      {
        hint: 'Use milliseconds since the epoch, an ISO 8601 string or a Date.',
      },
    );
  }
  return time;
}
