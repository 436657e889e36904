// A fixed, seeded scenario of the quantized index (test-only, not built): int8 and float32 indexes,
// trained synchronously, in the background and after a restore, searched and mutated. Its search
// results and snapshot bytes (format 2) were recorded into __fixtures__ by the code before the
// storage blocks became their own type (quantized-snapshot-fixture.test.ts writes them when
// GANTRY_WRITE_QUANTIZED_FIXTURE=1); the test replays the scenario and compares.
import { createHash } from 'node:crypto';
import { decodeQuantized, encodeQuantized, QuantizedVectorIndex } from './index.js';
import { clusteredVectors } from './vector-oracle.test-helpers.js';

const dimension = 32;
type Hit = [id: number, distance: number];

/** What a scenario records: per index state, its search results, and its snapshot's parts. */
export interface ScenarioRecord {
  results: Record<string, Hit[][]>;
  snapshots: Record<string, Uint8Array[]>;
}

const all = clusteredVectors(1700, { dimension, centroids: 30, seed: 17 });
const vectors = all.slice(0, 1300);
const extra = all.slice(1300, 1500);
const queries = [...all.slice(1500, 1506), vectors[7], vectors[1000]];

/** Several searches per query: default probes, 2 probes, few candidates, and raw Hamming candidates. */
export function searches(index: QuantizedVectorIndex): Hit[][] {
  return queries.flatMap((query) => {
    const hits = (options: Parameters<QuantizedVectorIndex['search']>[1]) =>
      index.search(query, options).map((hit): Hit => [hit.id, hit.distance]);
    return [
      hits({ limit: 10 }),
      hits({ limit: 10, probes: 2 }),
      hits({ limit: 5, oversample: 2 }),
      index.candidates(query, 20, 2).map((id): Hit => [id, -1]),
    ];
  });
}

/** Removes 150 ids, adds 200 new ones and re-adds 5 stored ids with other vectors (seeded). */
export function mutate(index: QuantizedVectorIndex): void {
  for (let k = 0; k < 150; k++) index.remove(1 + ((k * 7919) % 1300) * 3);
  for (const [offset, vector] of extra.entries()) index.add(10_000 + offset, vector);
  for (let k = 0; k < 5; k++) index.add(4 + k * 30, extra[k * 11]);
}

// (an untrained export is views of the live arrays, and a restored index writes into its parts)
const copied = (parts: readonly Uint8Array[]) => parts.map((part) => new Uint8Array(part));

function filled(options: ConstructorParameters<typeof QuantizedVectorIndex>[1], count = vectors.length) {
  const index = new QuantizedVectorIndex(dimension, options);
  for (const [offset, vector] of vectors.slice(0, count).entries()) index.add(1 + offset * 3, vector);
  return index;
}

export async function quantizedScenario(): Promise<ScenarioRecord> {
  const record: ScenarioRecord = { results: {}, snapshots: {} };
  const note = (name: string, index: QuantizedVectorIndex, snapshot = true) => {
    record.results[name] = searches(index);
    if (snapshot) record.snapshots[name] = copied(encodeQuantized(index.exportState()));
  };
  const trained = filled({ rescore: 'int8', ivfAbove: 1000, blockSize: 512 });
  note('trained', trained);
  record.snapshots['trained-insertion-order'] = copied(
    encodeQuantized(trained.exportState({ listOrder: false })),
  );
  const restored = QuantizedVectorIndex.restore(decodeQuantized(copied(record.snapshots.trained)));
  mutate(trained);
  note('trained-mutated', trained);
  mutate(restored);
  note('restored-mutated', restored);

  const scan = filled({ rescore: 'int8', blockSize: 256 }, 700);
  note('scan', scan);
  mutate(scan);
  note('scan-mutated', scan);

  const float = filled({});
  note('float', float, false);
  mutate(float);
  note('float-mutated', float, false);
  const floatTrained = filled({ ivfAbove: 1000 });
  note('float-trained', floatTrained, false);
  mutate(floatTrained);
  note('float-trained-mutated', floatTrained, false);

  const background = filled({ rescore: 'int8', ivfAbove: 1000, blockSize: 512, training: 'background' });
  await background.trainingDone();
  note('background', background);
  const reopened = QuantizedVectorIndex.restore(decodeQuantized(copied(record.snapshots.scan)), {
    ivfAbove: 500,
    training: 'background',
  });
  await reopened.trainingDone();
  note('restored-background', reopened);
  return record;
}

export const sha256 = (parts: readonly Uint8Array[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(String(part.byteLength)).update(part);
  return hash.digest('hex');
};

/** `parts` as one buffer: each part's length (uint32 LE), then its bytes. */
export function packParts(parts: readonly Uint8Array[]): Buffer {
  return Buffer.concat(
    parts.flatMap((part) => {
      const length = Buffer.alloc(4);
      length.writeUInt32LE(part.byteLength);
      return [length, part];
    }),
  );
}

export function unpackParts(packed: Buffer): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (let at = 0; at < packed.length; ) {
    const length = packed.readUInt32LE(at);
    // copied: each part its own aligned buffer, as a store hands them back
    parts.push(new Uint8Array(packed.subarray(at + 4, at + 4 + length)));
    at += 4 + length;
  }
  return parts;
}
