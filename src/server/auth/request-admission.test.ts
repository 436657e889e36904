import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.js';
import { createAdmission } from './request-admission.js';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const code = (error: unknown) => (error as { code?: string } | undefined)?.code;

describe('createAdmission (Host check remembered for the last Host that passed)', () => {
  it('refuses a foreign Host every time, whatever passed before or after it', () => {
    const admit = createAdmission(
      parseConfig({ database: { path: ':memory:' }, security: { allowedHosts: ['Gantry.Internal'] } }),
    );
    const sequence: [string, string | undefined][] = [
      ['127.0.0.1:8787', undefined],
      ['127.0.0.1:8787', undefined],
      ['attacker.example:8787', 'REQUEST_HOST_FORBIDDEN'],
      ['127.0.0.1:8787', undefined],
      ['attacker.example:8787', 'REQUEST_HOST_FORBIDDEN'],
      ['attacker.example:8787', 'REQUEST_HOST_FORBIDDEN'],
      ['gantry.internal:8787', undefined],
      ['GANTRY.internal', undefined],
      ['localhost:1', undefined],
      ['[::1]:8787', undefined],
      ['evil.internal', 'REQUEST_HOST_FORBIDDEN'],
      ['gantry.internal:8787', undefined],
      ['Evil.Internal', 'REQUEST_HOST_FORBIDDEN'],
    ];
    for (const [host, expected] of sequence) expect(code(admit(request({ host }))), host).toBe(expected);
  });

  it('still checks the Origin of requests whose Host passed before', () => {
    const admit = createAdmission(parseConfig({ database: { path: ':memory:' } }));
    const host = '127.0.0.1:8787';
    expect(admit(request({ host }))).toBeUndefined();
    expect(code(admit(request({ host, origin: 'https://attacker.example' })))).toBe(
      'REQUEST_ORIGIN_FORBIDDEN',
    );
    expect(admit(request({ host, origin: `http://${host}` }))).toBeUndefined();
  });
});
