// `gantry guard eval`: every shipped detector on the held-out split of each public dataset, with the
// metrics the issue asks for (P/R/F1, F2 for PII, ROC AUC, recall at 1 % and 3 % FPR) and latency per KB.
import {
  type LabelledText,
  loadBenignPrompts,
  loadDavidson,
  loadDeepset,
  loadJailbreakBench,
  loadPresidioSynth,
  type PiiRecord,
} from '../datasets/index.js';
import { piiScanner } from '../pii/index.js';
import { createGuardPolicy } from '../policy/index.js';
import {
  injectionScanner,
  injectionScore,
  invisibleTextScanner,
  operatingThreshold,
  secretsScanner,
  shippedInjectionModel,
  toxicityScanner,
  toxicityScore,
} from '../scanners/index.js';
import type { Scanner } from '../types.js';
import { type BinaryMetrics, binaryMetrics } from './binary-metrics.js';
import { kilobyteTexts, type LatencyResult, measureLatency } from './measure-latency.js';
import { countPiiTokens, type PiiCounts, type PiiMetrics, piiMetricsFrom } from './pii-metrics.js';

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
  detectors: DetectorReport[];
  pii: { records: number; overall: PiiMetrics; byEntity: Record<string, PiiMetrics> };
  /** Pattern recognizers only (nothing trained) on every record of the synthetic set. */
  piiPatterns: { records: number; overall: PiiMetrics; byEntity: Record<string, PiiMetrics> };
  latency: LatencyResult[];
}

export interface GuardEvalOptions {
  /** Which parts to run (default all). */
  only?: readonly ('injection' | 'toxicity' | 'pii' | 'latency')[];
  latencyTexts?: number;
}

function scoreRows(rows: readonly LabelledText[], score: (text: string) => number) {
  return rows.map((row) => ({ score: score(row.text), label: row.label, source: row.source }));
}

export function runGuardEval(datasets: string, options: GuardEvalOptions = {}): GuardEvalReport {
  const wants = (part: 'injection' | 'toxicity' | 'pii' | 'latency') =>
    !options.only || options.only.includes(part);
  const detectors: DetectorReport[] = [];
  const benignTest = loadBenignPrompts(datasets).filter((row) => row.split === 'test');
  const injectionTest = [...loadDeepset(datasets), ...loadJailbreakBench(datasets)].filter(
    (row) => row.split === 'test',
  );

  if (wants('injection')) {
    const scored = scoreRows([...injectionTest, ...benignTest], (text) => injectionScore(text));
    const heuristics = injectionScanner({ heuristicsOnly: true });
    const heuristicScored = scoreRows([...injectionTest, ...benignTest], (text) => heuristics(text).score);
    const data = 'deepset test + JailbreakBench held-out goals + benign held-out';
    // The shipped operating threshold was chosen in training (out-of-fold), never on these rows.
    const threshold = operatingThreshold(shippedInjectionModel());
    detectors.push({
      name: 'injection (heuristics + classifier)',
      data,
      metrics: binaryMetrics(scored, threshold),
    });
    detectors.push({
      name: 'injection (heuristics only)',
      data,
      metrics: binaryMetrics(heuristicScored, 0.5),
    });
    const deepsetOnly = scored.filter((row) => row.source === 'deepset');
    detectors.push({
      name: 'injection',
      data: 'deepset test only (116 rows)',
      metrics: binaryMetrics(deepsetOnly, threshold),
    });
    const jailbreaks = scored.filter(
      (row) => row.source.startsWith('jailbreakbench') || row.source.startsWith('benign'),
    );
    detectors.push({
      name: 'jailbreak',
      data: 'JailbreakBench held-out vs benign held-out',
      metrics: binaryMetrics(jailbreaks, threshold),
    });
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
    for (const [name, scan] of scanners) latency.push(measureLatency(name, scan, texts));
  }

  return { detectors, pii, piiPatterns, latency };
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
