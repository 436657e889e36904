// Background IVF training (`training: 'background'`): the same lists and results as the synchronous
// training on the same adds, the event loop kept turning during it, adds and removes during it kept
// in step, and a snapshot taken during it restored into a working index.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../random/index.js';
import { CoarseQuantizer, normalizeRows, type QuantizedState, QuantizedVectorIndex } from './index.js';
import { clusteredVectors } from './vector-oracle.test-helpers.js';

/** `count` vectors of `dimension` around 40 centroids, seeded. */
const clustered = (count: number, dimension: number, seed = 5) =>
  clusteredVectors(count, { dimension, centroids: 40, seed });

const lists = (state: QuantizedState) => state.blocks.map((block) => Array.from(block.lists ?? []));

/**
 * The lists are complete and consistent: stored ids (one in 25) are the first hit of a search for their
 * own vector over every list, the export (gathered in list order from the
 * members) has every id once, and each slot's list number agrees with the member list it was gathered
 * from (non-decreasing). With `filedFromStored`, also: every slot is filed under the list its stored
 * int8 vector is assigned (what the background filing computes).
 */
function expectAllFound(
  index: QuantizedVectorIndex,
  stored: Map<number, Float32Array>,
  { filedFromStored = false } = {},
) {
  const missing: number[] = [];
  for (const [id, vector] of [...stored].filter((_, at) => at % 25 === 0)) {
    const hits = index.search(vector, { limit: 1, candidates: 20, probes: 1024 });
    if (hits[0]?.id !== id || hits[0].distance > 1e-2) missing.push(id);
  }
  expect(missing).toEqual([]);
  const state = index.exportState();
  const ids = state.blocks.flatMap((block) => Array.from(block.ids));
  expect(ids.length).toBe(stored.size);
  expect(new Set(ids)).toEqual(new Set(stored.keys()));
  const order = lists(state).flat();
  expect(order.every((list, at) => at === 0 || order[at - 1] <= list)).toBe(true);
  if (!filedFromStored || !state.coarse) return;
  const quantizer = new CoarseQuantizer(state.dimension, state.coarse);
  const unit = new Float32Array(state.dimension);
  const wrong: number[] = [];
  for (const block of state.blocks)
    block.ids.forEach((id, at) => {
      for (let component = 0; component < state.dimension; component++)
        unit[component] = block.scalars[at * state.dimension + component] * block.scales[at];
      normalizeRows(unit, state.dimension);
      if (quantizer.assign(unit) !== block.lists?.[at]) wrong.push(id);
    });
  expect(wrong).toEqual([]);
}

