// Pattern recognizers in Presidio's shape: a pattern finds candidates, a validator (checksum, range,
// phone-number metadata) confirms or drops them, and context words nearby raise the score.
import { type CountryCode, isValidPhoneNumber } from 'libphonenumber-js/max';
import { hasAddressShape, hasAsciiDigit, includesAny, type MayMatch } from '../pattern-prefilters.js';
import {
  isBase58CheckValid,
  isBech32Valid,
  isIbanValid,
  isIpAddress,
  isLuhnValid,
  isSsnValid,
} from './checksums.js';

export interface Recognizer {
  entity: string;
  pattern: RegExp;
  /** Score of a match that passed validation, before context. */
  score: number;
  /** false drops the match; a number replaces the score. `nth` counts this recognizer's candidates in the text. */
  validate?: (value: string, nth: number) => boolean | number;
  /** Words that, shortly before a match, raise its score by `contextBoost`. */
  context?: readonly string[];
  /** False where the pattern cannot match the text (pattern-prefilters.ts): the pattern is then not run. */
  mayMatch?: MayMatch;
}

// Regions tried for numbers written without a country code: Presidio's defaults (US, UK, DE, FR, IL,
// IN, BR; Canada shares the US numbering plan). Each region costs a metadata lookup per candidate.
export const defaultPhoneRegions: readonly CountryCode[] = ['US', 'GB', 'DE', 'FR', 'IL', 'IN', 'BR'];

/**
 * Validating a candidate against libphonenumber's metadata costs tens of microseconds per region; a
 * text full of digit groups (an adversarial or tabular input) would make that quadratic-looking in
 * practice. Past this many candidates in one text, numbers are judged by shape only (score 0.3, so
 * they still count with a context word).
 */
export const maximumPhoneValidations = 200;

/**
 * Verdicts remembered per validator. A chat request carries the whole conversation, so the same
 * numbers are scanned again on every turn; a metadata lookup that failed in all regions costs ~20 µs
 * per region, a cache hit well under one.
 */
export const phoneVerdictCacheSize = 2048;

/** Phone validation for a list of regions: fewer regions, faster scans of number-heavy text. */
export function phoneValidator(regions: readonly CountryCode[] = defaultPhoneRegions) {
  const verdicts = new Map<string, boolean | number>();
  return (value: string, nth: number): boolean | number => {
    const shape = phoneShapeVerdict(value);
    if (shape !== undefined) return shape;
    if (nth >= maximumPhoneValidations) return shapeOnly(value);
    const known = verdicts.get(value);
    if (known !== undefined) return known;
    const verdict = validPhone(value, regions);
    // Oldest first out: a Map iterates in insertion order.
    if (verdicts.size >= phoneVerdictCacheSize) verdicts.delete(verdicts.keys().next().value!);
    verdicts.set(value, verdict);
    return verdict;
  };
}

/** Shapes that are something else, decided without the metadata; undefined when the metadata must judge. */
function phoneShapeVerdict(value: string): false | undefined {
  // ISO dates and times share the digit-group shape of phone numbers.
  if (/^(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}/.test(value)) return false;
  // The 3-2-4 shape is a social security number's, not a phone number's.
  if (/^\d{3}-\d{2}-\d{4}$/.test(value)) return false;
  // A dotted quad is an IPv4 address (the IP recognizer's), not a phone number.
  if (/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(value)) return false;
  const digits = value.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return false;
  return undefined;
}

/** Shaped like a phone number but unknown to the metadata: only context can make it count. */
function shapeOnly(value: string): number | false {
  return /[-. )]/.test(value) ? 0.3 : false;
}

function validPhone(value: string, regions: readonly CountryCode[]): boolean | number {
  if (value.trim().startsWith('+')) return isValidPhoneNumber(value) ? 0.75 : false;
  for (const region of regions) if (isValidPhoneNumber(value, region)) return 0.6;
  return shapeOnly(value);
}

export const recognizers: readonly Recognizer[] = [
  {
    entity: 'EMAIL_ADDRESS',
    // Bounded repetitions (RFC 5321: 64-character local part, 63-character labels) keep the scan
    // linear on long runs of address characters without an '@'.
    pattern: /\b[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}\b/g,
    mayMatch: includesAny('@'),
    score: 0.95,
    context: ['email', 'e-mail', 'mail', 'contact'],
  },
  {
    entity: 'CREDIT_CARD',
    pattern: /\b(?:\d[ -]?){11,18}\d\b/g,
    score: 0.9,
    validate: isLuhnValid,
    context: ['credit', 'card', 'visa', 'mastercard', 'amex', 'discover', 'payment', 'cc'],
  },
  {
    entity: 'IBAN_CODE',
    pattern: /\b[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){11,30}\b/g,
    score: 1,
    validate: isIbanValid,
    context: ['iban', 'bank', 'account', 'transfer'],
  },
  {
    entity: 'US_SSN',
    pattern: /\b\d{3}([- .])\d{2}\1\d{4}\b|\b\d{9}\b/g,
    score: 0.6,
    validate: (value) => (isSsnValid(value) ? (/\D/.test(value) ? 0.6 : 0.2) : false),
    context: ['ssn', 'social', 'security', 'ss#', 'ssid'],
  },
  {
    entity: 'IP_ADDRESS',
    pattern:
      /\b(?:\d{1,3}\.){3}\d{1,3}\b|(?<![:\w])(?:[0-9a-fA-F]{1,4}:){2,7}(?::|[0-9a-fA-F]{1,4})(?![:\w])|::1\b/g,
    mayMatch: hasAddressShape,
    score: 0.6,
    // Loopback and unspecified addresses name no one.
    validate: (value) => isIpAddress(value) && !/^(?:127\.|0\.0\.0\.0$)|^::1?$/.test(value),
    context: ['ip', 'address', 'host', 'server', 'ipv4', 'ipv6'],
  },
  {
    entity: 'CRYPTO',
    pattern: /\b(?:[13][a-km-zA-HJ-NP-Z1-9]{25,34}|bc1[ac-hj-np-z02-9]{11,71}|0x[a-fA-F0-9]{40})\b/g,
    score: 1,
    validate: (value) =>
      value.startsWith('0x')
        ? 0.6
        : value.startsWith('bc1')
          ? isBech32Valid(value)
          : isBase58CheckValid(value),
    context: ['wallet', 'btc', 'bitcoin', 'eth', 'ethereum', 'crypto'],
  },
  {
    entity: 'PHONE_NUMBER',
    pattern:
      /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){1,4}(?![\w:-])|(?<![\w+])\+\d{8,14}\b/g,
    score: 0.6,
    validate: phoneValidator(),
    context: [
      'phone',
      'call',
      'tel',
      'telephone',
      'mobile',
      'cell',
      'fax',
      'number',
      'reach',
      'contact',
      'whatsapp',
    ],
  },
  {
    entity: 'DATE_OF_BIRTH',
    pattern:
      /\b(?:\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (?:19|20)\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2},? (?:19|20)\d{2})\b/gi,
    // Every alternative holds a digit.
    mayMatch: hasAsciiDigit,
    // A date alone is not personal: only a birth context makes it a date of birth.
    score: 0.15,
    context: ['born', 'birth', 'dob', 'd.o.b', 'birthday', 'geboren', 'né', 'née'],
  },
];

export const patternEntities = recognizers.map((recognizer) => recognizer.entity);
