// The evaluation report as Markdown tables: printed by `gantry guard eval` and pasted into
// docs/benchmarks.md by the benchmark.
import type { GuardEvalReport } from './run-guard-eval.js';
import { formatTaskEval } from './task-eval.js';

const fixed = (value: number, digits = 3) => (Number.isNaN(value) ? 'n/a' : value.toFixed(digits));

export function formatEvalReport(report: GuardEvalReport): string {
  const lines: string[] = [];
  if (report.tasks.length) lines.push(formatTaskEval(report.tasks));
  const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
  if (report.benign) {
    const b = report.benign;
    lines.push(
      `Default input policy on ${b.rows} benign prompts: rewritten ${pct(b.rewriteRate)}, flagged ${pct(b.flagRate)}; blocked ${pct(b.blockRate)} of ${b.heldOutRows} held-out ones.`,
      '',
      '| Rule | Rewritten | Flagged | Blocked (held-out) |',
      '| --- | --- | --- | --- |',
      ...Object.entries(b.byRule)
        .sort()
        .map(([rule, c]) => `| ${rule} | ${c.rewritten} | ${c.flagged} | ${c.blocked} |`),
      '',
    );
  }
  if (report.leak) {
    const l = report.leak;
    lines.push(
      `Leak detection on ${l.answers} held-out benign texts with an embedded canary: recall ${pct(l.recall)}; false alarms ${pct(l.falseAlarmRate)} without a canary, ${pct(l.otherCanaryFalseAlarmRate)} with a different one.`,
      '',
      `| ${Object.keys(l.recallByTransform).join(' | ')} |`,
      `| ${Object.keys(l.recallByTransform)
        .map(() => '---')
        .join(' | ')} |`,
      `| ${Object.values(l.recallByTransform).map(pct).join(' | ')} |`,
      '',
    );
  }
  if (report.unseenLeak) {
    const groups = [
      ['dev (tuned on)', report.unseenLeak.dev],
      ['held-out of guardleak2 (spent: its 5 misses were tuned on in guardleak3)', report.unseenLeak.heldOut],
      ['fresh held-out (guardleak3, never tuned on)', report.unseenLeak.fresh],
    ] as const;
    lines.push(
      'Leak transformations the matcher was not built for (mean of the families; false alarms: benign answers, code-heavy answers, a different canary in the same form):',
      '',
      '| Group | Families | Recall | Benign FA | Code-heavy FA | Other-canary FA | Families under 80 % |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...groups.map(
        ([name, r]) =>
          `| ${name} | ${r.families.length} | ${pct(r.recall)} | ${pct(r.falseAlarmRate)} | ${pct(r.codeHeavyFalseAlarmRate)} | ${pct(r.otherCanaryFalseAlarmRate)} | ${
            r.families
              .filter((f) => r.recallByFamily[f] < 0.8)
              .map((f) => `${f} ${pct(r.recallByFamily[f])}`)
              .join(', ') || 'none'
          } |`,
      ),
      '',
    );
  }
  if (report.detectors.length) {
    lines.push(
      '| Detector | Held-out data | Pos | Neg | Threshold | Precision | Recall | F1 | FPR | ROC AUC | Recall @1% FPR | Recall @3% FPR | Threshold @3% FPR (held-out) |',
    );
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const { name, data, metrics: m } of report.detectors) {
      lines.push(
        `| ${name} | ${data} | ${m.positives} | ${m.negatives} | ${fixed(m.threshold, 2)} | ${fixed(m.precision)} | ${fixed(m.recall)} | ${fixed(m.f1)} | ${fixed(m.falsePositiveRate)} | ${fixed(m.rocAuc)} | ${fixed(m.recallAt1PercentFpr)} | ${fixed(m.recallAt3PercentFpr)} | ${fixed(m.thresholdAt3PercentFpr)} |`,
      );
    }
    lines.push('');
  }
  const piiTable = (title: string, pii: GuardEvalReport['pii']) => {
    if (pii.records === 0) return;
    lines.push(title, '');
    lines.push('| Entity | TP | FP | FN | Precision | Recall | F2 |');
    lines.push('| --- | --- | --- | --- | --- | --- | --- |');
    const row = (name: string, m: GuardEvalReport['pii']['overall']) =>
      `| ${name} | ${m.truePositives} | ${m.falsePositives} | ${m.falseNegatives} | ${fixed(m.precision)} | ${fixed(m.recall)} | ${fixed(m.f2)} |`;
    for (const [entity, m] of Object.entries(pii.byEntity).sort()) lines.push(row(entity, m));
    lines.push(row('**all evaluated entities**', pii.overall), '');
  };
  piiTable(
    `PII (pattern recognizers + trained tagger), token level, ${report.pii.records} held-out records of presidio-synth-pii (split by template):`,
    report.pii,
  );
  piiTable(
    `PII pattern recognizers only (nothing trained, so every record counts), ${report.piiPatterns.records} records:`,
    report.piiPatterns,
  );
  if (report.latency.length) {
    lines.push('| Scanner | Texts (1 KB) | p50 ms/KB | p99 ms/KB | CPU p50 ms/KB | CPU p99 ms/KB |');
    lines.push('| --- | --- | --- | --- | --- | --- |');
    for (const l of report.latency) {
      lines.push(
        `| ${l.name} | ${l.calls} | ${fixed(l.p50MsPerKb)} | ${fixed(l.p99MsPerKb)} | ${fixed(l.cpuP50MsPerKb)} | ${fixed(l.cpuP99MsPerKb)} |`,
      );
    }
  }
  return lines.join('\n');
}
