import { seededRandom } from '../../src/random/index.js';
// Synthetic chunks for scale benchmarks: Zipf-distributed pseudo-words (60 per chunk) and 384-d
// vectors drawn around 1,000 random centroids (clustered, as real embeddings are; uniformly random
// vectors have no near neighbours worth finding), with queries near existing vectors.

export interface SyntheticCorpus {
  texts: string[];
  vectors: Float32Array[];
  queries: { text: string; vector: Float32Array }[];
}

export function syntheticCorpus(
  size: number,
  { dimension = 384, queryCount = 100, seed = 7 } = {},
): SyntheticCorpus {
  const random = seededRandom(seed);
  const vocabulary = Array.from({ length: 20_000 }, (_, index) => pseudoWord(index));
  // Zipf(1): cumulative weights 1/rank, sampled by binary search.
  const cumulative = new Float64Array(vocabulary.length);
  let total = 0;
  for (let rank = 0; rank < vocabulary.length; rank++) cumulative[rank] = total += 1 / (rank + 1);
  const word = () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return vocabulary[low];
  };
  const centroids = Array.from({ length: 1000 }, () => gaussianVector(dimension, random, 1));
  const vectors: Float32Array[] = [];
  const texts: string[] = [];
  for (let index = 0; index < size; index++) {
    texts.push(`doc${index} ${Array.from({ length: 60 }, word).join(' ')}`);
    const centroid = centroids[Math.floor(random() * centroids.length)];
    const noise = gaussianVector(dimension, random, 0.7);
    vectors.push(normalise(centroid.map((value, component) => value + noise[component])));
  }
  const queries = Array.from({ length: queryCount }, () => {
    const base = vectors[Math.floor(random() * vectors.length)];
    const noise = gaussianVector(dimension, random, 0.3);
    // Mid-frequency words: frequent enough to match many chunks, rare enough to discriminate.
    const text = Array.from({ length: 4 }, () => vocabulary[50 + Math.floor(random() * 2000)]).join(' ');
    return {
      text,
      vector: normalise(base.map((value, component) => value + noise[component] / Math.sqrt(dimension))),
    };
  });
  return { texts, vectors, queries };
}

function pseudoWord(index: number): string {
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ru',
    'te',
    'sa',
    'no',
    'vi',
    'de',
    'po',
    'ga',
    'li',
    'zu',
    'fe',
    'ba',
    'qo',
  ];
  let word = '';
  let rest = index + 1;
  while (rest > 0) {
    word += syllables[rest % 16];
    rest = Math.floor(rest / 16);
  }
  return `${word}x`;
}

function gaussianVector(dimension: number, random: () => number, scale: number): Float32Array {
  const vector = new Float32Array(dimension);
  for (let index = 0; index < dimension; index++) {
    vector[index] = scale * Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
  }
  return vector;
}

function normalise(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const value of vector) norm += value * value;
  const scale = 1 / Math.sqrt(norm);
  return vector.map((value) => value * scale);
}
