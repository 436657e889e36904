// Output checks: valid JSON (optionally against a required-keys list), system-prompt leakage (canary
// tokens and fuzzy overlap with the system prompt) and URLs against allow/deny lists.

import { z } from 'zod';
import { GantryError } from '../../errors/index.js';
import { redactFindings } from '../redact-findings.js';
import { type Finding, resultOf, type Scanner } from '../types.js';
import { findCanaries, skeletonOverlap } from './leak-matching.js';

/**
 * Output that must be JSON: valid syntax (a fenced ```json block is accepted), required keys, and when
 * a JSON Schema is given, conformance to it (zod's JSON Schema reader; one finding per violation).
 */
export function jsonValidityScanner(
  options: { requiredKeys?: readonly string[]; schema?: Record<string, unknown> } = {},
): Scanner {
  let validator: z.ZodType | undefined;
  if (options.schema) {
    try {
      validator = z.fromJSONSchema(options.schema as Parameters<typeof z.fromJSONSchema>[0]);
    } catch (error) {
      throw new GantryError(
        'GUARD_OPTIONS_INVALID',
        `The JSON Schema given to the JSON scanner cannot be read: ${(error as Error).message}.`,
        {
          hint: 'Pass a JSON Schema object (draft 2020-12 or draft-07).',
          cause: error,
        },
      );
    }
  }
  return (text) => {
    const body = text.trim().replace(/^```(?:json)?\s*|\s*```$/g, '');
    let value: unknown;
    try {
      value = JSON.parse(body) as unknown;
    } catch (error) {
      return resultOf([{ scanner: 'json', type: 'invalid-json', score: 1, value: (error as Error).message }]);
    }
    const findings: Finding[] = (options.requiredKeys ?? [])
      .filter((key) => typeof value !== 'object' || value === null || !(key in (value as object)))
      .map((key) => ({ scanner: 'json', type: `missing-key:${key}`, score: 1 }));
    if (validator) {
      const parsed = validator.safeParse(value);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          findings.push({
            scanner: 'json',
            type: `schema:${issue.path.join('.') || '(root)'}`,
            score: 1,
            value: issue.message,
          });
        }
      }
    }
    return resultOf(findings);
  };
}

function shingles(text: string, size: number): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const set = new Set<string>();
  for (let i = 0; i + size <= words.length; i++) set.add(words.slice(i, i + size).join(' '));
  return set;
}

/**
 * Leakage of the system prompt: canary tokens verbatim or transformed (case, separators, line breaks,
 * spelled-out letters, rot13, base64/hex, reversed; see leak-matching.ts), or a share of the system
 * prompt reappearing in the output: word 5-grams (light rewording) or character 12-grams of the
 * alphanumeric skeleton (reformatting, changed spacing and case).
 */
export function promptLeakScanner(options: {
  canaries?: readonly string[];
  systemPrompt?: string;
  minimumOverlap?: number;
}): Scanner {
  const { canaries = [], systemPrompt, minimumOverlap = 0.3 } = options;
  const promptShingles = systemPrompt ? shingles(systemPrompt, 5) : new Set<string>();
  return (text) => {
    const findings: Finding[] = [];
    for (const match of findCanaries(text, canaries)) {
      const start = match.via === 'verbatim' ? text.indexOf(match.canary) : -1;
      findings.push({
        scanner: 'prompt-leak',
        type: match.via === 'verbatim' ? 'canary' : `canary:${match.via}`,
        ...(start >= 0 ? { start, end: start + match.canary.length } : {}),
        score: 1,
        value: match.canary,
      });
    }
    if (promptShingles.size > 0 && systemPrompt) {
      const output = shingles(text, 5);
      let shared = 0;
      for (const shingle of promptShingles) if (output.has(shingle)) shared++;
      const overlap = Math.max(shared / promptShingles.size, skeletonOverlap(systemPrompt, text));
      if (overlap >= minimumOverlap)
        findings.push({
          scanner: 'prompt-leak',
          type: 'system-prompt',
          score: Math.min(1, overlap / minimumOverlap / 2 + 0.5),
        });
    }
    return resultOf(
      findings,
      redactFindings(
        text,
        findings.filter((f) => f.start !== undefined),
        () => '[REDACTED]',
      ),
    );
  };
}

function hostMatches(host: string, rule: string): boolean {
  const bare = rule.replace(/^\*\./, '').toLowerCase();
  return host === bare || host.endsWith('.' + bare);
}

/** URLs whose host is on the deny list, or not on the allow list when one is given. */
export function urlScanner(options: { allow?: readonly string[]; deny?: readonly string[] }): Scanner {
  const { allow = [], deny = [] } = options;
  return (text) => {
    const findings: Finding[] = [];
    for (const match of text.matchAll(/\bhttps?:\/\/[^\s<>"'`)\]]+/gi)) {
      let host: string;
      try {
        host = new URL(match[0]).hostname.toLowerCase();
      } catch {
        continue;
      }
      const denied = deny.some((rule) => hostMatches(host, rule));
      const notAllowed = allow.length > 0 && !allow.some((rule) => hostMatches(host, rule));
      if (denied || notAllowed) {
        const start = match.index!;
        findings.push({
          scanner: 'urls',
          type: denied ? 'denied-url' : 'unlisted-url',
          start,
          end: start + match[0].length,
          score: 1,
          value: match[0],
        });
      }
    }
    return resultOf(
      findings,
      redactFindings(text, findings, () => '[URL REMOVED]'),
    );
  };
}
