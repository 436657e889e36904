// Router and cascade on GSM8K replayed from recorded answers: the cost/quality frontier, APGR, CPT and
// the cost reduction at 95 % and 98 % of the strong model's accuracy. Thresholds are chosen on the
// `dev` half (the half the classifier was trained on) and the numbers are those of the `report` half.
//   node bin/run-ts.js bench/cost/route-gsm8k.ts [--json] [--html frontier.html]
import { readFileSync, writeFileSync } from 'node:fs';
import {
  answerFeatures,
  averagePerformanceGapRecovered,
  type CascadeChecks,
  cascadeVerdict,
  costForQuality,
  createRouter,
  type LogisticModel,
  type OperatingPoint,
  paretoFrontier,
  predictLogistic,
  promptFeatures,
  routerCurve,
  settleCascade,
  skipsCheapTier,
  strongShareForQuality,
  trainLogistic,
} from '../../src/cost/index.js';
import { paretoChart } from '../../src/eval/index.js';
import { type GsmRow, loadGsm8k } from './route-gsm8k-data.js';

const classifier = JSON.parse(
  readFileSync(new URL('../../src/cost/weights/gsm8k-router.json', import.meta.url), 'utf8'),
) as LogisticModel;
const router = createRouter({ classifier });
const rows = loadGsm8k();
const dev = rows.filter((row) => row.split === 'dev');
const report = rows.filter((row) => row.split === 'report');
// Report rows are scored by the shipped classifier (trained on all of dev). Dev rows are scored
// out of fold (5 folds, each scored by a model trained on the other four), so that thresholds chosen
// on dev see the classifier's real error rather than its training fit.
const scores = new Map(report.map((row) => [row.index, router.score(row.question) as number]));
const verifierModel = JSON.parse(
  readFileSync(new URL('../../src/cost/weights/gsm8k-verifier.json', import.meta.url), 'utf8'),
) as LogisticModel;
const confidence = new Map(
  report.map((row) => [
    row.index,
    predictLogistic(verifierModel, answerFeatures(row.question, row.weakText)),
  ]),
);
const folds = 5;
for (let fold = 0; fold < folds; fold++) {
  const trainRows = dev.filter((_, i) => i % folds !== fold);
  const verifier = trainLogistic(
    trainRows.map((r) => answerFeatures(r.question, r.weakText)),
    trainRows.map((r) => (r.weakCorrect ? 1 : 0)),
    { l2: 0.01 },
  );
  for (const r of dev.filter((_, i) => i % folds === fold))
    confidence.set(r.index, predictLogistic(verifier, answerFeatures(r.question, r.weakText)));
}
for (let fold = 0; fold < folds; fold++) {
  const train = dev.filter((_, i) => i % folds !== fold);
  const model = trainLogistic(
    train.map((r) => promptFeatures(r.question, { hashBuckets: classifier.hashBuckets })),
    train.map((r) => (r.weakCorrect ? 0 : 1)),
    { l2: 0.01 },
  );
  for (const r of dev.filter((_, i) => i % folds === fold))
    scores.set(
      r.index,
      predictLogistic(model, promptFeatures(r.question, { hashBuckets: classifier.hashBuckets })),
    );
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const accuracy = (set: GsmRow[], pick: (row: GsmRow) => boolean) => mean(set.map((r) => (pick(r) ? 1 : 0)));

interface Setting {
  name: string;
  evaluate(set: GsmRow[]): OperatingPoint;
}

/** The pure router at a score threshold. */
function routerSetting(threshold: number): Setting {
  return {
    name: `router t=${threshold.toFixed(3)}`,
    evaluate(set) {
      const strong = set.map((r) => (scores.get(r.index) as number) >= threshold);
      return {
        label: this.name,
        strongShare: mean(strong.map(Number)),
        quality: mean(set.map((r, i) => Number(strong[i] ? r.strongCorrect : r.weakCorrect))),
        cost: mean(set.map((r, i) => (strong[i] ? r.strongCost : r.weakCost))),
      };
    },
  };
}

type CascadeKind = 'format' | 'agree' | 'vote';

/** The verifier cascade: serve the weak answer when the verifier's confidence reaches `minConfidence`. */
function verifierSetting(minConfidence: number, withAgreement: boolean): Setting {
  const checks: CascadeChecks = {
    answer: 'number',
    minAgreement: 1,
    requirePattern: /####\s*\$?\d[\d,]*\s*$/,
  };
  const family = withAgreement ? 'cascade-verifier-agree' : 'cascade-verifier';
  return {
    name: `${family} confidence>=${minConfidence.toFixed(3)}`,
    evaluate(set) {
      let strongCalls = 0;
      let correct = 0;
      let cost = 0;
      for (const row of set) {
        cost += row.weakCost + (withAgreement ? row.smallCost : 0);
        const agreed =
          withAgreement && cascadeVerdict([{ text: row.weakText }, { text: row.smallText }], checks).accept;
        if (agreed || (confidence.get(row.index) as number) >= minConfidence)
          correct += Number(row.weakCorrect);
        else {
          strongCalls++;
          correct += Number(row.strongCorrect);
          cost += row.strongCost;
        }
      }
      return {
        label: this.name,
        strongShare: strongCalls / set.length,
        quality: correct / set.length,
        cost: cost / set.length,
      };
    },
  };
}

/** A cascade: weak (plus the small sampler when `agree`), checks, the router's score as a gate. */
function cascadeSetting(kind: CascadeKind, acceptBelow: number, directAbove?: number): Setting {
  // GSM8K answers are whole numbers: a Mixtral answer that does not end on `#### <integer>` is suspect.
  const checks: CascadeChecks = {
    answer: 'number',
    minAgreement: kind === 'vote' ? 2 / 3 : 1,
    requirePattern: /####\s*\$?\d[\d,]*\s*$/,
  };
  return {
    name: `cascade-${kind} accept<${acceptBelow.toFixed(3)}${directAbove === undefined ? '' : ` direct>=${directAbove.toFixed(3)}`}`,
    evaluate(set) {
      let strongCalls = 0;
      let correct = 0;
      let cost = 0;
      for (const row of set) {
        const score = scores.get(row.index) as number;
        if (skipsCheapTier(score, { directAbove })) {
          strongCalls++;
          correct += Number(row.strongCorrect);
          cost += row.strongCost;
          continue;
        }
        const samples = [{ text: row.weakText }];
        const served = [row.weakCorrect];
        cost += row.weakCost;
        if (kind !== 'format') {
          samples.push({ text: row.smallText });
          served.push(row.smallCorrect);
          cost += row.smallCost;
        }
        if (kind === 'vote') {
          samples.push({ text: row.mediumText });
          served.push(row.mediumCorrect);
          cost += row.mediumCost;
        }
        const verdict = cascadeVerdict(samples, checks);
        const step = settleCascade(verdict, score, { acceptBelow });
        if (step.escalate) {
          strongCalls++;
          correct += Number(row.strongCorrect);
          cost += row.strongCost;
        } else correct += Number(verdict.accept ? served[verdict.chosen] : row.weakCorrect);
      }
      return {
        label: this.name,
        strongShare: strongCalls / set.length,
        quality: correct / set.length,
        cost: cost / set.length,
      };
    },
  };
}

// Thresholds: quantiles of the dev scores (never the report scores).
const devScores = dev.map((r) => scores.get(r.index) as number).sort((a, b) => a - b);
const quantile = (q: number) =>
  devScores[Math.min(devScores.length - 1, Math.floor(q * devScores.length))] as number;
const devConfidence = dev.map((r) => confidence.get(r.index) as number).sort((a, b) => a - b);
const confidenceQuantile = (q: number) =>
  devConfidence[Math.min(devConfidence.length - 1, Math.floor(q * devConfidence.length))] as number;
const grid = Array.from({ length: 81 }, (_, i) => i / 80);
const settings: Setting[] = [
  ...grid.map((q) => routerSetting(q === 1 ? Number.POSITIVE_INFINITY : quantile(q))),
  ...grid.map((q) => cascadeSetting('format', q === 0 ? Number.NEGATIVE_INFINITY : quantile(q))),
  ...grid.map((q) => cascadeSetting('agree', q === 0 ? Number.NEGATIVE_INFINITY : quantile(q))),
  ...grid.flatMap((q) => {
    const threshold = q === 0 ? Number.NEGATIVE_INFINITY : confidenceQuantile(q);
    return [verifierSetting(threshold, false), verifierSetting(threshold, true)];
  }),
  ...grid.map((q) => cascadeSetting('vote', q === 0 ? Number.NEGATIVE_INFINITY : quantile(q))),
  ...grid.flatMap((q) =>
    [0.8, 0.9, 0.95].flatMap((d) =>
      (['agree', 'vote'] as const).map((kind) =>
        cascadeSetting(kind, q === 0 ? Number.NEGATIVE_INFINITY : quantile(q), quantile(d)),
      ),
    ),
  ),
];

function summarise(set: GsmRow[]) {
  const weak = accuracy(set, (r) => r.weakCorrect);
  const strong = accuracy(set, (r) => r.strongCorrect);
  const strongCost = mean(set.map((r) => r.strongCost));
  const weakCost = mean(set.map((r) => r.weakCost));
  return { rows: set.length, weak, strong, strongCost, weakCost };
}

const devBase = summarise(dev);
const reportBase = summarise(report);
const families = [
  'router',
  'cascade-format',
  'cascade-agree',
  'cascade-vote',
  'cascade-verifier',
  'cascade-verifier-agree',
] as const;
const familyOf = (name: string) => families.find((f) => name.startsWith(`${f} `)) ?? 'router';

// RouteLLM's curve metrics for the classifier on the report half, and a random router for reference.
const reportScores = report.map((r) => scores.get(r.index) as number);
const curve = routerCurve(
  reportScores,
  report.map((r) => r.weakCorrect),
  report.map((r) => r.strongCorrect),
);
const apgr = averagePerformanceGapRecovered(curve, reportBase.weak, reportBase.strong);
const gap = reportBase.strong - reportBase.weak;
let seed = 7;
const random = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
};
const randomApgr = mean(
  Array.from({ length: 20 }, () =>
    averagePerformanceGapRecovered(
      routerCurve(
        report.map(() => random()),
        report.map((r) => r.weakCorrect),
        report.map((r) => r.strongCorrect),
      ),
      reportBase.weak,
      reportBase.strong,
    ),
  ),
);