describe('QuantizedVectorIndex background training', () => {
  it('gives the same lists and search results as the synchronous training', async () => {
    const vectors = clustered(3000, 32);
    const options = { rescore: 'int8', ivfAbove: 2000, blockSize: 1024 } as const;
    const sync = new QuantizedVectorIndex(32, options);
    const background = new QuantizedVectorIndex(32, { ...options, training: 'background' });
    // Up to the crossing, then more once trained (vectors added while the background training runs
    // are filed from their stored int8 copy, not the float one, and may land in a neighbouring list).
    vectors.slice(0, 2000).forEach((vector, offset) => {
      sync.add(offset + 1, vector);
      background.add(offset + 1, vector);
    });
    expect(sync.trained).toBe(true);
    expect(background.trained).toBe(false);
    expect(background.training).toBe(true);
    // Meanwhile: the full scan.
    expect(background.search(vectors[7], { limit: 1 })[0].id).toBe(8);
    await background.trainingDone();
    expect(background.trained).toBe(true);
    expect(background.training).toBe(false);
    vectors.slice(2000).forEach((vector, offset) => {
      sync.add(offset + 2001, vector);
      background.add(offset + 2001, vector);
    });
    sync.remove(5);
    background.remove(5);
    const [syncState, backgroundState] = [sync.exportState(), background.exportState()];
    expect(backgroundState.coarse?.top).toEqual(syncState.coarse?.top);
    expect(backgroundState.coarse?.leaves).toEqual(syncState.coarse?.leaves);
    expect(lists(backgroundState)).toEqual(lists(syncState));
    expect(backgroundState.blocks.map((block) => Array.from(block.ids))).toEqual(
      syncState.blocks.map((block) => Array.from(block.ids)),
    );
    for (const query of clustered(20, 32, 77))
      expect(background.search(query, { limit: 10, probes: 4 })).toEqual(
        sync.search(query, { limit: 10, probes: 4 }),
      );
    await expect(sync.trainingDone()).resolves.toBeUndefined();
  });

  it('keeps the event loop turning: no slice over ~50 ms of CPU between ticks while training', async () => {
    const dimension = 64;
    const index = new QuantizedVectorIndex(dimension, {
      rescore: 'int8',
      ivfAbove: 20_000,
      training: 'background',
    });
    // (20,000: at 2,000 the whole training takes a few milliseconds, one slice)
    const vectors = clustered(20_000, dimension, 9);
    vectors.forEach((vector, offset) => {
      index.add(offset + 1, vector);
    });
    expect(index.training).toBe(true);
    // CPU time between ticks, not wall time: on a loaded machine the process can wait for a core for
    // longer than a slice, which says nothing about how the training is sliced.
    const cpuMs = () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    };
    const started = cpuMs();
    let last = started;
    let largest = 0;
    let ticks = 0;
    let running = true;
    const tick = () => {
      const now = cpuMs();
      largest = Math.max(largest, now - last);
      last = now;
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    await index.trainingDone();
    running = false;
    expect(index.trained).toBe(true);
    expect(ticks).toBeGreaterThan(3);
    // The training as a whole takes several slices' worth of CPU; none of its slices holds the loop long.
    expect(last - started).toBeGreaterThan(largest);
    expect(largest).toBeLessThan(50);
  });

  it('keeps adds and removes made during training searchable and the lists consistent', async () => {
    const dimension = 32;
    const index = new QuantizedVectorIndex(dimension, {
      rescore: 'int8',
      ivfAbove: 10_000,
      blockSize: 2048,
      training: 'background',
    });
    const vectors = clustered(14_000, dimension, 11);
    const stored = new Map<number, Float32Array>();
    const random = seededRandom(4);
    let next = 0;
    const add = () => {
      const id = next + 1;
      index.add(id, vectors[next++]);
      stored.set(id, vectors[id - 1]);
    };
    const removeSome = (count: number) => {
      const ids = [...stored.keys()];
      for (let removed = 0; removed < count; removed++) {
        const id = ids[Math.floor(random() * ids.length)];
        if (!stored.delete(id)) continue;
        expect(index.remove(id)).toBe(true);
      }
    };
    while (next < 10_000) add();
    expect(index.training).toBe(true);
    let turns = 0;
    // Between slices: adds, removes (of early, filed slots and late ones), re-adds of an id.
    while (index.training) {
      for (let added = 0; added < 100 && next < vectors.length - 1000; added++) add();
      removeSome(15);
      const again = [...stored.keys()][0];
      index.add(again, stored.get(again) as Float32Array);
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
    }
    expect(turns).toBeGreaterThan(3);
    await index.trainingDone();
    expect(index.trained).toBe(true);
    expect(index.size).toBe(stored.size);
    expectAllFound(index, stored, { filedFromStored: true });
    // After training: still in step.
    removeSome(100);
    while (next < vectors.length) add();
    expectAllFound(index, stored);
    // The lists hold every slot once.
    const state = index.exportState();
    expect(state.blocks.reduce((total, block) => total + block.ids.length, 0)).toBe(stored.size);
    expect(new Set(state.blocks.flatMap((block) => Array.from(block.ids)))).toEqual(new Set(stored.keys()));
  });

  it('exports the untrained state during training, which restores into a working index', async () => {
    const dimension = 32;
    const index = new QuantizedVectorIndex(dimension, {
      rescore: 'int8',
      ivfAbove: 10_000,
      blockSize: 4096,
      training: 'background',
    });
    const vectors = clustered(10_500, dimension, 13);
    const stored = new Map<number, Float32Array>();
    vectors.forEach((vector, offset) => {
      index.add(offset + 1, vector);
      stored.set(offset + 1, vector);
    });
    // Let part of the training run first.
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(index.training).toBe(true);
    const state = index.exportState();
    expect(state.coarse).toBeUndefined();
    expect(state.blocks.every((block) => block.lists === undefined)).toBe(true);
    expect(state.blocks.reduce((total, block) => total + block.ids.length, 0)).toBe(10_500);
    const copy: QuantizedState = {
      ...state,
      blocks: state.blocks.map((block) => ({
        ids: block.ids.slice(),
        codes: block.codes.slice(),
        scalars: block.scalars.slice(),
        scales: block.scales.slice(),
      })),
    };
    await index.trainingDone();
    // Restored with background training: it scans meanwhile, then trains (on its 10,500 vectors).
    const restored = QuantizedVectorIndex.restore(copy, { ivfAbove: 10_000, training: 'background' });
    expect(restored.training).toBe(true);
    expect(restored.search(vectors[3], { limit: 1 })[0].id).toBe(4);
    await restored.trainingDone();
    expect(restored.trained).toBe(true);
    expectAllFound(restored, stored, { filedFromStored: true });
    // Restored with the default (sync) training: untrained until the next add, as before.
    const plain = QuantizedVectorIndex.restore(copy, { ivfAbove: 10_000 });
    expect(plain.training).toBe(false);
    expect(plain.trained).toBe(false);
    expect(plain.search(vectors[3], { limit: 1 })[0].id).toBe(4);
  });
});
