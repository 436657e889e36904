// vLLM's metric definitions (vllm/benchmarks/serve.py `calculate_metrics`): TTFT; TPOT = (latency − TTFT)
// / (output tokens − 1) for answers longer than one token; ITL = every gap between output chunks; E2EL;
// throughput over the run's duration; goodput = requests meeting every given SLO per second.
import { type Distribution, summarise } from './percentiles.js';
import type { RequestRecord } from './request-record.js';

export interface Slo {
  ttftMs?: number;
  tpotMs?: number;
  e2elMs?: number;
}

export interface BenchMetrics {
  durationS: number;
  completed: number;
  failed: number;
  totalInputTokens: number;
  totalOutputTokens: number;
  requestThroughput: number;
  outputThroughput: number;
  totalTokenThroughput: number;
  /** Requests per second meeting all SLOs; absent without SLOs. */
  requestGoodput?: number;
  goodRequests?: number;
  ttftMs: Distribution;
  tpotMs: Distribution;
  itlMs: Distribution;
  e2elMs: Distribution;
  /** First few error messages, for the report. */
  errors: string[];
}

export function calculateMetrics(records: RequestRecord[], durationMs: number, slo?: Slo): BenchMetrics {
  const ok = records.filter((r) => r.ok);
  const ttfts: number[] = [];
  const tpots: number[] = [];
  const itls: number[] = [];
  const e2els: number[] = [];
  let input = 0;
  let output = 0;
  let good = 0;
  for (const r of ok) {
    input += r.promptTokens;
    output += r.outputTokens;
    ttfts.push(r.ttftMs);
    e2els.push(r.latencyMs);
    for (const gap of r.itlMs) itls.push(gap);
    // vLLM: TPOT is 0 for a one-token answer when judging goodput, and left out of the TPOT summary.
    let tpot = 0;
    if (r.outputTokens > 1) {
      tpot = (r.latencyMs - r.ttftMs) / (r.outputTokens - 1);
      tpots.push(tpot);
    }
    if (
      slo &&
      (slo.ttftMs === undefined || r.ttftMs <= slo.ttftMs) &&
      (slo.tpotMs === undefined || tpot <= slo.tpotMs) &&
      (slo.e2elMs === undefined || r.latencyMs <= slo.e2elMs)
    )
      good++;
  }
  const durationS = durationMs / 1000;
  const errors = [...new Set(records.filter((r) => !r.ok).map((r) => r.error ?? 'failed'))].slice(0, 5);
  return {
    durationS,
    completed: ok.length,
    failed: records.length - ok.length,
    totalInputTokens: input,
    totalOutputTokens: output,
    requestThroughput: ok.length / durationS,
    outputThroughput: output / durationS,
    totalTokenThroughput: (input + output) / durationS,
    ...(slo ? { requestGoodput: good / durationS, goodRequests: good } : {}),
    ttftMs: summarise(ttfts),
    tpotMs: summarise(tpots),
    itlMs: summarise(itls),
    e2elMs: summarise(e2els),
    errors,
  };
}
