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
// Storage is in blocks of at most 32 MiB (65,536 vectors of 384-d int8): a snapshot stores each block
// as its own part and a restored index uses the loaded parts as they are (views, no copy), and growing
// never copies more than the last block.

import { BackgroundTraining } from './background-training.js';
import { candidateCount } from './candidate-count.js';
import { CoarseQuantizer, type CoarseState } from './coarse-quantizer.js';
import { IvfMembers } from './ivf-members.js';
import { dotAt, dotInt8, normalizeRows } from './kmeans.js';
import { gatherInOrder } from './list-order.js';
import { blockSizeFor, grown, popcountDistance } from './quantized-blocks.js';

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

/** One block of an int8 index's slots, as stored. `lists` (each slot's IVF list) once trained. */
export interface QuantizedBlock {
  ids: Int32Array;
  codes: Uint32Array;
  scalars: Int8Array;
  scales: Float32Array;
  lists?: Uint16Array;
}

/** An int8 index as arrays, for persisting; `restore` uses them as they are. */
export interface QuantizedState {
  dimension: number;
  /** Slots per block; every block but the last is full. */
  blockSize: number;
  blocks: QuantizedBlock[];
  coarse?: CoarseState;
}

/** IVF lists scanned per query by default: recall@10 ≥ 0.95 at 1M in bench/rag/ivf-recall.ts. */
export const defaultProbes = 32;
export class QuantizedVectorIndex {
  readonly dimension: number;
  private readonly words: number;
  private readonly int8: boolean;
  private readonly ivfAbove: number;
  private readonly background: boolean;
  private job: BackgroundTraining | undefined;
  private blockSize: number;
  private shift: number;
  private ids: Int32Array[] = [];
  private codes: Uint32Array[] = [];
  private vectors: Float32Array[] = [];
  private scalars: Int8Array[] = [];
  private scales: Float32Array[] = [];
  private count = 0;
  private slotMap: Map<number, number> | undefined = new Map<number, number>();
  private distances = new Uint16Array(0);
  private probed = new Int32Array(0);
  private readonly unit: Float32Array;
  // IVF, once trained: each slot's list (per block) and each list's slots.
  private coarse: CoarseQuantizer | undefined;
  private listOf: Uint16Array[] = [];
  private members = IvfMembers.empty(0);

  constructor(
    dimension: number,
    { rescore = 'float32', ivfAbove = 100_000, blockSize, training = 'sync' }: QuantizedIndexOptions = {},
  ) {
    this.dimension = dimension;
    this.words = Math.ceil(dimension / 32);
    this.int8 = rescore === 'int8';
    this.ivfAbove = ivfAbove;
    this.background = training === 'background';
    this.blockSize = blockSize ?? blockSizeFor(dimension, this.int8 ? 1 : 4);
    if (!Number.isInteger(Math.log2(this.blockSize)))
      throw new RangeError('blockSize must be a power of two');
    this.shift = Math.log2(this.blockSize);
    this.unit = new Float32Array(dimension);
  }

