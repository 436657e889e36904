// The exact-match cache key: a hash of the request with object keys sorted, and without fields that
// do not change the answer (user, stream_options), so that equal requests share an entry.
import { createHash } from 'node:crypto';

const ignoredFields = new Set(['user', 'stream_options', 'metadata']);

export function cacheKey(endpoint: string, body: Record<string, unknown>): string {
  const hash = createHash('sha256');
  hash.update(endpoint);
  hash.update('\n');
  hash.update(canonicalJson(body, true));
  return hash.digest('base64url');
}

function canonicalJson(value: unknown, topLevel = false): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value as object)
      .filter(
        (k) => !(topLevel && ignoredFields.has(k)) && (value as Record<string, unknown>)[k] !== undefined,
      )
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Whether a request may be answered from the cache: the client's explicit header wins; otherwise
 * in 'deterministic' mode only requests that ask for a deterministic answer (temperature 0, one
 * choice) and embeddings, which are deterministic by nature.
 */
export function isCacheable(
  endpoint: string,
  body: Record<string, unknown>,
  header: string | undefined,
  mode: 'deterministic' | 'opt-in',
): boolean {
  if (header === 'off' || header === 'no-store') return false;
  if (header === 'on') return true;
  if (mode === 'opt-in') return false;
  if (endpoint === 'embeddings') return true;
  return body.temperature === 0 && (body.n === undefined || body.n === 1);
}
