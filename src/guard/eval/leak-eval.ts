// Leak detection measured on transformed canaries: each held-out benign text plays a model's answer, a
// random canary is embedded in it after one of the transformations a model applies when it leaks
// (case, spacing, separators, spelled out, rot13, base64, split over lines, reversed), and the scanner
// must find it. False alarms: the same answers without the canary, and with a different random canary.
import { createHash } from 'node:crypto';
import { rot13 } from '../normalize/index.js';
import { promptLeakScanner } from '../scanners/index.js';

/** The NATO spelling alphabet, a to z, as a model spells a secret out. */
export const nato = [
  'Alpha',
  'Bravo',
  'Charlie',
  'Delta',
  'Echo',
  'Foxtrot',
  'Golf',
  'Hotel',
  'India',
  'Juliett',
  'Kilo',
  'Lima',
  'Mike',
  'November',
  'Oscar',
  'Papa',
  'Quebec',
  'Romeo',
  'Sierra',
  'Tango',
  'Uniform',
  'Victor',
  'Whiskey',
  'X-ray',
  'Yankee',
  'Zulu',
];
const digits = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** How a model may write a leaked canary. */
export const leakTransforms: Record<string, (canary: string) => string> = {
  verbatim: (c) => c,
  upper: (c) => c.toUpperCase(),
  spaced: (c) => [...c].join(' '),
  dashed: (c) => [...c.replace(/[^a-z0-9]/gi, '')].join('-'),
  lines: (c) => `${c.slice(0, 5)}\n${c.slice(5, 10)}\n${c.slice(10)}`,
  spelled: (c) =>
    [...c.replace(/[^a-z0-9]/gi, '')]
      .map((ch) => (/\d/.test(ch) ? digits[Number(ch)] : nato[ch.toLowerCase().charCodeAt(0) - 97]))
      .join(' '),
  rot13: (c) => `(rot13) ${rot13(c)}`,
  base64: (c) => Buffer.from(`the secret code is ${c}`).toString('base64'),
  reversed: (c) => [...c].reverse().join(''),
};

export function canaryOf(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  // Canaries as users write them: a word, a dash, random letters and digits.
  return `gantry-${hex.slice(0, 4)}${hex.slice(4, 8).replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)])}`;
}

export interface LeakEvalReport {
  answers: number;
  recallByTransform: Record<string, number>;
  recall: number;
  /** Answers without any canary flagged. */
  falseAlarmRate: number;
  /** Answers holding a different canary flagged. */
  otherCanaryFalseAlarmRate: number;
}

export function evaluateLeakDetection(answers: readonly string[]): LeakEvalReport {
  const recallByTransform: Record<string, number> = {};
  let found = 0;
  let total = 0;
  let falseAlarms = 0;
  let otherAlarms = 0;
  const transforms = Object.entries(leakTransforms);
  for (const [name, transform] of transforms) {
    let hits = 0;
    answers.forEach((answer, i) => {
      const canary = canaryOf(`${name}:${i}`);
      const scan = promptLeakScanner({ canaries: [canary] });
      const cut = answer.lastIndexOf(' ', Math.floor(answer.length / 2));
      const leaked = `${answer.slice(0, Math.max(0, cut))} ${transform(canary)} ${answer.slice(Math.max(0, cut))}`;
      if (scan(leaked).findings.length) hits++;
    });
    recallByTransform[name] = hits / answers.length;
    found += hits;
    total += answers.length;
  }
  answers.forEach((answer, i) => {
    const canary = canaryOf(`absent:${i}`);
    const scan = promptLeakScanner({ canaries: [canary] });
    if (scan(answer).findings.length) falseAlarms++;
    const other = canaryOf(`other:${i}`);
    const withOther = `${answer} ${leakTransforms.spaced(other)}`;
    if (scan(withOther).findings.length) otherAlarms++;
  });
  return {
    answers: answers.length,
    recallByTransform,
    recall: found / total,
    falseAlarmRate: falseAlarms / answers.length,
    otherCanaryFalseAlarmRate: otherAlarms / answers.length,
  };
}
