// The secrets and PII patterns' prefilters (src/guard/pattern-prefilters.ts) must never skip a pattern
// that matches: on every text where a pattern finds a match, its prefilter says "may match". Texts: a
// known positive for every pattern (each must match, so the check has teeth), the shared datasets' rows
// and their 1 KB cuts (what the latency bench times), and seeded random strings over the characters the
// prefilters look for (digits, hex letters, '.', ':', '@', '/', '_', '-', '='). The scanners' findings
// then follow: matchesWhere yields text.matchAll's matches wherever the prefilter lets the pattern run.
import { describe, expect, it } from 'vitest';
import {
  loadBenignPrompts,
  loadDeepset,
  loadJailbreakBench,
  loadPresidioSynth,
  locateDatasets,
} from '../src/guard/datasets/index.js';
import { kilobyteTexts } from '../src/guard/eval/index.js';
import { hasAddressShape, hasAsciiDigit, matchesWhere } from '../src/guard/pattern-prefilters.js';
import { piiScanner, recognizers } from '../src/guard/pii/index.js';
import { secretPatterns, secretsScanner } from '../src/guard/scanners/index.js';

const patterns = [
  ...secretPatterns.map((p) => ({ name: p.type, pattern: p.pattern, mayMatch: p.mayMatch })),
  ...recognizers.map((r) => ({ name: r.entity, pattern: r.pattern, mayMatch: r.mayMatch })),
];

const positives: Record<string, string[]> = {
  AWS_ACCESS_KEY: [
    'id AKIAIOSFODNN7EXAMPLE.',
    'ASIAIOSFODNN7EXAMPLE',
    'ABIA0123456789ABCDEF',
    'ACCA0123456789ABCDEF',
  ],
  AWS_SECRET_KEY: [
    'aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
    'AWS Secret Key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  ],
  GITHUB_TOKEN: [`token ghp_${'a1'.repeat(18)}`, `github_pat_${'B2_'.repeat(8)}`],
  GITLAB_TOKEN: ['glpat-abcdefghij_-01234567'],
  OPENAI_API_KEY: [`sk-proj-${'x9'.repeat(12)}`, `sk-${'Ab3_'.repeat(6)}`],
  ANTHROPIC_API_KEY: [`sk-ant-api03-${'Qz7-'.repeat(21)}`],
  GOOGLE_API_KEY: [`AIza${'Sy-_a'.repeat(7)}`],
  SLACK_TOKEN: ['xoxb-1234567890-abcdef'],
  SLACK_WEBHOOK: ['https://hooks.slack.com/services/T000/B000/XXXX'],
  STRIPE_KEY: [`sk_live_${'4eC39HqLyjWDarjt'}`, `rk_test_${'a'.repeat(20)}`],
  TWILIO_KEY: [`SK${'0123456789abcdef'.repeat(2)}`],
  SENDGRID_KEY: [`SG.${'a'.repeat(22)}.${'B'.repeat(43)}`],
  HUGGINGFACE_TOKEN: [`hf_${'x'.repeat(34)}`],
  NPM_TOKEN: [`npm_${'Z'.repeat(36)}`],
  JWT: ['eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.SflKxwRJSMeKKF2QT4'],
  PRIVATE_KEY: ['-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----'],
  BASIC_AUTH_URL: ['https://user:s3cret@example.com/path', 'FTP://a:b@host'],
  PASSWORD_ASSIGNMENT: ['password = hunter2hunter2', 'API-KEY: abcdefgh1'],
  EMAIL_ADDRESS: ['mail john.doe@example.com now'],
  CREDIT_CARD: ['card 4111 1111 1111 1111'],
  IBAN_CODE: ['DE89 3704 0044 0532 0130 00'],
  US_SSN: ['ssn 123-45-6789', '123456789'],
  IP_ADDRESS: [
    'host 192.168.1.20',
    'fe80:0:0:0:200:f8ff:fe21:67cf',
    '2001:db8:85a3:0:0:8a2e:370:7334',
    'at ::1 now',
  ],
  CRYPTO: [
    '1BoatSLRHtKNngkdXEeobR76b53LETtpyT',
    'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
    `0x${'ab12'.repeat(10)}`,
  ],
  PHONE_NUMBER: ['+1 555 010 9999', '(555) 010-9999', 'call +441234567890'],
  DATE_OF_BIRTH: ['born 01/02/1990', '1990-01-02', '3 March 1990', 'March 3, 1990'],
};

/** Seeded strings over the characters the prefilters test for. */
function randomTexts(count: number, seed = 11): string[] {
  const alphabet = [...'0123456789abcdefABCDEF.:.:@/_-= \nxyzKS', '::1', 'sk-', 'hf_', '192.168.', 'fe80:'];
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state;
  };
  return Array.from({ length: count }, () => {
    let text = '';
    const length = 1 + (next() % 48);
    for (let i = 0; i < length; i++) text += alphabet[next() % alphabet.length];
    return text;
  });
}

