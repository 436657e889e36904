// Renders a trace as an indented tree: name, duration, tokens and cost per span, totals at the end.
// Agent and tool spans repeat the usage of the model calls under them (an aggregate, as the GenAI
// conventions allow), so the totals add only the innermost spans that carry usage.
import type { SpanRecord } from '../store/index.js';
import { GenAI } from './gen-ai-attributes.js';

export interface TraceTotals {
  durationMs: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  spans: number;
  errors: number;
}

export function traceTotals(spans: readonly SpanRecord[]): TraceTotals {
  const start = Math.min(...spans.map((s) => s.startTime));
  const end = Math.max(...spans.map((s) => s.endTime));
  const counted = innermostWithUsage(spans);
  const sum = (key: string) => counted.reduce((total, s) => total + numberOf(s.attributes[key]), 0);
  return {
    durationMs: spans.length ? end - start : 0,
    inputTokens: sum(GenAI.usageInputTokens),
    outputTokens: sum(GenAI.usageOutputTokens),
    costUsd: sum(GenAI.costUsd),
    spans: spans.length,
    errors: spans.filter((s) => s.status === 'error').length,
  };
}

const hasUsage = (span: SpanRecord) =>
  span.attributes[GenAI.usageInputTokens] !== undefined ||
  span.attributes[GenAI.usageOutputTokens] !== undefined ||
  span.attributes[GenAI.costUsd] !== undefined;

/** Spans that carry usage and have no descendant that does: each model call counted once. */
function innermostWithUsage(spans: readonly SpanRecord[]): SpanRecord[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const aggregates = new Set<string>();
  for (const span of spans) {
    if (!hasUsage(span)) continue;
    for (let parent = span.parentSpanId; parent && !aggregates.has(parent); ) {
      aggregates.add(parent);
      parent = byId.get(parent)?.parentSpanId ?? null;
    }
  }
  return spans.filter((s) => hasUsage(s) && !aggregates.has(s.spanId));
}

export function formatTraceTree(spans: readonly SpanRecord[]): string {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string | null, SpanRecord[]>();
  for (const span of spans) {
    // A span whose parent is missing (not yet flushed, or from another process) is shown as a root.
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : null;
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const lines: string[] = [];
  const walk = (parent: string | null, prefix: string) => {
    const list = (children.get(parent) ?? []).sort((a, b) => a.startTime - b.startTime);
    list.forEach((span, index) => {
      const last = index === list.length - 1;
      const branch = parent === null ? '' : last ? '└─ ' : '├─ ';
      lines.push(`${prefix}${branch}${describe(span)}`);
      walk(span.spanId, parent === null ? prefix : `${prefix}${last ? '   ' : '│  '}`);
    });
  };
  walk(null, '');
  const totals = traceTotals(spans);
  lines.push(
    '',
    `total ${formatMs(totals.durationMs)}, ${totals.spans} spans, ${totals.errors} errors, ` +
      `tokens in ${totals.inputTokens} / out ${totals.outputTokens}, cost $${totals.costUsd.toFixed(6)}`,
  );
  return lines.join('\n');
}

function describe(span: SpanRecord): string {
  const a = span.attributes;
  const parts = [span.name, formatMs(span.endTime - span.startTime)];
  const model = a[GenAI.requestModel];
  if (model) parts.push(String(model));
  if (a[GenAI.usageInputTokens] !== undefined || a[GenAI.usageOutputTokens] !== undefined) {
    parts.push(`tokens ${numberOf(a[GenAI.usageInputTokens])}→${numberOf(a[GenAI.usageOutputTokens])}`);
  }
  if (a[GenAI.costUsd] !== undefined) parts.push(`$${numberOf(a[GenAI.costUsd]).toFixed(6)}`);
  if (span.status === 'error') parts.push(`ERROR ${span.statusMessage ?? ''}`.trim());
  return parts.join('  ');
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)}s` : `${ms.toFixed(1)}ms`;
}

function numberOf(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}
