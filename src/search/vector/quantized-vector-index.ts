// The approximate vector index for large collections: every vector is kept as 1 bit per dimension
// (its sign, as sqlite-vec's vec_quantize_binary does) plus a copy for rescoring: the normalised float
// vector, or (`rescore: 'int8'`) one signed byte per dimension with a per-vector scale (a quarter of
// the memory; what the RAG pipeline persists, 384 MB for 1M 384-d vectors). A query ranks codes by
// Hamming distance (XOR + popcount over 32-bit words: ~12 words for 384-d), then rescores the best
// candidates by cosine.
//
// Up to `ivfAbove` vectors (100k) every code is scanned. Past it the index trains a coarse quantizer
// (two-level spherical k-means, 1,024 lists at 100k: src/search/vector/coarse-quantizer.ts) on a sample of its
// vectors, files every vector under its list, and from then on a query scans only the codes of its
// `probes` nearest lists (IVF): at 1M vectors ~3 % of the codes instead of all of them. Inserts and
// removals keep the lists in step. With `training: 'background'` the training and filing run in ~5 ms
// slices on later event-loop turns (queries scan every code until the lists are complete).
//
// Storage is in blocks (`QuantizedBlocks`: src/search/vector/quantized-blocks.ts), stored a part per
// block and used as loaded when restored.

import { BackgroundTraining } from './background-training.js';
import { candidateCount } from './candidate-count.js';
import { CoarseQuantizer } from './coarse-quantizer.js';
import { IvfMembers } from './ivf-members.js';
import { normalizeRows } from './kmeans.js';
import { gatherInOrder } from './list-order.js';
import { blockSizeFor, QuantizedBlocks, type QuantizedState } from './quantized-blocks.js';

export type { QuantizedBlock, QuantizedState } from './quantized-blocks.js';
export { candidateCount };

export interface QuantizedSearchOptions {
  limit: number;
  /** Candidates per result at 100k vectors (default 8); see `candidateCount`. */
  oversample?: number;
  /** Hamming candidates to rescore, instead of `candidateCount(limit, size, oversample)`. */
  candidates?: number;
  /** IVF lists scanned once the index is trained (default `defaultProbes`). */
  probes?: number;
}

export interface QuantizedIndexOptions {
  /** The copy kept to rescore: normalised float32 (default) or int8 with a scale per vector. */
  rescore?: 'float32' | 'int8';
  /** Size at which the coarse quantizer is trained and queries stop scanning every code (100,000). */
  ivfAbove?: number;
  /** Vectors per storage block, a power of two (default `blockSizeFor`: ≤ 32 MiB a block). */
  blockSize?: number;
  /**
   * How the coarse quantizer is trained once the index reaches `ivfAbove`: within the `add` that
   * crosses it ('sync', the default), or in slices of ~5 ms of work on later event-loop turns
   * ('background': queries scan every code and adds/removes are accepted meanwhile; see `trainingDone`).
   */
  training?: 'sync' | 'background';
}

/** IVF lists scanned per query by default: recall@10 ≥ 0.95 at 1M in bench/rag/ivf-recall.ts. */
export const defaultProbes = 32;
export class QuantizedVectorIndex {
  readonly dimension: number;
  private readonly int8: boolean;
  private readonly ivfAbove: number;
  private readonly background: boolean;
  private job: BackgroundTraining | undefined;
  private blocks: QuantizedBlocks;
  private slotMap: Map<number, number> | undefined = new Map<number, number>();
  private distances = new Uint16Array(0);
  private probed = new Int32Array(0);
  // IVF, once trained: each list's slots (each slot's list is kept in `blocks`).
  private coarse: CoarseQuantizer | undefined;
  private members = IvfMembers.empty(0);

  constructor(
    dimension: number,
    { rescore = 'float32', ivfAbove = 100_000, blockSize, training = 'sync' }: QuantizedIndexOptions = {},
  ) {
    this.dimension = dimension;
    this.int8 = rescore === 'int8';
    this.ivfAbove = ivfAbove;
    this.background = training === 'background';
    this.blocks = new QuantizedBlocks(
      dimension,
      this.int8,
      blockSize ?? blockSizeFor(dimension, this.int8 ? 1 : 4),
    );
  }

  get size(): number {
    return this.blocks.size;
  }

