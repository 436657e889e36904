// Leak recall on transformations the matcher was not built for (unseen-leak-transforms.ts), per family, and
// the false alarms of the same scanner: answers without a canary, code-heavy answers without one, and answers
// holding a different canary written in the same family. Canaries come in two shapes: `gantry-xxxxxxxx` (as
// leak-eval.ts) and twelve random letters and digits in mixed case (an API-key-like token).
import { createHash } from 'node:crypto';
import { promptLeakScanner } from '../scanners/index.js';
import type { Scanner } from '../types.js';
import { codeHeavyAnswers } from './code-heavy-answers.js';
import { canaryOf } from './leak-eval.js';
import { type LeakTransform, transformRandom, unseenLeakTransforms } from './unseen-leak-transforms.js';

export type LeakScannerFactory = (options: { canaries: readonly string[] }) => Scanner;

/** The canary of an answer: the two shapes alternate. */
export function unseenCanaryOf(seed: string, index: number): string {
  if (index % 2 === 0) return canaryOf(seed);
  const letters = createHash('sha256')
    .update(seed)
    .digest('base64')
    .replace(/[^a-zA-Z0-9]/g, '');
  return letters.slice(0, 12);
}

export interface UnseenLeakReport {
  answers: number;
  families: string[];
  recallByFamily: Record<string, number>;
  /** Mean of the families' recalls. */
  recall: number;
  /** Answers without any canary flagged. */
  falseAlarmRate: number;
  /** Code-heavy benign answers (hashes, base64, escapes, char codes) without the canary flagged. */
  codeHeavyFalseAlarmRate: number;
  codeHeavyAnswers: number;
  /** Answers holding a different canary, written in the family's way, flagged (over all families). */
  otherCanaryFalseAlarmRate: number;
  otherCanaryAlarmsByFamily: Record<string, number>;
}

function embed(answer: string, leak: string): string {
  const cut = answer.lastIndexOf(' ', Math.floor(answer.length / 2));
  return `${answer.slice(0, Math.max(0, cut))} ${leak} ${answer.slice(Math.max(0, cut))}`;
}

export function evaluateUnseenLeaks(
  answers: readonly string[],
  families: readonly string[],
  options: {
    scanner?: LeakScannerFactory;
    transforms?: Record<string, LeakTransform>;
    codeHeavy?: readonly string[];
  } = {},
): UnseenLeakReport {
  const {
    scanner = promptLeakScanner,
    transforms = unseenLeakTransforms,
    codeHeavy = codeHeavyAnswers(),
  } = options;
  const recallByFamily: Record<string, number> = {};
  const otherCanaryAlarmsByFamily: Record<string, number> = {};
  let otherAlarms = 0;
  for (const family of families) {
    const transform = transforms[family];
    let hits = 0;
    let alarms = 0;
    answers.forEach((answer, i) => {
      const canary = unseenCanaryOf(`unseen:${family}:${i}`, i);
      const scan = scanner({ canaries: [canary] });
      if (scan(embed(answer, transform(canary, transformRandom(family, i)))).findings.length) hits++;
      const other = unseenCanaryOf(`unseen-other:${family}:${i}`, i);
      if (scan(embed(answer, transform(other, transformRandom(`other:${family}`, i)))).findings.length)
        alarms++;
    });
    recallByFamily[family] = hits / answers.length;
    otherCanaryAlarmsByFamily[family] = alarms;
    otherAlarms += alarms;
  }
  let falseAlarms = 0;
  answers.forEach((answer, i) => {
    if (scanner({ canaries: [unseenCanaryOf(`unseen-absent:${i}`, i)] })(answer).findings.length)
      falseAlarms++;
  });
  let codeAlarms = 0;
  codeHeavy.forEach((answer, i) => {
    if (scanner({ canaries: [unseenCanaryOf(`unseen-code:${i}`, i)] })(answer).findings.length) codeAlarms++;
  });
  const recalls = families.map((family) => recallByFamily[family]);
  return {
    answers: answers.length,
    families: [...families],
    recallByFamily,
    recall: recalls.reduce((a, b) => a + b, 0) / Math.max(1, recalls.length),
    falseAlarmRate: falseAlarms / answers.length,
    codeHeavyFalseAlarmRate: codeAlarms / codeHeavy.length,
    codeHeavyAnswers: codeHeavy.length,
    otherCanaryFalseAlarmRate: otherAlarms / Math.max(1, answers.length * families.length),
    otherCanaryAlarmsByFamily,
  };
}
