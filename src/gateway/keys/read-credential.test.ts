import { describe, expect, it } from 'vitest';
import { readCredential } from './read-credential.js';

describe('readCredential', () => {
  it('reads a bearer secret (any case, trimmed), else x-api-key (the first of several)', () => {
    expect(readCredential({ authorization: 'Bearer gk-one' })).toBe('gk-one');
    expect(readCredential({ authorization: 'Bearer gk-one', 'x-api-key': 'gk-api' })).toBe('gk-one');
    expect(readCredential({ authorization: 'Basic x', 'x-api-key': 'gk-api' })).toBe('gk-api');
    expect(readCredential({ 'x-api-key': 'gk-api' })).toBe('gk-api');
    expect(readCredential({ authorization: 'Bearer ', 'x-api-key': 'gk-api' })).toBe('gk-api');
    expect(readCredential({})).toBeUndefined();
    expect(readCredential({ authorization: 'Bearer gk-two' })).toBe('gk-two');
    expect(readCredential({ authorization: 'BEARER  gk-three  ' })).toBe('gk-three');
    expect(readCredential({ 'x-api-key': ['gk-first', 'gk-second'] })).toBe('gk-first');
    expect(readCredential({ authorization: 'gk-bare', 'x-api-key': '' })).toBeUndefined();
  });
});
