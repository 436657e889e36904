import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { sendJson } from '../http/index.js';
import { fixed3, type GatewayContext, overheadHeaders, sendAnswer } from './gateway-context.js';

describe('fixed3', () => {
  it('answers as toFixed(3) does', () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const values = [0, 0.0005, 0.0015, 0.9995, 1.0005, 1e-9, 999_999.9995, -0.25, Number.NaN, 1e7, 12.3456];
    for (let i = 0; i < 200_000; i++) {
      values.push(random() * 2, random() * 1e6, Math.floor(random() * 1e6) / 1000 + 0.0005);
    }
    // One expect over the mismatches (600,000 expect calls took up to 30 s on a busy machine).
    const mismatches = values.filter((x) => fixed3(x) !== x.toFixed(3)).slice(0, 5);
    expect(mismatches.map((x) => [x, fixed3(x), x.toFixed(3)])).toEqual([]);
  });
});

describe('sendAnswer', () => {
  const written = (send: (res: ServerResponse) => void) => {
    const calls: unknown[] = [];
    const res = {
      headersSent: false,
      writeHead: (status: number, headers: string[]) => calls.push(status, headers),
      end: (body: string) => calls.push(body),
    } as unknown as ServerResponse;
    send(res);
    return calls;
  };
  const context = (res: ServerResponse, extra: Record<string, string> | undefined, overhead: boolean) =>
    ({
      res,
      responseHeaders: extra,
      overheadHeader: overhead,
      startedAt: 0,
      upstreamMs: performance.now(),
    }) as unknown as GatewayContext;

  it('writes what sendJson with overheadHeaders writes', () => {
    const extras: (Record<string, string> | undefined)[] = [
      undefined,
      { 'x-gantry-cache': 'miss' },
      { 'x-gantry-overhead-ms': 'x', a: 'b' },
    ];
    for (const extra of extras)
      for (const overhead of [true, false]) {
        const now = written((res) => sendAnswer(context(res, extra, overhead), 200, '{"a":1}'));
        const before = written((res) => {
          const c = context(res, extra, overhead);
          sendJson(res, 200, '{"a":1}', overheadHeaders(c));
        });
        // The overhead's figure depends on the moment: compare the header names and the rest.
        const mask = (calls: unknown[]) =>
          JSON.stringify(calls).replace(/"x-gantry-overhead-ms","[^"]*"/, '"x-gantry-overhead-ms","…"');
        expect(mask(now)).toBe(mask(before));
        if (overhead) expect(JSON.stringify(now)).toContain('x-gantry-overhead-ms');
      }
  });
});
