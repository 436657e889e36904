// Replaces the spans of findings in a text, right to left so that earlier offsets stay valid.
import { createHash } from 'node:crypto';
import type { Finding } from './types.js';

export type Replacement = (finding: Finding) => string;

export const maskReplacement: Replacement = (finding) => `[${finding.type}]`;

/** A short, stable digest: the same value always gets the same label, which keeps joins possible. */
export function hashReplacement(salt = ''): Replacement {
  return (finding) =>
    `[${finding.type}:${createHash('sha256')
      .update(salt + (finding.value ?? ''))
      .digest('hex')
      .slice(0, 8)}]`;
}

/** Keeps the highest-scoring finding where spans overlap (longer wins a tie). */
export function resolveOverlaps(findings: readonly Finding[]): Finding[] {
  const spanned = findings
    .filter((f) => f.start !== undefined && f.end !== undefined)
    .sort((a, b) => b.score - a.score || b.end! - b.start! - (a.end! - a.start!));
  const kept: Finding[] = [];
  for (const finding of spanned) {
    if (!kept.some((k) => finding.start! < k.end! && k.start! < finding.end!)) kept.push(finding);
  }
  return kept.sort((a, b) => a.start! - b.start!);
}

export function redactFindings(
  text: string,
  findings: readonly Finding[],
  replace: Replacement = maskReplacement,
) {
  let result = text;
  for (const finding of resolveOverlaps(findings).reverse()) {
    result = result.slice(0, finding.start) + replace(finding) + result.slice(finding.end);
  }
  return result;
}
