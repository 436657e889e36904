// The shapes every scanner shares: a scanner is a pure function of text (and its options).

export type Direction = 'input' | 'output' | 'tool-result';

export interface Finding {
  /** The scanner that produced it (`pii`, `secrets`, `injection`, ...). */
  scanner: string;
  /** What was found: an entity type (`EMAIL_ADDRESS`), a secret kind, `injection`, ... */
  type: string;
  /** Span in the scanned text, end-exclusive; absent for whole-text verdicts. */
  start?: number;
  end?: number;
  /** 0..1: confidence. */
  score: number;
  /** The matched text, when the finding has a span. */
  value?: string;
}

export interface ScanContext {
  direction?: Direction;
  /** The passages an answer should be grounded in (groundedness scanner), numbered from 1. */
  sources?: readonly string[];
}

export interface ScanResult {
  findings: Finding[];
  /** Highest finding score, 0 when none. */
  score: number;
  /** The text with findings replaced, when the scanner redacts. */
  redacted?: string;
}

export type Scanner = (text: string, context?: ScanContext) => ScanResult;

export function resultOf(findings: Finding[], redacted?: string): ScanResult {
  let score = 0;
  for (const finding of findings) if (finding.score > score) score = finding.score;
  return redacted === undefined ? { findings, score } : { findings, score, redacted };
}
