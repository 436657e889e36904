// Records of the guard domain: guard events and drift windows.

export interface GuardEventRecord {
  id?: number;
  /** Milliseconds since the epoch. */
  at: number;
  direction: 'input' | 'output' | 'tool-result';
  route?: string;
  apiKey?: string;
  policy?: string;
  action: 'allow' | 'block' | 'redact' | 'flag';
  length: number;
  language: string;
  refusal: boolean;
  piiCount: number;
  injectionScore: number;
  toxicityScore: number;
  /** Scanner/type/action triples, never the matched values (they may be PII). */
  findings: { scanner: string; type: string; action: string }[];
  embedding?: number[];
}

/** A drift comparison; `Report` is its JSON report's type, named by the caller (the guard monitor). */
export interface DriftWindowRecord<Report = Record<string, unknown>> {
  id?: number;
  createdAt: number;
  referenceStart: number;
  referenceEnd: number;
  currentStart: number;
  currentEnd: number;
  drifted: boolean;
  report: Report;
}
