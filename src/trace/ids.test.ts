import { describe, expect, it } from 'vitest';
import { newSpanId, newTraceId } from './ids.js';

describe('trace and span ids', () => {
  it('are W3C-sized lower-case hex, unique, and trace ids start with the time', () => {
    const traces = new Set<string>();
    const spans = new Set<string>();
    for (let i = 0; i < 5_000; i++) {
      traces.add(newTraceId());
      spans.add(newSpanId());
    }
    expect(traces.size).toBe(5_000);
    expect(spans.size).toBe(5_000);
    for (const id of traces) expect(id).toMatch(/^[0-9a-f]{32}$/);
    for (const id of spans) expect(id).toMatch(/^[0-9a-f]{16}$/);
    const at = Date.parse('2026-11-29T08:00:00Z');
    expect(Number.parseInt(newTraceId(at).slice(0, 12), 16)).toBe(at);
    // Later traces sort after earlier ones: the spans table grows at its end.
    expect(newTraceId(at + 1) > newTraceId(at)).toBe(true);
  });
});
