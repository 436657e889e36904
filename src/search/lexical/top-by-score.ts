// The best entries of a scored list, for callers that merge or filter lists outside an index.
import type { ScoredId } from './bm25-index.js';

/** The highest-scoring entries, ties broken by id so runs are reproducible. */
export function topByScore(results: ScoredId[], limit: number): ScoredId[] {
  // A bounded min-heap beats sorting every match when only the top few are wanted.
  if (Number.isFinite(limit) && results.length > limit * 4 && limit > 0) {
    const heap: ScoredId[] = [];
    for (const entry of results) {
      if (heap.length < limit) {
        heap.push(entry);
        siftUp(heap, heap.length - 1);
      } else if (better(entry, heap[0])) {
        heap[0] = entry;
        siftDown(heap, 0);
      }
    }
    results = heap;
  }
  results.sort((left, right) => (better(left, right) ? -1 : better(right, left) ? 1 : 0));
  return results.length > limit ? results.slice(0, limit) : results;
}

function better(left: ScoredId, right: ScoredId): boolean {
  return left.score > right.score || (left.score === right.score && left.id < right.id);
}

// The heap keeps its worst entry at the root.
function siftUp(heap: ScoredId[], index: number): void {
  while (index > 0) {
    const parent = (index - 1) >> 1;
    if (!better(heap[parent], heap[index])) break;
    [heap[parent], heap[index]] = [heap[index], heap[parent]];
    index = parent;
  }
}

function siftDown(heap: ScoredId[], index: number): void {
  for (;;) {
    const left = 2 * index + 1;
    const right = left + 1;
    let worst = index;
    if (left < heap.length && better(heap[worst], heap[left])) worst = left;
    if (right < heap.length && better(heap[worst], heap[right])) worst = right;
    if (worst === index) return;
    [heap[worst], heap[index]] = [heap[index], heap[worst]];
    index = worst;
  }
}
