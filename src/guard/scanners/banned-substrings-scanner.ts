// Banned substrings (competitor names, code words) and banned topics (keyword lists per topic), matched
// on normalised text so that zero-width splits and homoglyphs do not slip past.
import { GantryError } from '../../errors/index.js';
import { normalizeText } from '../normalize/index.js';
import { type Finding, resultOf, type Scanner } from '../types.js';

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function bannedSubstringsScanner(options: {
  substrings: readonly string[];
  caseSensitive?: boolean;
}): Scanner {
  const { substrings, caseSensitive = false } = options;
  if (substrings.some((s) => s.trim().length === 0)) {
    throw new GantryError(
      'GUARD_OPTIONS_INVALID',
      'A banned substring is empty, so it would match every text.',
      {
        hint: 'Remove empty entries from guard bannedSubstrings.substrings.',
      },
    );
  }
  const pattern = substrings.length
    ? new RegExp(substrings.map(escapeRegExp).join('|'), caseSensitive ? 'g' : 'gi')
    : undefined;
  return (text) => {
    if (!pattern) return resultOf([]);
    const normalized = normalizeText(text).text;
    const findings: Finding[] = [];
    for (const match of normalized.matchAll(pattern)) {
      findings.push({ scanner: 'banned-substrings', type: 'banned', score: 1, value: match[0] });
    }
    // Spans refer to the normalised text, so the original is not redacted span by span.
    return resultOf(findings, findings.length ? normalized.replace(pattern, '[REDACTED]') : text);
  };
}

/** Topics as keyword lists: the share of a topic's keywords present sets its score. */
export function bannedTopicsScanner(options: { topics: Record<string, readonly string[]> }): Scanner {
  const topics = Object.entries(options.topics).map(([topic, keywords]) => ({
    topic,
    patterns: keywords.map((k) => new RegExp(`\\b${escapeRegExp(k)}\\b`, 'i')),
  }));
  return (text) => {
    const normalized = normalizeText(text).text;
    const findings: Finding[] = [];
    for (const { topic, patterns } of topics) {
      const hits = patterns.filter((p) => p.test(normalized)).length;
      // One keyword is a signal, two or more is the topic.
      if (hits > 0)
        findings.push({ scanner: 'banned-topics', type: topic, score: Math.min(1, 0.5 + 0.25 * (hits - 1)) });
    }
    return resultOf(findings);
  };
}