// The verifier cascade on RouteLLM's axes: escalate the least confident share (the weak call is extra).
const verifierCurve = routerCurve(
  report.map((r) => 1 - (confidence.get(r.index) as number)),
  report.map((r) => r.weakCorrect),
  report.map((r) => r.strongCorrect),
);
const verifierCascade = {
  apgr: averagePerformanceGapRecovered(verifierCurve, reportBase.weak, reportBase.strong),
  cpt50: strongShareForQuality(verifierCurve, reportBase.weak + 0.5 * gap),
  cpt80: strongShareForQuality(verifierCurve, reportBase.weak + 0.8 * gap),
  curve: verifierCurve,
};

const results = {
  split: 'fnv1a(question) % 2: dev trains the classifier and picks thresholds; report is measured',
  labels: "RouteLLM's correctness labels (last integer in the answer)",
  dev: devBase,
  report: reportBase,
  classifierRouter: {
    apgr,
    randomRouterApgr: randomApgr,
    cpt50: strongShareForQuality(curve, reportBase.weak + 0.5 * gap),
    cpt80: strongShareForQuality(curve, reportBase.weak + 0.8 * gap),
    strongShareAt95: strongShareForQuality(curve, 0.95 * reportBase.strong),
    strongShareAt98: strongShareForQuality(curve, 0.98 * reportBase.strong),
    curve,
  },
  verifierCascade,
  targets: [0.95, 0.98].map((fraction) => {
    const devTarget = fraction * devBase.strong;
    const reportTarget = fraction * reportBase.strong;
    return {
      fraction,
      reportTarget,
      byFamily: families.map((family) => {
        const candidates = settings.filter((s) => familyOf(s.name) === family);
        // Chosen on dev: the cheapest setting that reaches the target there.
        const chosen = candidates
          .map((s) => ({ s, point: s.evaluate(dev) }))
          .filter((c) => c.point.quality >= devTarget)
          .sort((a, b) => (a.point.cost ?? 0) - (b.point.cost ?? 0))[0];
        const measured = chosen?.s.evaluate(report);
        const frontierCost = costForQuality(
          candidates.map((s) => s.evaluate(report)),
          reportTarget,
        );
        return {
          family,
          chosenOnDev: chosen?.s.name,
          reportQuality: measured?.quality,
          reportStrongShare: measured?.strongShare,
          reportCostReduction: measured ? 1 - (measured.cost ?? 0) / reportBase.strongCost : undefined,
          reachesTarget: measured ? measured.quality >= reportTarget : false,
          frontierCostReduction:
            frontierCost === undefined ? undefined : 1 - frontierCost / reportBase.strongCost,
        };
      }),
    };
  }),
  frontier: paretoFrontier(settings.map((s) => s.evaluate(report))).map((p) => ({
    ...p,
    costReduction: 1 - (p.cost ?? 0) / reportBase.strongCost,
  })),
};