  /** Whether queries scan IVF lists (the coarse quantizer is trained) rather than every code. */
  get trained(): boolean {
    return this.coarse !== undefined;
  }

  /** Whether a background training is under way (queries scan every code until it is done). */
  get training(): boolean {
    return this.job !== undefined;
  }

  /**
   * Settles when the background training under way (if any) is done and queries use the IVF lists;
   * at once when none is.
   */
  trainingDone(): Promise<void> {
    return this.job?.done ?? Promise.resolve();
  }

  // id → slot, built lazily after a restore.
  private get slotOf(): Map<number, number> {
    if (!this.slotMap) {
      this.slotMap = new Map();
      for (let slot = 0; slot < this.blocks.size; slot++) this.slotMap.set(this.blocks.idAt(slot), slot);
    }
    return this.slotMap;
  }

  has(id: number): boolean {
    return this.slotOf.has(id);
  }

  /**
   * The index's arrays (an int8 index only), for persisting: views, no copy; once trained, copies in
   * list order (`listOrder`, default true: see list-order.ts).
   */
  exportState({ listOrder = true }: { listOrder?: boolean } = {}): QuantizedState {
    if (!this.int8) throw new Error('QuantizedVectorIndex.exportState needs rescore: int8');
    const state = {
      dimension: this.dimension,
      blockSize: this.blocks.blockSize,
      blocks: this.blocks.export(this.coarse !== undefined),
      coarse: this.coarse?.state,
    };
    if (!this.coarse || !listOrder) return state;
    return gatherInOrder(state, this.members.inListOrder(this.blocks.size));
  }

  /** An int8 index over `exportState`'s arrays (no copy); the IVF lists are rebuilt from `lists`. */
  static restore(
    state: QuantizedState,
    options: Omit<QuantizedIndexOptions, 'rescore'> = {},
  ): QuantizedVectorIndex {
    const index = new QuantizedVectorIndex(state.dimension, { ...options, rescore: 'int8' });
    index.blocks = QuantizedBlocks.restore(state);
    index.slotMap = undefined;
    if (state.coarse) {
      index.coarse = new CoarseQuantizer(state.dimension, state.coarse);
      index.rebuildMembers();
    } else if (index.background && index.blocks.size >= index.ivfAbove) index.startTraining();
    return index;
  }

  add(id: number, vector: Float32Array): void {
    if (this.slotOf.has(id)) this.remove(id);
    const { slot, unit } = this.blocks.append(id, vector);
    this.slotOf.set(id, slot);
    if (this.coarse) this.file(slot, this.coarse.assign(unit));
    else if (this.blocks.size >= this.ivfAbove && !this.job) {
      if (this.background) this.startTraining();
      else this.train();
    }
  }

