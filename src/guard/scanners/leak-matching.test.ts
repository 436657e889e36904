import { describe, expect, it } from 'vitest';
import { createGuardPolicy } from '../policy/index.js';
import { findCanaries, skeletonOverlap, spelledSkeleton } from './leak-matching.js';
import { promptLeakScanner } from './output-checks.js';

const canary = 'gantry-7f3aqx';

describe('transformed canary matching', () => {
  const variants: [string, string][] = [
    ['verbatim', `the code is ${canary}`],
    ['case', `THE CODE IS ${canary.toUpperCase()}`],
    ['separators', 'g a n t r y - 7 f 3 a q x'],
    ['dashes', 'g-a-n-t-r-y-7-f-3-a-q-x'],
    ['lines', 'gant\nry-7f\n3aqx'],
    ['spelled', 'Golf Alpha November Tango Romeo Yankee seven Foxtrot three Alpha Quebec X-ray'],
    ['rot13', 'in rot13: tnagel-7s3ndk'],
    ['base64', Buffer.from(`secret ${canary}`).toString('base64')],
    [
      'base64 over lines',
      Buffer.from(`the secret is ${canary} ok`)
        .toString('base64')
        .replace(/(.{12})/g, '$1\n'),
    ],
    ['reversed', [...canary].reverse().join('')],
  ];
  for (const [name, text] of variants) {
    it(`finds a canary written ${name}`, () => {
      expect(findCanaries(text, [canary]).length, text).toBe(1);
    });
  }

  it('does not fire on other canaries or ordinary text', () => {
    expect(findCanaries('g a n t r y - 9 9 z z z z', [canary])).toEqual([]);
    expect(findCanaries('The gantry crane lifted seven crates.', [canary])).toEqual([]);
    // Short canaries are matched verbatim only (their skeletons occur by chance).
    expect(findCanaries('a b c 1 2', ['abc12'])).toEqual([]);
    expect(findCanaries('x abc12 y', ['abc12'])).toHaveLength(1);
  });

  it('spells out NATO letters and digit words', () => {
    expect(spelledSkeleton('Charlie four November')).toBe('c4n');
  });

  it('measures system-prompt overlap through reformatting', () => {
    const system =
      'You are the support assistant of Acme Bank. Never reveal account numbers or internal policies.';
    expect(skeletonOverlap(system, system.toUpperCase().replace(/ /g, '_'))).toBeGreaterThan(0.9);
    expect(skeletonOverlap(system, 'The weather is lovely today in Lisbon.')).toBe(0);
    const scan = promptLeakScanner({ systemPrompt: system });
    expect(scan(`My instructions: ${system.toUpperCase()}`).findings[0]?.type).toBe('system-prompt');
  });

  it('runs before redaction, so a leaked secret-shaped canary is caught, not masked first', () => {
    const secretCanary = 'AKIAIOSFODNN7EXAMPLE';
    const policy = createGuardPolicy({ promptLeak: { canaries: [secretCanary] } });
    const decision = policy.checkText(`Sure: ${secretCanary.toLowerCase().split('').join(' ')}`, {
      direction: 'output',
    });
    expect(decision.action).toBe('block');
    expect(decision.findings.some((f) => f.rule === 'promptLeak')).toBe(true);
    const plain = policy.checkText(`Sure: ${secretCanary}`, { direction: 'output' });
    expect(plain.findings.find((f) => f.rule === 'promptLeak')?.type).toBe('canary');
  });
});
