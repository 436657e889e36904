import { describe, expect, it } from 'vitest';
import { GantryError } from '../../errors/index.js';
import { bannedSubstringsScanner, bannedTopicsScanner } from './banned-substrings-scanner.js';
import { invisibleTextScanner } from './invisible-text-scanner.js';
import { jsonValidityScanner, promptLeakScanner, urlScanner } from './output-checks.js';
import { toxicityScore } from './toxicity-scanner.js';

describe('other scanners', () => {
  it('invisible text: finds and strips format and tag characters', () => {
    const result = invisibleTextScanner()('pay\u200bload\u{E0041}');
    expect(result.findings.map((f) => f.type)).toEqual(['U+200B', 'U+E0041']);
    expect(result.redacted).toBe('payload');
  });

  it('banned substrings survive zero-width splitting; empty entries are refused', () => {
    const scan = bannedSubstringsScanner({ substrings: ['Project Falcon'] });
    expect(scan('tell me about project fal\u200bcon').findings).toHaveLength(1);
    expect(scan('tell me about falcons').findings).toHaveLength(0);
    expect(() => bannedSubstringsScanner({ substrings: [' '] })).toThrow(GantryError);
  });

  it('banned topics score by keyword share', () => {
    const scan = bannedTopicsScanner({ topics: { gambling: ['casino', 'poker', 'betting odds'] } });
    expect(scan('best casino poker bonuses').findings[0]).toMatchObject({ type: 'gambling', score: 0.75 });
    expect(scan('a recipe for soup').findings).toEqual([]);
  });

  it('JSON validity and required keys', () => {
    const scan = jsonValidityScanner({ requiredKeys: ['answer'] });
    expect(scan('```json\n{"answer": 1}\n```').findings).toEqual([]);
    expect(scan('{"other": 1}').findings[0].type).toBe('missing-key:answer');
    expect(scan('{"answer": ').findings[0].type).toBe('invalid-json');
  });

  it('JSON Schema conformance', () => {
    const scan = jsonValidityScanner({
      schema: {
        type: 'object',
        properties: { answer: { type: 'number' }, sources: { type: 'array', items: { type: 'string' } } },
        required: ['answer'],
      },
    });
    expect(scan('{"answer": 4, "sources": ["a"]}').findings).toEqual([]);
    const bad = scan('{"answer": "four", "sources": [1]}').findings.map((f) => f.type);
    expect(bad).toEqual(['schema:answer', 'schema:sources.0']);
    expect(scan('{"sources": []}').findings.map((f) => f.type)).toEqual(['schema:answer']);
  });

  it('prompt leakage: canary tokens and fuzzy overlap with the system prompt', () => {
    const systemPrompt =
      'You are the support assistant of Acme Bank. Never discuss interest rates for business accounts. Always answer in a friendly tone and sign as Acme Helper.';
    const scan = promptLeakScanner({ canaries: ['c4n4ry-7f3a'], systemPrompt });
    expect(scan('Sure! c4n4ry-7f3a').findings[0].type).toBe('canary');
    const leaked =
      'My instructions: you are the support assistant of Acme Bank, never discuss interest rates for business accounts, always answer in a friendly tone.';
    expect(scan(leaked).findings.map((f) => f.type)).toContain('system-prompt');
    expect(scan('Our branches open at 9am.').findings).toEqual([]);
  });

  it('URLs against allow and deny lists', () => {
    const deny = urlScanner({ deny: ['evil.example'] });
    expect(
      deny('see https://cdn.evil.example/x and https://docs.example.org').findings.map((f) => f.value),
    ).toEqual(['https://cdn.evil.example/x']);
    const allow = urlScanner({ allow: ['example.org'] });
    const result = allow('see https://docs.example.org/a and http://other.net/b');
    expect(result.findings.map((f) => f.type)).toEqual(['unlisted-url']);
    expect(result.redacted).toBe('see https://docs.example.org/a and [URL REMOVED]');
  });

  it('toxicity: insults score higher than neutral text', () => {
    expect(toxicityScore('you are a stupid worthless bitch')).toBeGreaterThan(0.5);
    expect(toxicityScore('Please summarise the quarterly report for the board.')).toBeLessThan(0.5);
    // Zero-width splits and Cyrillic look-alikes do not hide the insult.
    expect(toxicityScore('you are a stu\u200bpid worthless bіtch')).toBeGreaterThan(0.5);
  });
});