  get size(): number {
    return this.count;
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
      for (let slot = 0; slot < this.count; slot++) this.slotMap.set(this.idAt(slot), slot);
    }
    return this.slotMap;
  }

  private idAt(slot: number): number {
    return this.ids[slot >>> this.shift][slot & (this.blockSize - 1)];
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
    const blocks: QuantizedBlock[] = [];
    for (let block = 0; block * this.blockSize < this.count; block++) {
      const used = Math.min(this.blockSize, this.count - block * this.blockSize);
      blocks.push({
        ids: this.ids[block].subarray(0, used),
        codes: this.codes[block].subarray(0, used * this.words),
        scalars: this.scalars[block].subarray(0, used * this.dimension),
        scales: this.scales[block].subarray(0, used),
        ...(this.coarse ? { lists: this.listOf[block].subarray(0, used) } : {}),
      });
    }
    const state = {
      dimension: this.dimension,
      blockSize: this.blockSize,
      blocks,
      coarse: this.coarse?.state,
    };
    if (!this.coarse || !listOrder) return state;
    return gatherInOrder(state, this.members.inListOrder(this.count));
  }

  /** An int8 index over `exportState`'s arrays (no copy); the IVF lists are rebuilt from `lists`. */
  static restore(
    state: QuantizedState,
    options: Omit<QuantizedIndexOptions, 'rescore'> = {},
  ): QuantizedVectorIndex {
    const index = new QuantizedVectorIndex(state.dimension, { ...options, rescore: 'int8' });
    index.blockSize = state.blockSize;
    index.shift = Math.log2(state.blockSize);
    for (const block of state.blocks) {
      index.ids.push(block.ids);
      index.codes.push(block.codes);
      index.scalars.push(block.scalars);
      index.scales.push(block.scales);
      index.count += block.ids.length;
    }
    index.slotMap = undefined;
    if (state.coarse) {
      index.coarse = new CoarseQuantizer(state.dimension, state.coarse);
      index.listOf = state.blocks.map((block) => block.lists ?? new Uint16Array(block.ids.length));
      index.rebuildMembers();
    } else if (index.background && index.count >= index.ivfAbove) index.startTraining();
    return index;
  }

  add(id: number, vector: Float32Array): void {
    if (this.slotOf.has(id)) this.remove(id);
    const slot = this.count;
    this.reserve(slot);
    this.count++;
    const block = slot >>> this.shift;
    const at = slot & (this.blockSize - 1);
    this.ids[block][at] = id;
    this.slotOf.set(id, slot);
    let norm = 0;
    for (const value of vector) norm += value * value;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const unit = this.unit;
    const dimension = this.dimension;
    const codes = this.codes[block];
    const codeOffset = at * this.words;
    for (let word = 0; word < this.words; word++) codes[codeOffset + word] = 0;
    let largest = 0;
    for (let component = 0; component < dimension; component++) {
      const value = vector[component] * scale;
      unit[component] = value;
      if (Math.abs(value) > largest) largest = Math.abs(value);
      if (value > 0) codes[codeOffset + (component >>> 5)] |= 1 << (component & 31);
    }
    const offset = at * dimension;
    if (this.int8) {
      const step = largest > 0 ? largest / 127 : 1;
      this.scales[block][at] = step;
      const scalars = this.scalars[block];
      for (let component = 0; component < dimension; component++)
        scalars[offset + component] = Math.round(unit[component] / step);
    } else this.vectors[block].set(unit, offset);
    if (this.coarse) this.file(slot, this.coarse.assign(unit));
    else if (this.count >= this.ivfAbove && !this.job) {
      if (this.background) this.startTraining();
      else this.train();
    }
  }

  /** Removes by moving the last slot into the hole, so the arrays stay dense. */
  remove(id: number): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    const last = --this.count;
    this.slotOf.delete(id);
    const mask = this.blockSize - 1;
    const [block, at] = [slot >>> this.shift, slot & mask];
    if (this.coarse) this.unfile(this.listOf[block][at], slot, -1);
    if (slot !== last) {
      const [from, fromAt] = [last >>> this.shift, last & mask];
      const movedId = this.ids[from][fromAt];
      this.ids[block][at] = movedId;
      this.slotMap?.set(movedId, slot);
      const words = this.words;
      this.codes[block].set(this.codes[from].subarray(fromAt * words, (fromAt + 1) * words), at * words);
      const dimension = this.dimension;
      const range = [fromAt * dimension, (fromAt + 1) * dimension] as const;
      if (this.int8) {
        this.scalars[block].set(this.scalars[from].subarray(...range), at * dimension);
        this.scales[block][at] = this.scales[from][fromAt];
      } else this.vectors[block].set(this.vectors[from].subarray(...range), at * dimension);
      if (this.coarse) {
        const list = this.listOf[from][fromAt];
        this.listOf[block][at] = list;
        this.unfile(list, last, slot);
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
    if (this.count === 0 || limit <= 0) return [];
    let norm = 0;
    for (const value of query) norm += value * value;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const results: { id: number; distance: number }[] = [];
    const dimension = this.dimension;
    const mask = this.blockSize - 1;
    const wanted = candidates ?? candidateCount(limit, this.count, oversample);
    for (const slot of this.candidateSlots(query, wanted, probes)) {
      const block = slot >>> this.shift;
      const offset = (slot & mask) * dimension;
      let dot: number;
      if (this.int8)
        dot = dotInt8(this.scalars[block], offset, query, dimension) * this.scales[block][slot & mask];
      else dot = dotAt(this.vectors[block], offset, query, 0, dimension);
      results.push({ id: this.ids[block][slot & mask], distance: 1 - dot * scale });
    }
    results.sort((left, right) => left.distance - right.distance || left.id - right.id);
    return results.slice(0, limit);
  }

  /**
   * The ids of (at least) the `count` codes nearest the query's in Hamming distance (among its
   * `probes` lists once trained), every code tied with the last one included; for a caller that
   * rescores them itself.
   */
  candidates(query: Float32Array, count: number, probes = defaultProbes): number[] {
    return this.candidateSlots(query, count, probes).map((slot) => this.idAt(slot));
  }

  private candidateSlots(query: Float32Array, wanted: number, probes: number): number[] {
    if (this.count === 0 || wanted <= 0) return [];
    const words = this.words;
    const code = new Uint32Array(words);
    for (let component = 0; component < this.dimension; component++) {
      if (query[component] > 0) code[component >>> 5] |= 1 << (component & 31);
    }
    // The slots to scan: all of them, or the members of the query's nearest lists.
    let scanned = this.count;
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
    if (this.distances.length < scanned) this.distances = new Uint16Array(Math.max(scanned, this.count));
    const distances = this.distances;
    const histogram = new Uint32Array(this.dimension + 2);
    const mask = this.blockSize - 1;
    for (let index = 0; index < scanned; index++) {
      const slot = slotsOf ? slotsOf[index] : index;
      const distance = popcountDistance(this.codes[slot >>> this.shift], (slot & mask) * words, code, words);
      distances[index] = distance;
      histogram[distance]++;
    }
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

  /** Makes room for `slot`: grows the last block (doubling) or starts a new one. */
  private reserve(slot: number): void {
    const block = slot >>> this.shift;
    const at = slot & (this.blockSize - 1);
    if (block < this.ids.length && at < this.ids[block].length) return;
    const capacity =
      block < this.ids.length
        ? Math.min(this.blockSize, this.ids[block].length * 2)
        : Math.min(this.blockSize, 1024);
    const dimension = this.dimension;
    if (block === this.ids.length) {
      this.ids.push(new Int32Array(capacity));
      this.codes.push(new Uint32Array(capacity * this.words));
      if (this.int8) {
        this.scalars.push(new Int8Array(capacity * dimension));
        this.scales.push(new Float32Array(capacity));
      } else this.vectors.push(new Float32Array(capacity * dimension));
      if (this.coarse || this.job?.filing) this.listOf.push(new Uint16Array(capacity));
      return;
    }
    this.ids[block] = grown(this.ids[block], capacity);
    this.codes[block] = grown(this.codes[block], capacity * this.words);
    if (this.int8) {
      this.scalars[block] = grown(this.scalars[block], capacity * dimension);
      this.scales[block] = grown(this.scales[block], capacity);
    } else this.vectors[block] = grown(this.vectors[block], capacity * dimension);
    if (this.coarse || this.job?.filing) this.listOf[block] = grown(this.listOf[block], capacity);
  }

  /** The unit vector kept at `slot` (dequantized for int8), into `out`. */
  private vectorAt(slot: number, out: Float32Array, outOffset: number): void {
    const block = slot >>> this.shift;
    const at = slot & (this.blockSize - 1);
    const dimension = this.dimension;
    if (this.int8) {
      const scalars = this.scalars[block];
      const step = this.scales[block][at];
      for (let component = 0; component < dimension; component++)
        out[outOffset + component] = scalars[at * dimension + component] * step;
    } else out.set(this.vectors[block].subarray(at * dimension, (at + 1) * dimension), outOffset);
  }

  /**
   * Trains the coarse quantizer on a sample (16 vectors per list) and files every vector. Lists: about
   * one per 100 vectors at training time, a power of two up to 1,024 (32 groups × 32).
   */
  private train(): void {
    const dimension = this.dimension;
    this.coarse = CoarseQuantizer.trainOnSample(this.count, dimension, (slot, out, offset) =>
      this.vectorAt(slot, out, offset),
    );
    this.listOf = this.ids.map((ids) => new Uint16Array(ids.length));
    this.members = IvfMembers.empty(this.coarse.lists);
    const unit = new Float32Array(dimension);
    for (let slot = 0; slot < this.count; slot++) {
      this.vectorAt(slot, unit, 0);
      normalizeRows(unit, dimension);
      this.file(slot, this.coarse.assign(unit));
    }
  }

  /** Starts a background training (`BackgroundTraining`); the sample is copied now. */
  private startTraining(): void {
    const vectorAt = (slot: number, out: Float32Array, offset: number) => this.vectorAt(slot, out, offset);
    const steps = CoarseQuantizer.trainOnSampleSteps(this.count, this.dimension, vectorAt);
    this.job = new BackgroundTraining(
      {
        dimension: this.dimension,
        count: () => this.count,
        vectorAt,
        beginFiling: () => {
          this.listOf = this.ids.map((ids) => new Uint16Array(ids.length));
        },
        listAt: (slot) => this.listOf[slot >>> this.shift][slot & (this.blockSize - 1)],
        setList: (slot, list) => {
          this.listOf[slot >>> this.shift][slot & (this.blockSize - 1)] = list;
        },
        finish: (quantizer) => {
          this.job = undefined;
          this.coarse = quantizer;
          this.rebuildMembers();
        },
        abandon: () => {
          // Left untrained (full scan); the next add past ivfAbove tries again.
          this.job = undefined;
          this.listOf = [];
        },
      },
      steps,
    );
  }

  private rebuildMembers(): void {
    const mask = this.blockSize - 1;
    this.members = IvfMembers.fromAssignments(
      this.coarse?.lists ?? 0,
      this.count,
      (slot) => this.listOf[slot >>> this.shift][slot & mask],
    );
  }

  /** Files `slot` under `list`. */
  private file(slot: number, list: number): void {
    this.listOf[slot >>> this.shift][slot & (this.blockSize - 1)] = list;
    this.members.add(list, slot);
  }

  /** Replaces `slot` in `list` by `replacement`, or (-1) takes it out. */
  private unfile(list: number, slot: number, replacement: number): void {
    this.members.replace(list, slot, replacement);
  }
}
