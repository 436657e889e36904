// The guard domain's contract: the behaviour every backend's guard event repository must show
// (test/store-contract.test.ts runs it against each backend).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainContract } from '../domain.js';
import type { GuardRepositories } from './repository.js';
import type { GuardEventRecord } from './types.js';

const event = (overrides: Partial<GuardEventRecord> & Pick<GuardEventRecord, 'at'>): GuardEventRecord => ({
  direction: 'input',
  action: 'allow',
  length: 42,
  language: 'en',
  refusal: false,
  piiCount: 0,
  injectionScore: 0.125,
  toxicityScore: 0,
  findings: [],
  ...overrides,
});

export const guardContract: DomainContract<GuardRepositories> = (backend, open) => {
  describe(`guard domain contract: ${backend}`, () => {
    let store: Awaited<ReturnType<typeof open>>;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('round-trips events with optional fields, findings and embeddings, oldest first', async () => {
      const full = event({
        at: 2000,
        direction: 'output',
        route: 'chat',
        apiKey: 'key-1',
        policy: 'strict',
        action: 'redact',
        refusal: true,
        piiCount: 2,
        toxicityScore: 0.5,
        findings: [{ scanner: 'pii', type: 'email', action: 'redact' }],
        embedding: [0.25, -0.5, 1],
      });
      const bare = event({ at: 1000 });
      await store.guardEvents.saveEvents([full, bare]);
      const events = await store.guardEvents.listEvents({ start: 0, end: 10_000 });
      expect(events.map(({ id, ...rest }) => rest)).toEqual([bare, full]);
      expect(events.every((e) => typeof e.id === 'number')).toBe(true);
      expect(events[0]).not.toHaveProperty('route');
      expect(events[0]).not.toHaveProperty('embedding');
    });

    it('lists events in [start, end), by direction, limited', async () => {
      await store.guardEvents.saveEvents([
        event({ at: 100 }),
        event({ at: 200, direction: 'output' }),
        event({ at: 300 }),
        event({ at: 400, direction: 'tool-result' }),
      ]);
      const at = async (options: Parameters<typeof store.guardEvents.listEvents>[0]) =>
        (await store.guardEvents.listEvents(options)).map((e) => e.at);
      expect(await at({ start: 100, end: 400 })).toEqual([100, 200, 300]);
      expect(await at({ start: 0, end: 1000, direction: 'input' })).toEqual([100, 300]);
      expect(await at({ start: 0, end: 1000, limit: 2 })).toEqual([100, 200]);
      expect(await at({ start: 500, end: 1000 })).toEqual([]);
    });

    it('saves drift windows with typed reports and lists them newest first', async () => {
      interface Report {
        drifted: boolean;
        metrics: { name: string; pValue: number }[];
      }
      const window = (createdAt: number, drifted: boolean) => ({
        createdAt,
        referenceStart: 0,
        referenceEnd: 10,
        currentStart: 10,
        currentEnd: 20,
        drifted,
        report: { drifted, metrics: [{ name: 'length', pValue: drifted ? 0.001 : 0.5 }] } satisfies Report,
      });
      const first = await store.guardEvents.saveDriftWindow(window(100, false));
      const second = await store.guardEvents.saveDriftWindow(window(200, true));
      expect(second).not.toBe(first);
      const windows = await store.guardEvents.listDriftWindows<Report>();
      expect(windows).toEqual([
        { id: second, ...window(200, true) },
        { id: first, ...window(100, false) },
      ]);
      expect(windows[0].report.metrics[0].pValue).toBe(0.001);
      expect(await store.guardEvents.listDriftWindows({ limit: 1 })).toHaveLength(1);
    });
  });
};
