// The quantized index against what it did before its storage blocks became their own type: a seeded
// scenario (quantized-fixture.test-helpers.ts) replayed now gives the same search results and the
// same snapshot bytes (format 2) as recorded then, and the snapshots written then restore into
// indexes that search, mutate and export identically. GANTRY_WRITE_QUANTIZED_FIXTURE=1 rewrites the
// fixture from the code under test (only ever from a commit known to be right).
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeQuantized, encodeQuantized, QuantizedVectorIndex } from './index.js';
import {
  mutate,
  packParts,
  quantizedScenario,
  searches,
  sha256,
  unpackParts,
} from './quantized-fixture.test-helpers.js';

const folder = new URL('./__fixtures__/', import.meta.url);
const recordFile = new URL('quantized-v2-scenario.json', folder);
const snapshotFile = (name: string) => new URL(`quantized-v2-${name}.bin`, folder);
const storedSnapshots = ['trained', 'scan'];
const writing = process.env.GANTRY_WRITE_QUANTIZED_FIXTURE === '1';

describe('QuantizedVectorIndex against the recorded format-2 fixture', () => {
  it.runIf(writing)('writes the fixture', async () => {
    const record = await quantizedScenario();
    const snapshots = Object.fromEntries(
      Object.entries(record.snapshots).map(([name, parts]) => [name, sha256(parts)]),
    );
    writeFileSync(recordFile, `${JSON.stringify({ snapshots, results: record.results })}\n`);
    for (const name of storedSnapshots) writeFileSync(snapshotFile(name), packParts(record.snapshots[name]));
  });

  it.skipIf(writing)('replays the scenario: the same search results and snapshot bytes', async () => {
    const recorded = JSON.parse(readFileSync(recordFile, 'utf8'));
    const record = await quantizedScenario();
    expect(Object.keys(record.results)).toEqual(Object.keys(recorded.results));
    for (const [name, results] of Object.entries(record.results))
      expect({ name, results }).toEqual({ name, results: recorded.results[name] });
    const snapshots = Object.fromEntries(
      Object.entries(record.snapshots).map(([name, parts]) => [name, sha256(parts)]),
    );
    expect(snapshots).toEqual(recorded.snapshots);
  });

  it.skipIf(writing)('restores the snapshots written before: same searches, mutations and bytes', () => {
    const recorded = JSON.parse(readFileSync(recordFile, 'utf8'));
    const restore = (name: string) =>
      QuantizedVectorIndex.restore(decodeQuantized(unpackParts(readFileSync(snapshotFile(name)))));
    // (each snapshot, whether it is trained, and the scenario's name for it after `mutate`)
    for (const [name, trained, mutated] of [
      ['trained', true, 'restored-mutated'],
      ['scan', false, 'scan-mutated'],
    ] as const) {
      const index = restore(name);
      expect(index.trained).toBe(trained);
      expect(sha256(encodeQuantized(index.exportState()))).toBe(recorded.snapshots[name]);
      expect(searches(index)).toEqual(recorded.results[name]);
      mutate(index);
      expect(searches(index)).toEqual(recorded.results[mutated]);
      expect(sha256(encodeQuantized(index.exportState()))).toBe(recorded.snapshots[mutated]);
    }
  });
});
