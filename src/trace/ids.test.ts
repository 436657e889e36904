import { describe, expect, it } from 'vitest';
import { newSpanId, newTraceId, timePrefix } from './ids.js';

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

  it("time prefix: the same 12 digits as toString(16).padStart(12, '0').slice(-12) for every ms", () => {
    const reference = (ms: number) => ms.toString(16).padStart(12, '0').slice(-12);
    const values: number[] = [
      0,
      1,
      255,
      256,
      0xffffff,
      0x1000000,
      0x1000001,
      2 ** 48 - 1,
      2 ** 48,
      2 ** 48 + 7,
    ];
    values.push(
      2 ** 52 + 3,
      Number.MAX_SAFE_INTEGER,
      -1,
      -0x1000001,
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    );
    // Around each boundary of the cached upper half, in both directions (the cache must follow).
    for (let k = 1; k < 8; k++)
      for (let d = -3; d <= 3; d++) values.push(k * 0x1000000 + d, 0x19000000000 + d * 997);
    const at = Date.parse('2026-11-29T08:00:00Z');
    for (let i = 0; i < 20_000; i++) values.push(at + i, Math.floor(Math.random() * 2 ** 53));
    for (const ms of values) expect(timePrefix(ms)).toBe(reference(ms));
    // And a trace id starts with it, ms after ms, as the time goes backwards and forwards.
    for (const ms of [at, at + 1, at - 5, 0x1000000 * 90, at, 2 ** 48 + 1]) {
      expect(newTraceId(ms).slice(0, 12)).toBe(reference(ms));
      expect(newTraceId(ms + 0.75).slice(0, 12)).toBe(reference(ms));
    }
  });
});