if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
else {
  const pct = (v: number | undefined) => (v === undefined ? 'n/a' : `${(v * 100).toFixed(1)}%`);
  const out: string[] = [];
  out.push(
    `GSM8K replay: ${rows.length} questions (dev ${dev.length}, report ${report.length}); ${results.labels}`,
  );
  out.push(
    `report half: weak ${pct(reportBase.weak)}, strong ${pct(reportBase.strong)}, strong $/q ${reportBase.strongCost.toFixed(5)}, weak $/q ${reportBase.weakCost.toFixed(5)}`,
  );
  const r = results.classifierRouter;
  out.push(
    `classifier router: APGR ${r.apgr.toFixed(3)} (random ${r.randomRouterApgr.toFixed(3)}), CPT(50%) ${pct(r.cpt50)}, CPT(80%) ${pct(r.cpt80)}, strong calls for 95% ${pct(r.strongShareAt95)}, for 98% ${pct(r.strongShareAt98)}`,
  );
  const v = results.verifierCascade;
  out.push(
    `verifier cascade (escalation share as strong calls): APGR ${v.apgr.toFixed(3)}, CPT(50%) ${pct(v.cpt50)}, CPT(80%) ${pct(v.cpt80)}`,
  );
  for (const target of results.targets) {
    out.push(`\ntarget ${target.fraction * 100}% of strong = ${pct(target.reportTarget)}:`);
    for (const f of target.byFamily)
      out.push(
        `  ${f.family.padEnd(15)} chosen on dev: ${f.chosenOnDev ?? 'none'} → report ${pct(f.reportQuality)} acc, ${pct(f.reportStrongShare)} strong calls, cost −${pct(f.reportCostReduction)}${f.reachesTarget ? '' : ' (misses target)'}; report frontier −${pct(f.frontierCostReduction)}`,
      );
  }
  out.push('\nPareto frontier (report half):');
  for (const p of results.frontier)
    out.push(
      `  ${pct(p.quality)} acc  $${(p.cost ?? 0).toFixed(5)}/q  −${pct(p.costReduction)}  strong ${pct(p.strongShare)}  ${p.label}`,
    );
  process.stdout.write(`${out.join('\n')}\n`);
}

const htmlAt = process.argv.indexOf('--html');
if (htmlAt !== -1 && process.argv[htmlAt + 1]) {
  const points = settings
    .map((s) => s.evaluate(report))
    .map((p) => ({ label: p.label, cost: p.cost ?? 0, quality: p.quality }));
  points.push({ label: 'weak only', cost: reportBase.weakCost, quality: reportBase.weak });
  points.push({ label: 'strong only', cost: reportBase.strongCost, quality: reportBase.strong });
  writeFileSync(
    process.argv[htmlAt + 1] as string,
    `<!doctype html><meta charset="utf-8"><title>GSM8K cost/quality frontier</title><body style="font:14px system-ui">${paretoChart('GSM8K report half: routers and cascades (blue: Pareto frontier)', points)}</body>`,
  );
}
