// Measures the lexical groundedness check on the labelled IR-collection set: per claim kind, how many
// unsupported claims are flagged (recall) and how many supported ones are (false-flag rate), at a
// threshold chosen on the validation documents (Youden's J) and on the test documents only; per
// answer, how many clean answers are flagged; and leave-one-collection-out (threshold from the other
// collections' validation documents, scored on all of the left-out collection).
import { checkGroundednessLexical } from '../grounding/index.js';
import type { ClaimKind, GroundednessCase } from './groundedness-cases.js';

export interface ScoredClaim {
  collection: string;
  split: 'validation' | 'test';
  kind: ClaimKind;
  supported: boolean;
  score: number;
}

export interface GroundednessEvalReport {
  threshold: number;
  /** Unsupported claims flagged, test documents. */
  recall: number;
  /** Supported claims flagged, test documents. */
  falseFlagRate: number;
  byKind: Record<string, { count: number; flagged: number }>;
  /** Answers with only supported claims that had any claim flagged; answers with one unsupported claim that were flagged. */
  answers: { cleanFlagged: number; clean: number; unsupportedFlagged: number; unsupported: number };
  leaveOneCollectionOut: { collection: string; threshold: number; recall: number; falseFlagRate: number }[];
  claims: number;
  microsecondsPerAnswer: number;
}

/** Scores every planted claim (the highest unsupported score of the split claims overlapping it). */
export function scoreGroundednessCases(cases: readonly GroundednessCase[]): {
  claims: ScoredClaim[];
  answers: { split: string; supported: boolean; score: number }[];
  microsecondsPerAnswer: number;
} {
  const claims: ScoredClaim[] = [];
  const answers: { split: string; supported: boolean; score: number }[] = [];
  const started = performance.now();
  for (const item of cases) {
    const report = checkGroundednessLexical(item.answer, item.sources, { threshold: 2 });
    const isClean = item.claims.every((c) => c.supported);
    answers.push({
      split: item.split,
      supported: isClean,
      score: Math.max(0, ...report.claims.map((c) => c.score)),
    });
    item.claims.forEach((planted, position) => {
      // Supported fillers repeat in every answer of a document: count them once, from the first clean answer.
      if (position !== 1 && !item.id.endsWith(':supported')) return;
      const overlapping = report.claims.filter((c) => c.start < planted.end && c.end > planted.start);
      claims.push({
        collection: item.collection,
        split: item.split,
        kind: planted.kind,
        supported: planted.supported,
        score: Math.max(0, ...overlapping.map((c) => c.score)),
      });
    });
  }
  return { claims, answers, microsecondsPerAnswer: ((performance.now() - started) * 1000) / cases.length };
}

/** The threshold with the best recall minus false-flag rate (Youden's J) on the given claims. */
export function chooseGroundednessThreshold(claims: readonly ScoredClaim[]): number {
  const candidates = [...new Set(claims.map((c) => c.score))].sort((a, b) => a - b);
  let best = { threshold: 0.5, j: -1 };
  for (const threshold of candidates) {
    if (threshold <= 0) continue;
    const { recall, falseFlagRate } = rates(claims, threshold);
    if (recall - falseFlagRate > best.j) best = { threshold, j: recall - falseFlagRate };
  }
  return best.threshold;
}

function rates(claims: readonly ScoredClaim[], threshold: number) {
  const positives = claims.filter((c) => !c.supported);
  const negatives = claims.filter((c) => c.supported);
  return {
    recall: positives.filter((c) => c.score >= threshold).length / Math.max(1, positives.length),
    falseFlagRate: negatives.filter((c) => c.score >= threshold).length / Math.max(1, negatives.length),
  };
}

export function evaluateGroundedness(
  cases: readonly GroundednessCase[],
  options: { threshold?: number } = {},
): GroundednessEvalReport {
  const { claims, answers, microsecondsPerAnswer } = scoreGroundednessCases(cases);
  const validation = claims.filter((c) => c.split === 'validation');
  const test = claims.filter((c) => c.split === 'test');
  const threshold = options.threshold ?? chooseGroundednessThreshold(validation);
  const byKind: GroundednessEvalReport['byKind'] = {};
  for (const claim of test) {
    byKind[claim.kind] ??= { count: 0, flagged: 0 };
    const entry = byKind[claim.kind];
    entry.count++;
    if (claim.score >= threshold) entry.flagged++;
  }
  const testAnswers = answers.filter((a) => a.split === 'test');
  const collections = [...new Set(claims.map((c) => c.collection))];
  return {
    threshold,
    ...rates(test, threshold),
    byKind,
    answers: {
      clean: testAnswers.filter((a) => a.supported).length,
      cleanFlagged: testAnswers.filter((a) => a.supported && a.score >= threshold).length,
      unsupported: testAnswers.filter((a) => !a.supported).length,
      unsupportedFlagged: testAnswers.filter((a) => !a.supported && a.score >= threshold).length,
    },
    leaveOneCollectionOut: collections.map((collection) => {
      const chosen = chooseGroundednessThreshold(validation.filter((c) => c.collection !== collection));
      return {
        collection,
        threshold: chosen,
        ...rates(
          claims.filter((c) => c.collection === collection),
          chosen,
        ),
      };
    }),
    claims: claims.length,
    microsecondsPerAnswer,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function formatGroundednessEval(report: GroundednessEvalReport): string {
  const lines = [
    `threshold ${report.threshold} (validation documents); test documents: recall ${pct(report.recall)}, supported claims flagged ${pct(report.falseFlagRate)}; ${report.claims} claims; ${report.microsecondsPerAnswer.toFixed(0)} µs per answer`,
    '',
    '| claim kind | label | test claims | flagged |',
    '| --- | --- | --- | --- |',
    ...Object.entries(report.byKind).map(
      ([kind, { count, flagged }]) =>
        `| ${kind} | ${['verbatim', 'clause', 'framed', 'synonyms'].includes(kind) ? 'supported' : 'unsupported'} | ${count} | ${pct(flagged / Math.max(1, count))} |`,
    ),
    '',
    `answers (test): clean answers flagged ${report.answers.cleanFlagged}/${report.answers.clean} (${pct(report.answers.cleanFlagged / Math.max(1, report.answers.clean))}), answers with an unsupported claim flagged ${report.answers.unsupportedFlagged}/${report.answers.unsupported} (${pct(report.answers.unsupportedFlagged / Math.max(1, report.answers.unsupported))})`,
    '',
    '| left-out collection | threshold (other collections) | recall | supported flagged |',
    '| --- | --- | --- | --- |',
    ...report.leaveOneCollectionOut.map(
      (r) => `| ${r.collection} | ${r.threshold} | ${pct(r.recall)} | ${pct(r.falseFlagRate)} |`,
    ),
  ];
  return lines.join('\n');
}
