import { createHash } from 'node:crypto';

/** Stable JSON (sorted keys), so that key order in a dataset row does not change the hash. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/** What identifies a target output: the target, the example's input and columns, the trial and its seed. */
export function cacheKey(parts: {
  target: string;
  input: unknown;
  vars?: unknown;
  trial: number;
  seed: number;
  salt?: string;
}): string {
  return createHash('sha256').update(stableStringify(parts)).digest('hex');
}
