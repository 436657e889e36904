// The identity of a recorded request: method, path and query (without credentials), canonical JSON body.
// The host is left out so that a recording made against 127.0.0.1:PORT replays on any port.
import { createHash } from 'node:crypto';

const credentialParams = ['key', 'api_key', 'apikey', 'access_token', 'token'];

export function requestHash(method: string, url: string, body: string | undefined): string {
  const canonical = JSON.stringify({
    method: method.toUpperCase(),
    path: pathOf(url),
    body: canonicalBody(body),
  });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

/** Path and query of a URL with credential parameters removed. */
export function pathOf(url: string): string {
  const parsed = new URL(url);
  for (const name of credentialParams) parsed.searchParams.delete(name);
  return parsed.pathname + parsed.search;
}

function canonicalBody(body: string | undefined): unknown {
  if (body === undefined || body === '') return null;
  try {
    return sortKeys(JSON.parse(body));
  } catch {
    return body;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
