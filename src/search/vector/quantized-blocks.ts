// The quantized index's storage: its slots kept in blocks of at most 32 MiB (65,536 vectors of 384-d
// int8), and per slot its id, binary code (1 bit per dimension: the sign), rescoring copy (the
// normalised float32 vector, or int8 components with a per-vector scale) and, once an IVF training
// files the slots, its list number. A snapshot stores each block as its own part and a restored index
// uses the loaded parts as they are (views, no copy); growing never copies more than the last block.
// Slots are dense: removing one moves the last into its hole.

import type { CoarseState } from './coarse-quantizer.js';
import { dotAt, dotInt8 } from './kmeans.js';

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

const blockBytes = 32 * 1024 * 1024;

/** Vectors per block: the largest power of two whose rescoring copy fits in 32 MiB (at most 65,536). */
export function blockSizeFor(dimension: number, bytesPerComponent: number): number {
  let size = 65_536;
  while (size > 64 && size * dimension * bytesPerComponent > blockBytes) size /= 2;
  return size;
}

export class QuantizedBlocks {
  readonly dimension: number;
  readonly int8: boolean;
  readonly blockSize: number;
  /** 32-bit words per binary code. */
  private readonly words: number;
  private readonly shift: number;
  private readonly mask: number;
  private ids: Int32Array[] = [];
  private codes: Uint32Array[] = [];
  private vectors: Float32Array[] = [];
  private scalars: Int8Array[] = [];
  private scales: Float32Array[] = [];
  // IVF list numbers, one array per block while `keepsLists`.
  private lists: Uint16Array[] = [];
  private keepsLists = false;
  private count = 0;
  private readonly unit: Float32Array;

  constructor(dimension: number, int8: boolean, blockSize: number) {
    if (!Number.isInteger(Math.log2(blockSize))) throw new RangeError('blockSize must be a power of two');
    this.dimension = dimension;
    this.int8 = int8;
    this.blockSize = blockSize;
    this.words = Math.ceil(dimension / 32);
    this.shift = Math.log2(blockSize);
    this.mask = blockSize - 1;
    this.unit = new Float32Array(dimension);
  }

  /** Int8 blocks over `state`'s arrays (no copy), with their list numbers when `state` is trained. */
  static restore(state: QuantizedState): QuantizedBlocks {
    const blocks = new QuantizedBlocks(state.dimension, true, state.blockSize);
    for (const block of state.blocks) {
      blocks.ids.push(block.ids);
      blocks.codes.push(block.codes);
      blocks.scalars.push(block.scalars);
      blocks.scales.push(block.scales);
      blocks.count += block.ids.length;
    }
    if (state.coarse) {
      blocks.lists = state.blocks.map((block) => block.lists ?? new Uint16Array(block.ids.length));
      blocks.keepsLists = true;
    }
    return blocks;
  }

  /** The used part of each block (int8 only): views, no copy; with the list numbers when `lists`. */
  export(lists: boolean): QuantizedBlock[] {
    const blocks: QuantizedBlock[] = [];
    for (let block = 0; block * this.blockSize < this.count; block++) {
      const used = Math.min(this.blockSize, this.count - block * this.blockSize);
      blocks.push({
        ids: this.ids[block].subarray(0, used),
        codes: this.codes[block].subarray(0, used * this.words),
        scalars: this.scalars[block].subarray(0, used * this.dimension),
        scales: this.scales[block].subarray(0, used),
        ...(lists ? { lists: this.lists[block].subarray(0, used) } : {}),
      });
    }
    return blocks;
  }

  get size(): number {
    return this.count;
  }

  idAt(slot: number): number {
    return this.ids[slot >>> this.shift][slot & this.mask];
  }