const root = locateDatasets();
const rows = [
  ...loadDeepset(root),
  ...loadJailbreakBench(root),
  ...loadBenignPrompts(root),
  ...loadPresidioSynth(root),
].map((r) => r.text);
const texts = [
  ...Object.values(positives).flat(),
  ...rows,
  ...kilobyteTexts(rows, 300),
  ...randomTexts(4000),
  '',
  '.',
  ':',
  '1.',
  '.1',
  'a:',
  ':1',
];

const matches = (pattern: RegExp, text: string) => [...text.matchAll(pattern)].length > 0;

describe('pattern prefilters', () => {
  it('every pattern has a positive that it matches and that its prefilter lets through', () => {
    for (const { name, pattern, mayMatch } of patterns) {
      expect(positives[name], name).toBeDefined();
      for (const text of positives[name]) {
        expect(matches(pattern, text), `${name} on ${text}`).toBe(true);
        expect(mayMatch?.(text) ?? true, `${name} prefilter on ${text}`).toBe(true);
      }
    }
  });

  it('never skips a pattern on a text it matches, and skips some texts', () => {
    for (const { name, pattern, mayMatch } of patterns) {
      if (!mayMatch) continue;
      let matched = 0;
      let skipped = 0;
      for (const text of texts) {
        const may = mayMatch(text);
        if (!may) skipped++;
        if (matches(pattern, text)) {
          matched++;
          expect(may, `${name} prefilter skipped a match in ${JSON.stringify(text.slice(0, 200))}`).toBe(
            true,
          );
        }
      }
      expect(matched, name).toBeGreaterThan(0);
      expect(skipped, name).toBeGreaterThan(0);
    }
  });

  it('the IP prefilter meets random matches of every alternative', () => {
    const ip = recognizers.find((r) => r.entity === 'IP_ADDRESS');
    if (!ip) throw new Error('no IP recognizer');
    const random = randomTexts(20000, 5).filter((t) => matches(ip.pattern, t));
    expect(random.some((t) => /\d\.\d/.test(t))).toBe(true);
    expect(random.some((t) => /[0-9a-f]:[0-9a-f]/i.test(t))).toBe(true);
    for (const text of random) expect(hasAddressShape(text), text).toBe(true);
    expect(hasAddressShape('version 2.0 at 10:30')).toBe(true);
    expect(hasAddressShape('Note: see the end.')).toBe(false);
    expect(hasAsciiDigit('no digits here')).toBe(false);
  });

  it('matchesWhere yields matchAll’s matches and leaves the pattern’s lastIndex alone', () => {
    const pattern = /\d+/g;
    const found = (text: string) =>
      [...matchesWhere(pattern, text, hasAsciiDigit)].map((m) => [m.index, m[0]]);
    expect(found('a1b22')).toEqual([
      [1, '1'],
      [3, '22'],
    ]);
    pattern.lastIndex = 3;
    expect(found('a1b22')).toEqual([...'a1b22'.matchAll(pattern)].map((m) => [m.index, m[0]]));
    expect(found('none')).toEqual([]);
    expect(pattern.lastIndex).toBe(3);
  });

  it('the scanners find the positives', () => {
    const secrets = secretsScanner();
    const pii = piiScanner({ entities: ['EMAIL_ADDRESS', 'CREDIT_CARD', 'IP_ADDRESS', 'US_SSN'] });
    expect(secrets(positives.GITHUB_TOKEN[0]).findings.map((f) => f.type)).toContain('GITHUB_TOKEN');
    expect(secrets(positives.BASIC_AUTH_URL[0]).findings.map((f) => f.type)).toContain('BASIC_AUTH_URL');
    expect(pii(positives.EMAIL_ADDRESS[0]).findings.map((f) => f.type)).toEqual(['EMAIL_ADDRESS']);
    expect(pii(positives.CREDIT_CARD[0]).findings.map((f) => f.type)).toEqual(['CREDIT_CARD']);
    expect(pii(positives.IP_ADDRESS[0]).findings.map((f) => f.type)).toEqual(['IP_ADDRESS']);
  });
});
