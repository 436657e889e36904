// The IVF index's coarse quantizer: a two-level k-means tree (`groups` centroids, each with `perGroup`
// sub-centroids: 32 × 32 = 1,024 lists by default). A vector goes to the nearest sub-centroid of its
// nearest group (64 dot products instead of 1,024), which keeps inserts cheap at any size; a query
// scores the groups, then the sub-centroids of its best groups, and returns the best lists to scan.
// Trained once on a sample of the stored vectors (spherical k-means: unit vectors, dot products).
import { seededRandom } from '../../random/index.js';
import { dotAt, drain, nearestCentroid, normalizeRows, sphericalKMeansSteps, workPerStep } from './kmeans.js';

export interface CoarseState {
  groups: number;
  perGroup: number;
  /** groups × dimension unit centroids. */
  top: Float32Array;
  /** (groups × perGroup) × dimension unit sub-centroids, group by group. */
  leaves: Float32Array;
}

/** The `count` indexes of the largest scores, best first. */
function best(scores: Float32Array, count: number): number[] {
  return Array.from(scores.keys())
    .sort((left, right) => scores[right] - scores[left] || left - right)
    .slice(0, count);
}

export class CoarseQuantizer {
  readonly dimension: number;
  readonly state: CoarseState;

  constructor(dimension: number, state: CoarseState) {
    this.dimension = dimension;
    this.state = state;
  }

  get lists(): number {
    return this.state.groups * this.state.perGroup;
  }

  /** Trains on `sample`'s unit rows: k-means for the groups, then within each group's rows. */
  static train(
    sample: Float32Array,
    dimension: number,
    options: { groups?: number; perGroup?: number; seed?: number } = {},
  ): CoarseQuantizer {
    return drain(CoarseQuantizer.trainSteps(sample, dimension, options));
  }

  /**
   * `train` as a generator yielding after bounded work (see `sphericalKMeansSteps`); it returns the
   * same quantizer, bit for bit. `sample` must not change until it is done.
   */
  static *trainSteps(
    sample: Float32Array,
    dimension: number,
    { groups = 32, perGroup = 32, seed = 1 }: { groups?: number; perGroup?: number; seed?: number } = {},
  ): Generator<void, CoarseQuantizer> {
    const top = yield* sphericalKMeansSteps(sample, dimension, groups, { seed });
    const rows = sample.length / dimension;
    const members: number[][] = Array.from({ length: groups }, () => []);
    const chunk = Math.max(1, Math.floor(workPerStep / (groups * dimension)));
    for (let row = 0; row < rows; row++) {
      members[nearestCentroid(top, groups, sample, row * dimension, dimension)].push(row);
      if ((row + 1) % chunk === 0) yield;
    }
    const leaves = new Float32Array(groups * perGroup * dimension);
    for (let group = 0; group < groups; group++) {
      const list = members[group];
      const points = new Float32Array(Math.max(1, list.length) * dimension);
      if (list.length === 0) points.set(top.subarray(group * dimension, (group + 1) * dimension));
      list.forEach((row, index) => {
        points.set(sample.subarray(row * dimension, (row + 1) * dimension), index * dimension);
      });
      leaves.set(
        yield* sphericalKMeansSteps(points, dimension, perGroup, { seed: seed + group + 1 }),
        group * perGroup * dimension,
      );
    }
    return new CoarseQuantizer(dimension, { groups, perGroup, top, leaves });
  }

  /**
   * Trained on a seeded sample of `count` stored vectors (`readVector(slot, out, offset)` writes one):
   * about one list per 100 vectors (4 to 1,024, a power of two, as groups × sub-centroids), 16 sampled
   * vectors per list, normalised to unit length.
   */
  static trainOnSample(
    count: number,
    dimension: number,
    readVector: (slot: number, out: Float32Array, offset: number) => void,
  ): CoarseQuantizer {
    return drain(CoarseQuantizer.trainOnSampleSteps(count, dimension, readVector));
  }

  /**
   * `trainOnSample` in steps: the sample is copied now (so later changes to the stored vectors do not
   * affect it), and the returned generator trains on it (see `trainSteps`).
   */
  static trainOnSampleSteps(
    count: number,
    dimension: number,
    readVector: (slot: number, out: Float32Array, offset: number) => void,
  ): Generator<void, CoarseQuantizer> {
    const lists = 2 ** Math.max(2, Math.min(10, Math.round(Math.log2(count / 100))));
    const groups = 2 ** Math.floor(Math.log2(lists) / 2);
    const sampleSize = Math.min(count, 16 * lists);
    const random = seededRandom(count);
    const order = new Int32Array(count);
    for (let slot = 0; slot < count; slot++) order[slot] = slot;
    const sample = new Float32Array(sampleSize * dimension);
    for (let row = 0; row < sampleSize; row++) {
      const pick = row + Math.floor(random() * (count - row));
      [order[row], order[pick]] = [order[pick], order[row]];
      readVector(order[row], sample, row * dimension);
    }
    normalizeRows(sample, dimension);
    return CoarseQuantizer.trainSteps(sample, dimension, { groups, perGroup: lists / groups });
  }

  /** The list of the unit vector `vector`. */
  assign(vector: Float32Array): number {
    const { groups, perGroup, top, leaves } = this.state;
    const dimension = this.dimension;
    const group = nearestCentroid(top, groups, vector, 0, dimension);
    const first = group * perGroup;
    const within = nearestCentroid(leaves, perGroup, vector, 0, dimension, first);
    return first + within;
  }

  /** The `lists` lists nearest a unit query, among the sub-centroids of its `groupsProbed` best groups. */
  probe(query: Float32Array, lists: number, groupsProbed: number): number[] {
    const { groups, perGroup, top, leaves } = this.state;
    const dimension = this.dimension;
    const groupScores = new Float32Array(groups);
    for (let group = 0; group < groups; group++)
      groupScores[group] = dotAt(top, group * dimension, query, 0, dimension);
    const chosen = best(groupScores, Math.min(groups, groupsProbed));
    const leafScores = new Float32Array(chosen.length * perGroup);
    chosen.forEach((group, index) => {
      for (let leaf = 0; leaf < perGroup; leaf++)
        leafScores[index * perGroup + leaf] = dotAt(
          leaves,
          (group * perGroup + leaf) * dimension,
          query,
          0,
          dimension,
        );
    });
    return best(leafScores, lists).map(
      (index) => chosen[Math.floor(index / perGroup)] * perGroup + (index % perGroup),
    );
  }
}
