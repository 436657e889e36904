import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { readCredential } from './read-credential.js';

/** The function as it was before it remembered the last Authorization header. */
function reference(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (authorization && authorization.length > 7 && authorization.slice(0, 7).toLowerCase() === 'bearer ') {
    const secret = authorization.slice(7).trim();
    if (secret) return secret;
  }
  const apiKey = headers['x-api-key'];
  const value = Array.isArray(apiKey) ? apiKey[0] : apiKey;
  return value || undefined;
}

const authorizations = [
  undefined,
  '',
  'Bearer gk-one',
  'bearer gk-one',
  'BEARER  gk-one  ',
  'Bearer gk-two',
  'Bearer ',
  'Bearer    ',
  'Basic dXNlcjpwYXNz',
  'Bearer\tgk-tab',
  'gk-one',
];
const apiKeys: IncomingHttpHeaders['x-api-key'][] = [undefined, '', 'gk-api', ['gk-first', 'gk-second']];

describe('readCredential', () => {
  it('answers as without the memory of the last header, in any order and with repeats', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let i = 0; i < 20_000; i++) {
      const headers: IncomingHttpHeaders = {};
      const authorization = authorizations[random(authorizations.length)];
      if (authorization !== undefined) headers.authorization = authorization;
      const apiKey = apiKeys[random(apiKeys.length)];
      if (apiKey !== undefined) headers['x-api-key'] = apiKey;
      // Equal header texts that are different strings, as each request's parser makes them.
      if (authorization !== undefined && random(2) === 0)
        headers.authorization = `${authorization} `.slice(0, -1);
      expect(readCredential(headers)).toBe(reference(headers));
    }
  });

  it('reads x-api-key after a header without a bearer secret, even right after one with it', () => {
    expect(readCredential({ authorization: 'Bearer gk-one' })).toBe('gk-one');
    expect(readCredential({ authorization: 'Bearer gk-one', 'x-api-key': 'gk-api' })).toBe('gk-one');
    expect(readCredential({ authorization: 'Basic x', 'x-api-key': 'gk-api' })).toBe('gk-api');
    expect(readCredential({ 'x-api-key': 'gk-api' })).toBe('gk-api');
    expect(readCredential({ authorization: 'Bearer ', 'x-api-key': 'gk-api' })).toBe('gk-api');
    expect(readCredential({})).toBeUndefined();
    expect(readCredential({ authorization: 'Bearer gk-two' })).toBe('gk-two');
  });
});
