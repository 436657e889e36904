// The PII scanner: validated pattern recognizers plus the learned name/address tagger, context words
// that raise scores, and three redaction modes (mask, hash, reversible vault).

import type { CountryCode } from 'libphonenumber-js/max';
import type { LinearModel } from '../classifier/index.js';
import { matchesWhere } from '../pattern-prefilters.js';
import { hashReplacement, maskReplacement, redactFindings, resolveOverlaps } from '../redact-findings.js';
import { type Finding, resultOf, type Scanner } from '../types.js';
import type { Vault } from '../vault/index.js';
import { shippedEntityTagger, tagEntities } from './entity-tagger.js';
import { phoneValidator, type Recognizer, recognizers } from './recognizers.js';

export const piiEntities = [
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'CREDIT_CARD',
  'IBAN_CODE',
  'US_SSN',
  'IP_ADDRESS',
  'CRYPTO',
  'DATE_OF_BIRTH',
  'PERSON',
  'STREET_ADDRESS',
] as const;

export interface PiiScannerOptions {
  /** Entities to look for; default all of `piiEntities`. */
  entities?: readonly string[];
  /** Minimum score of a reported finding. */
  threshold?: number;
  /** Added to a match's score when a context word appears shortly before it (Presidio: 0.35). */
  contextBoost?: number;
  redact?: 'mask' | 'hash' | Vault | false;
  /** Regions whose national formats phone numbers are validated against (default: Presidio's 7). */
  phoneRegions?: readonly string[];
  tagger?: LinearModel;
}

const contextWindow = 48;
const placeholderPattern = /\[[A-Z][A-Z_]*(?:[_:][0-9a-f]+)?\]/g;

function contextScore(text: string, start: number, recognizer: Recognizer, boost: number, base: number) {
  if (!recognizer.context) return base;
  const before = text.slice(Math.max(0, start - contextWindow), start).toLowerCase();
  return recognizer.context.some((word) => before.includes(word))
    ? Math.min(1, Math.max(base + boost, 0.4))
    : base;
}

export function piiScanner(options: PiiScannerOptions = {}): Scanner {
  const { entities = piiEntities, threshold = 0.5, contextBoost = 0.35, redact = 'mask' } = options;
  const wanted = new Set(entities);
  const active = recognizers
    .filter((recognizer) => wanted.has(recognizer.entity))
    .map((recognizer) =>
      recognizer.entity === 'PHONE_NUMBER' && options.phoneRegions
        ? { ...recognizer, validate: phoneValidator(options.phoneRegions as CountryCode[]) }
        : recognizer,
    );
  const useTagger = wanted.has('PERSON') || wanted.has('STREET_ADDRESS');
  const tagger = useTagger ? (options.tagger ?? shippedEntityTagger()) : undefined;
  const replace =
    redact === 'mask'
      ? maskReplacement
      : redact === 'hash'
        ? hashReplacement()
        : redact
          ? (finding: Finding) => redact.placeholderFor(finding)
          : undefined;

  return (text) => {
    const candidates: Finding[] = [];
    for (const recognizer of active) {
      let nth = 0;
      // A pattern that cannot match the text is not run (its prefilter; the same matches).
      for (const match of matchesWhere(recognizer.pattern, text, recognizer.mayMatch)) {
        const value = match[0];
        const verdict = recognizer.validate ? recognizer.validate(value, nth++) : true;
        if (verdict === false) continue;
        const base = typeof verdict === 'number' ? verdict : recognizer.score;
        const score = contextScore(text, match.index!, recognizer, contextBoost, base);
        if (score < threshold) continue;
        const start = match.index!;
        candidates.push({
          scanner: 'pii',
          type: recognizer.entity,
          start,
          end: start + value.length,
          score,
          value,
        });
      }
    }
    if (tagger) {
      for (const finding of tagEntities(text, tagger)) {
        if (wanted.has(finding.type) && finding.score >= threshold) {
          // Pattern matches are validated, so they outrank the tagger where the two overlap.
          candidates.push({ ...finding, score: Math.min(finding.score, 0.85) });
        }
      }
    }
    // Placeholders left by an earlier redaction ("[AWS_ACCESS_KEY]", "[EMAIL_ADDRESS_1]") are not PII.
    // Without a candidate or a '[' there is nothing to drop (the pattern is not run).
    const placeholders =
      candidates.length && text.includes('[')
        ? [...text.matchAll(placeholderPattern)].map((m) => [m.index!, m.index! + m[0].length])
        : [];
    const findings = resolveOverlaps(
      placeholders.length
        ? candidates.filter((f) => !placeholders.some(([start, end]) => f.start! < end && start < f.end!))
        : candidates,
    );
    return resultOf(findings, replace ? redactFindings(text, findings, replace) : undefined);
  };
}