  /**
   * Stores `id` and `vector` in a new last slot: its code and its rescoring copy of the normalised
   * vector. Returns the slot and the normalised vector (a scratch array, valid until the next append).
   */
  append(id: number, vector: Float32Array): { slot: number; unit: Float32Array } {
    const slot = this.count;
    this.reserve(slot);
    this.count++;
    const block = slot >>> this.shift;
    const at = slot & this.mask;
    this.ids[block][at] = id;
    const dimension = this.dimension;
    const present = Math.min(dimension, vector.length);
    let norm = 0;
    let largestInput = 0;
    for (let component = 0; component < present; component++) {
      const value = vector[component];
      norm += value * value;
      largestInput = Math.max(largestInput, Math.abs(value));
    }
    for (let component = present; component < vector.length; component++)
      norm += vector[component] * vector[component];
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    // Branch-free (random signs mispredict half the time: 14 → 5 µs per 384-d vector): the sign bits
    // come from the input's float bits (v · scale > 0 ⇔ v > 0 for a finite scale > 0) and the largest
    // magnitude from the input's (× scale > 0 is monotonic, so max |v·scale| = max |v| · scale exactly).
    // A scale > 0 means a finite norm, so every component is finite; a zero scale (zero, infinite or
    // NaN norm) leaves every value 0 or NaN, whose largest magnitude a comparison reads as 0.
    const largest = scale > 0 ? largestInput * scale : 0;
    const unit = this.unit;
    for (let component = 0; component < dimension; component++) unit[component] = vector[component] * scale;
    // A zero (or non-finite) norm gives a zero scale: every value is 0 or NaN, no bit is set.
    if (scale > 0) signBits(vector, present, this.codes[block], at * this.words, this.words);
    else this.codes[block].fill(0, at * this.words, (at + 1) * this.words);
    const offset = at * dimension;
    if (this.int8) {
      const step = largest > 0 ? largest / 127 : 1;
      this.scales[block][at] = step;
      const scalars = this.scalars[block];
      for (let component = 0; component < dimension; component++) {
        // Math.round without its branch (mispredicted on random fractions): floor(x + 0.5) is the same
        // for every double but 0.5 − 2⁻⁵⁴ (x + 0.5 rounds up to 1); −0 and 0 store the same byte.
        const scaled = unit[component] / step;
        const rounded = Math.floor(scaled + 0.5);
        scalars[offset + component] = scaled === 0.49999999999999994 ? 0 : rounded;
      }
    } else this.vectors[block].set(unit, offset);
    return { slot, unit };
  }

  /**
   * Drops the last slot, first moving it (id, code, rescoring copy; not its list number) into `slot`
   * unless `slot` is the last. Returns the former last slot.
   */
  removeAt(slot: number): number {
    const last = --this.count;
    if (slot === last) return last;
    const [block, at] = [slot >>> this.shift, slot & this.mask];
    const [from, fromAt] = [last >>> this.shift, last & this.mask];
    this.ids[block][at] = this.ids[from][fromAt];
    const words = this.words;
    this.codes[block].set(this.codes[from].subarray(fromAt * words, (fromAt + 1) * words), at * words);
    const dimension = this.dimension;
    const range = [fromAt * dimension, (fromAt + 1) * dimension] as const;
    if (this.int8) {
      this.scalars[block].set(this.scalars[from].subarray(...range), at * dimension);
      this.scales[block][at] = this.scales[from][fromAt];
    } else this.vectors[block].set(this.vectors[from].subarray(...range), at * dimension);
    return last;
  }

  /** The dot product of `query` with the unit vector kept at `slot` (int8: dequantized). */
  dot(slot: number, query: Float32Array): number {
    const block = slot >>> this.shift;
    const offset = (slot & this.mask) * this.dimension;
    if (this.int8)
      return (
        dotInt8(this.scalars[block], offset, query, this.dimension) * this.scales[block][slot & this.mask]
      );
    return dotAt(this.vectors[block], offset, query, 0, this.dimension);
  }

  /**
   * The Hamming distance of `code` to the code of each of `scanned` slots (`slots[index]`, or slot
   * `index` itself without `slots`) into `distances[index]`, each counted in `histogram`.
   */
  hammingDistances(
    code: Uint32Array,
    slots: Int32Array | undefined,
    scanned: number,
    distances: Uint16Array,
    histogram: Uint32Array,
  ): void {
    const words = this.words;
    const mask = this.mask;
    for (let index = 0; index < scanned; index++) {
      const slot = slots ? slots[index] : index;
      const distance = popcountDistance(this.codes[slot >>> this.shift], (slot & mask) * words, code, words);
      distances[index] = distance;
      histogram[distance]++;
    }
  }

