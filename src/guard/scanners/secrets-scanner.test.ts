import { describe, expect, it } from 'vitest';
import { secretsScanner, shannonEntropy } from './secrets-scanner.js';

describe('secretsScanner', () => {
  const scan = secretsScanner();

  it('finds vendor key formats and redacts them', () => {
    const text = [
      'aws AKIAIOSFODNN7EXAMPLE',
      'gh ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8',
      'openai sk-proj-' + 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z',
      'stripe sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc',
      'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----',
      'db postgres://admin:hunter2pass@db.internal:5432/app',
    ].join('\n');
    const result = scan(text);
    expect(result.findings.map((f) => f.type)).toEqual([
      'AWS_ACCESS_KEY',
      'GITHUB_TOKEN',
      'OPENAI_API_KEY',
      'STRIPE_KEY',
      'JWT',
      'PRIVATE_KEY',
      'BASIC_AUTH_URL',
    ]);
    expect(result.redacted).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(result.redacted).toContain('[AWS_ACCESS_KEY]');
  });

  it('flags random high-entropy tokens but not words, slugs or hashes of low entropy', () => {
    expect(scan('token: Zq8vN3xK1pT7wR4mY9bL2cF6hJ0dS5gA').findings.map((f) => f.type)).toContain(
      'HIGH_ENTROPY_STRING',
    );
    expect(scan('see the page internationalization-configuration-guide for details').findings).toEqual([]);
    expect(scan('The quick brown fox jumps over the lazy dog again and again.').findings).toEqual([]);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });
});
