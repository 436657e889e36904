// An IVF index's exported arrays rearranged list by list: a reopened index then finds each list's
// codes and vectors side by side in memory, so a query reads the lists it probes sequentially instead
// of ~32,000 codes scattered over the whole collection (vectors otherwise lie in insertion order).
import type { QuantizedBlock, QuantizedState } from './quantized-blocks.js';

/** `state` with slot `order[k]` moved to slot k (copies; `state` is left as it is). */
export function gatherInOrder(state: QuantizedState, order: Int32Array): QuantizedState {
  const { dimension, blockSize } = state;
  const words = Math.ceil(dimension / 32);
  const shift = Math.log2(blockSize);
  const mask = blockSize - 1;
  const blocks: QuantizedBlock[] = [];
  for (let first = 0; first < order.length; first += blockSize) {
    const used = Math.min(blockSize, order.length - first);
    const block = {
      ids: new Int32Array(used),
      codes: new Uint32Array(used * words),
      scalars: new Int8Array(used * dimension),
      scales: new Float32Array(used),
      lists: new Uint16Array(used),
    };
    for (let at = 0; at < used; at++) {
      const slot = order[first + at];
      const from = state.blocks[slot >>> shift];
      const fromAt = slot & mask;
      block.ids[at] = from.ids[fromAt];
      block.scales[at] = from.scales[fromAt];
      block.lists[at] = from.lists?.[fromAt] ?? 0;
      block.codes.set(from.codes.subarray(fromAt * words, (fromAt + 1) * words), at * words);
      block.scalars.set(from.scalars.subarray(fromAt * dimension, (fromAt + 1) * dimension), at * dimension);
    }
    blocks.push(block);
  }
  return { ...state, blocks };
}
