// qqp-dev split by question, not by row: questions are the nodes of a graph (text lower-cased with
// everything but a–z and 0–9 removed, as the dataset README compares them), each pair an edge; whole
// connected components go to train (60 %), validation (20 %) or test (20 %) by a hash of the
// component's smallest question, so no question text is in two splits. Only qqp-dev.jsonl is read.
import { readFileSync } from 'node:fs';
import { fnv1a } from '../../src/gateway/cache/semantic/verifier/index.js';

export interface QqpPair {
  q1: string;
  q2: string;
  duplicate: boolean;
}
export type QqpSplit = 'train' | 'validation' | 'test';
export interface SplitPair extends QqpPair {
  split: QqpSplit;
}

export const qqpDevPath = new URL('../../../shared/datasets/semantic-cache/qqp-dev.jsonl', import.meta.url);

export function loadQqpDev(): QqpPair[] {
  return readFileSync(qqpDevPath, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as QqpPair);
}

const normalise = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

export function splitByQuestion(pairs: readonly QqpPair[]): SplitPair[] {
  const parent = new Map<string, string>();
  const find = (node: string): string => {
    let root = node;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    let at = node;
    while (at !== root) {
      const next = parent.get(at) as string;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    // The smaller text becomes the root, so a component's root is its smallest question.
    if (ra !== rb) ra < rb ? parent.set(rb, ra) : parent.set(ra, rb);
  };
  for (const { q1, q2 } of pairs) {
    for (const q of [normalise(q1), normalise(q2)]) if (!parent.has(q)) parent.set(q, q);
    union(normalise(q1), normalise(q2));
  }
  return pairs.map((pair) => {
    const bucket = fnv1a(find(normalise(pair.q1))) % 100;
    return { ...pair, split: bucket < 60 ? 'train' : bucket < 80 ? 'validation' : 'test' };
  });
}
