// What the default input policy does to benign prompts: how many it rewrites (redacts), blocks or flags,
// and which rule did it. Block rates count only held-out (test split) rows, since the classifiers were
// trained on the training split; PII rewriting involves no training on these sets, so every row counts.
import type { GroupedRow } from '../datasets/index.js';
import { createGuardPolicy, type GuardPolicy } from '../policy/index.js';

export interface BenignHarmReport {
  rows: number;
  /** Share of rows whose text the policy changed (redaction), all rows. */
  rewriteRate: number;
  /** Share flagged (reported, text unchanged), all rows. */
  flagRate: number;
  /** Share of held-out rows blocked. */
  blockRate: number;
  heldOutRows: number;
  /** Rows rewritten, flagged or blocked, per rule. */
  byRule: Record<string, { rewritten: number; flagged: number; blocked: number }>;
  examples: { text: string; rule: string; action: string }[];
}

const benignKinds = new Set(['benign', 'benign-roleplay', 'benign-sensitive']);

export function evaluateBenignHarm(
  rows: readonly GroupedRow[],
  policy: GuardPolicy = createGuardPolicy(),
): BenignHarmReport {
  // Presidio's synthetic sentences are benign for the attack tasks but full of PII by design: redacting
  // them is right, so they are not counted here.
  const benign = rows.filter((row) => benignKinds.has(row.kind) && row.source !== 'presidio-synth');
  const byRule: BenignHarmReport['byRule'] = {};
  const examples: BenignHarmReport['examples'] = [];
  let rewritten = 0;
  let flagged = 0;
  let blocked = 0;
  let heldOut = 0;
  for (const row of benign) {
    const decision = policy.checkText(row.text, { direction: 'input' });
    const test = row.split === 'test';
    if (test) heldOut++;
    const entry = (rule: string) => {
      byRule[rule] ??= { rewritten: 0, flagged: 0, blocked: 0 };
      return byRule[rule];
    };
    if (decision.action === 'block') {
      if (!test) continue;
      blocked++;
      for (const rule of new Set(decision.findings.filter((f) => f.action === 'block').map((f) => f.rule)))
        entry(rule).blocked++;
      if (examples.length < 40)
        examples.push({ text: row.text.slice(0, 160), rule: decision.findings[0].rule, action: 'block' });
    } else if (decision.text !== row.text) {
      rewritten++;
      for (const rule of new Set(decision.findings.filter((f) => f.action === 'redact').map((f) => f.rule)))
        entry(rule).rewritten++;
      if (examples.length < 40)
        examples.push({ text: row.text.slice(0, 160), rule: decision.findings[0].rule, action: 'redact' });
    } else if (decision.action === 'flag') {
      flagged++;
      for (const rule of new Set(decision.findings.map((f) => f.rule))) entry(rule).flagged++;
    }
  }
  return {
    rows: benign.length,
    rewriteRate: rewritten / (benign.length || 1),
    flagRate: flagged / (benign.length || 1),
    blockRate: blocked / (heldOut || 1),
    heldOutRows: heldOut,
    byRule,
    examples,
  };
}