  /** The unit vector kept at `slot` (dequantized for int8), into `out`. */
  vectorAt(slot: number, out: Float32Array, outOffset: number): void {
    const block = slot >>> this.shift;
    const at = slot & this.mask;
    const dimension = this.dimension;
    if (this.int8) {
      const scalars = this.scalars[block];
      const step = this.scales[block][at];
      for (let component = 0; component < dimension; component++)
        out[outOffset + component] = scalars[at * dimension + component] * step;
    } else out.set(this.vectors[block].subarray(at * dimension, (at + 1) * dimension), outOffset);
  }

  /** Starts keeping a list number per slot (all 0 until set). */
  startLists(): void {
    this.lists = this.ids.map((ids) => new Uint16Array(ids.length));
    this.keepsLists = true;
  }

  /** Stops keeping list numbers (a training abandoned). */
  dropLists(): void {
    this.lists = [];
    this.keepsLists = false;
  }

  listAt(slot: number): number {
    return this.lists[slot >>> this.shift][slot & this.mask];
  }

  setList(slot: number, list: number): void {
    this.lists[slot >>> this.shift][slot & this.mask] = list;
  }

  /** Makes room for `slot`: grows the last block (doubling) or starts a new one. */
  private reserve(slot: number): void {
    const block = slot >>> this.shift;
    const at = slot & this.mask;
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
      if (this.keepsLists) this.lists.push(new Uint16Array(capacity));
      return;
    }
    this.ids[block] = grown(this.ids[block], capacity);
    this.codes[block] = grown(this.codes[block], capacity * this.words);
    if (this.int8) {
      this.scalars[block] = grown(this.scalars[block], capacity * dimension);
      this.scales[block] = grown(this.scales[block], capacity);
    } else this.vectors[block] = grown(this.vectors[block], capacity * dimension);
    if (this.keepsLists) this.lists[block] = grown(this.lists[block], capacity);
  }
}

/** Hamming distance between the code at `offset` of `codes` and `code`, over `words` 32-bit words. */
export function popcountDistance(
  codes: Uint32Array,
  offset: number,
  code: Uint32Array,
  words: number,
): number {
  let distance = 0;
  for (let word = 0; word < words; word++) {
    let value = (codes[offset + word] ^ code[word]) >>> 0;
    value -= (value >>> 1) & 0x55555555;
    value = (value & 0x33333333) + ((value >>> 2) & 0x33333333);
    distance += (Math.imul((value + (value >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
  }
  return distance;
}

/**
 * Bit c of the code (c < dimension ≤ vector.length): component c is > 0, from its float bits (sign clear, not +0, not NaN):
 * with j = bits − 1 as int32, 0 ≤ j < 0x7f800000 (+∞ included).
 */
function signBits(
  vector: Float32Array,
  dimension: number,
  codes: Uint32Array,
  codeOffset: number,
  words: number,
): void {
  const bits = new Int32Array(vector.buffer, vector.byteOffset, dimension);
  for (let word = 0; word < words; word++) {
    let code = 0;
    const base = word << 5;
    const end = Math.min(32, dimension - base);
    for (let bit = 0; bit < end; bit++) {
      const j = (bits[base + bit] - 1) | 0;
      code |= (((j >>> 31) ^ 1) & (((j - 0x7f800000) | 0) >>> 31)) << bit;
    }
    codes[codeOffset + word] = code;
  }
}

/** A copy of `array` with room for `length` elements. */
function grown<T extends Int32Array | Uint32Array | Int8Array | Float32Array | Uint16Array>(
  array: T,
  length: number,
): T {
  const copy = new (array.constructor as new (length: number) => T)(length);
  copy.set(array);
  return copy;
}
