import { describe, expect, it } from 'vitest';
import type { SpanRecord } from '../store/index.js';
import { formatTraceTree, traceTotals } from './format-trace-tree.js';
import { GenAI } from './gen-ai-attributes.js';

const span = (
  spanId: string,
  parentSpanId: string | null,
  attributes: Record<string, unknown> = {},
): SpanRecord => ({
  traceId: 't',
  spanId,
  parentSpanId,
  name: spanId,
  kind: 'internal',
  startTime: 0,
  endTime: 10,
  status: 'ok',
  attributes,
});
const usage = (input: number, output: number, cost: number) => ({
  [GenAI.usageInputTokens]: input,
  [GenAI.usageOutputTokens]: output,
  [GenAI.costUsd]: cost,
});

describe('traceTotals', () => {
  it('counts each model call once when agent and tool spans repeat their usage', () => {
    const spans = [
      span('agent', null, usage(9, 300, 0.3)),
      span('step-1', 'agent'),
      span('chat-1', 'step-1', usage(6, 295, 0.25)),
      // A tool that ran a nested agent: the tool and the nested agent repeat the inner call's usage.
      span('tool', 'step-1', usage(3, 5, 0.05)),
      span('nested-agent', 'tool', usage(3, 5, 0.05)),
      span('nested-chat', 'nested-agent', usage(3, 5, 0.05)),
    ];
    const totals = traceTotals(spans);
    expect(totals).toMatchObject({ inputTokens: 9, outputTokens: 300, spans: 6 });
    expect(totals.costUsd).toBeCloseTo(0.3, 12);
    expect(formatTraceTree(spans)).toContain('tokens in 9 / out 300');
  });

  it('counts a span with usage whose children carry none (a gateway request) and orphans', () => {
    const spans = [span('gateway', null, usage(4, 2, 0)), span('orphan', 'gone', usage(1, 1, 0))];
    expect(traceTotals(spans)).toMatchObject({ inputTokens: 5, outputTokens: 3 });
  });
});