  /** Removes by moving the last slot into the hole, so the arrays stay dense. */
  remove(id: number): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    if (this.coarse) this.members.replace(this.blocks.listAt(slot), slot, -1);
    const last = this.blocks.removeAt(slot);
    if (slot !== last) {
      this.slotMap?.set(this.blocks.idAt(slot), slot);
      if (this.coarse) {
        const list = this.blocks.listAt(last);
        this.blocks.setList(slot, list);
        this.members.replace(list, last, slot);
      }
    }
    this.job?.removed(slot, last);
    return true;
  }

  /** Ids with cosine distance (1 − cosine similarity), nearest first (int8: within ~1e-3). */
  search(
    query: Float32Array,
    { limit, oversample = 8, candidates, probes = defaultProbes }: QuantizedSearchOptions,
  ): { id: number; distance: number }[] {
    if (this.blocks.size === 0 || limit <= 0) return [];
    let norm = 0;
    for (const value of query) norm += value * value;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const results: { id: number; distance: number }[] = [];
    const blocks = this.blocks;
    const wanted = candidates ?? candidateCount(limit, blocks.size, oversample);
    for (const slot of this.candidateSlots(query, wanted, probes))
      results.push({ id: blocks.idAt(slot), distance: 1 - blocks.dot(slot, query) * scale });
    results.sort((left, right) => left.distance - right.distance || left.id - right.id);
    return results.slice(0, limit);
  }

  /**
   * The ids of (at least) the `count` codes nearest the query's in Hamming distance (among its
   * `probes` lists once trained), every code tied with the last one included; for a caller that
   * rescores them itself.
   */
  candidates(query: Float32Array, count: number, probes = defaultProbes): number[] {
    return this.candidateSlots(query, count, probes).map((slot) => this.blocks.idAt(slot));
  }

  private candidateSlots(query: Float32Array, wanted: number, probes: number): number[] {
    const count = this.blocks.size;
    if (count === 0 || wanted <= 0) return [];
    const code = new Uint32Array(Math.ceil(this.dimension / 32));
    for (let component = 0; component < this.dimension; component++) {
      if (query[component] > 0) code[component >>> 5] |= 1 << (component & 31);
    }
    // The slots to scan: all of them, or the members of the query's nearest lists.
    let scanned = count;
    let slotsOf: Int32Array | undefined;
    if (this.coarse) {
      let norm = 0;
      for (const value of query) norm += value * value;
      const unit = Float32Array.from(query, (value) => value / (Math.sqrt(norm) || 1));
      const lists = this.coarse.probe(unit, probes, Math.max(4, Math.ceil(probes / 4)));
      // (fewer lists than `probes`: all of them)
      scanned = 0;
      for (const list of lists) scanned += this.members.size(list);
      if (this.probed.length < scanned) this.probed = new Int32Array(scanned * 2);
      slotsOf = this.probed;
      let at = 0;
      for (const list of lists) {
        slotsOf.set(this.members.slots(list), at);
        at += this.members.size(list);
      }
    }
    // Counting sort by Hamming distance: distances are small integers (0..dimension).
    if (this.distances.length < scanned) this.distances = new Uint16Array(Math.max(scanned, count));
    const distances = this.distances;
    const histogram = new Uint32Array(this.dimension + 2);
    this.blocks.hammingDistances(code, slotsOf, scanned, distances, histogram);
    const target = Math.min(scanned, wanted);
    let cutoff = 0;
    for (let seen = 0; cutoff <= this.dimension; cutoff++) {
      seen += histogram[cutoff];
      if (seen >= target) break;
    }
    const slots: number[] = [];
    for (let index = 0; index < scanned; index++)
      if (distances[index] <= cutoff) slots.push(slotsOf ? slotsOf[index] : index);
    return slots;
  }

  /**
   * Trains the coarse quantizer on a sample (16 vectors per list) and files every vector. Lists: about
   * one per 100 vectors at training time, a power of two up to 1,024 (32 groups × 32).
   */
  private train(): void {
    const { blocks, dimension } = this;
    this.coarse = CoarseQuantizer.trainOnSample(blocks.size, dimension, (slot, out, offset) =>
      blocks.vectorAt(slot, out, offset),
    );
    blocks.startLists();
    this.members = IvfMembers.empty(this.coarse.lists);
    const unit = new Float32Array(dimension);
    for (let slot = 0; slot < blocks.size; slot++) {
      blocks.vectorAt(slot, unit, 0);
      normalizeRows(unit, dimension);
      this.file(slot, this.coarse.assign(unit));
    }
  }

  /** Starts a background training (`BackgroundTraining`); the sample is copied now. */
  private startTraining(): void {
    const blocks = this.blocks;
    const vectorAt = (slot: number, out: Float32Array, offset: number) => blocks.vectorAt(slot, out, offset);
    const steps = CoarseQuantizer.trainOnSampleSteps(blocks.size, this.dimension, vectorAt);
    this.job = new BackgroundTraining(
      {
        dimension: this.dimension,
        count: () => blocks.size,
        vectorAt,
        beginFiling: () => blocks.startLists(),
        listAt: (slot) => blocks.listAt(slot),
        setList: (slot, list) => blocks.setList(slot, list),
        finish: (quantizer) => {
          this.job = undefined;
          this.coarse = quantizer;
          this.rebuildMembers();
        },
        abandon: () => {
          // Left untrained (full scan); the next add past ivfAbove tries again.
          this.job = undefined;
          blocks.dropLists();
        },
      },
      steps,
    );
  }

  private rebuildMembers(): void {
    const blocks = this.blocks;
    this.members = IvfMembers.fromAssignments(this.coarse?.lists ?? 0, blocks.size, (slot) =>
      blocks.listAt(slot),
    );
  }

  /** Files `slot` under `list`. */
  private file(slot: number, list: number): void {
    this.blocks.setList(slot, list);
    this.members.add(list, slot);
  }
}
