// Secrets: vendor key formats, then long random-looking tokens by Shannon entropy (detect-secrets'
// high-entropy strings: base64 above 4.5 bits per character, hex above 3.0).
import { matchesWhere } from '../pattern-prefilters.js';
import { maskReplacement, redactFindings, resolveOverlaps } from '../redact-findings.js';
import { type Finding, resultOf, type Scanner } from '../types.js';
import { secretPatterns } from './secret-patterns.js';

export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

const candidateToken = /[A-Za-z0-9+/_=-]{20,}/g;

/** Whether the text has a run of 20 characters of candidateToken's class (else the regex cannot match). */
export function hasCandidateRun(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const inClass =
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 48 && c <= 57) ||
      c === 43 || // +
      c === 47 || // /
      c === 95 || // _
      c === 61 || // =
      c === 45; // -
    run = inClass ? run + 1 : 0;
    if (run >= 20) return true;
  }
  return false;
}

function isHighEntropy(token: string): boolean {
  const hasDigit = /\d/.test(token);
  const hasLetter = /[A-Za-z]/.test(token);
  if (!hasDigit || !hasLetter) return false;
  if (/^[0-9a-f]+$/i.test(token)) return token.length >= 32 && shannonEntropy(token) > 3.0;
  // Words joined by dashes or underscores (slugs, identifiers) are not secrets.
  if (/^[a-z]+(?:[-_][a-z0-9]+)+$/i.test(token)) return false;
  return shannonEntropy(token) > 4.5 - (token.length >= 40 ? 0.3 : 0);
}

export interface SecretsScannerOptions {
  /** Also flag unknown high-entropy tokens (default true). */
  entropy?: boolean;
  redact?: boolean;
}

export function secretsScanner(options: SecretsScannerOptions = {}): Scanner {
  const { entropy = true, redact = true } = options;
  return (text) => {
    const candidates: Finding[] = [];
    for (const { type, pattern, mayMatch } of secretPatterns) {
      // A pattern that cannot match the text is not run (its prefilter; the same matches).
      for (const match of matchesWhere(pattern, text, mayMatch)) {
        const start = match.index!;
        candidates.push({
          scanner: 'secrets',
          type,
          start,
          end: start + match[0].length,
          score: 0.95,
          value: match[0],
        });
      }
    }
    // The candidate regex tries every position; a linear scan first tells whether any run is long enough.
    if (entropy && hasCandidateRun(text)) {
      for (const match of text.matchAll(candidateToken)) {
        if (!isHighEntropy(match[0])) continue;
        const start = match.index!;
        candidates.push({
          scanner: 'secrets',
          type: 'HIGH_ENTROPY_STRING',
          start,
          end: start + match[0].length,
          score: 0.7,
          value: match[0],
        });
      }
    }
    const findings = resolveOverlaps(candidates);
    return resultOf(findings, redact ? redactFindings(text, findings, maskReplacement) : undefined);
  };
}
