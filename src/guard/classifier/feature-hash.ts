// FNV-1a over UTF-16 code units: a fast, stable hash for the hashing trick (no vocabulary to ship).
export function featureHash(feature: string, dimension: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    hash ^= feature.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % dimension;
}

/** Hashed features with counts: index → value. */
export type SparseVector = Map<number, number>;

export function addFeature(vector: SparseVector, feature: string, dimension: number, value = 1): void {
  const index = featureHash(feature, dimension);
  vector.set(index, (vector.get(index) ?? 0) + value);
}

/** Scales a vector to unit length so that long texts do not dominate by size alone. */
export function normalizeVector(vector: SparseVector): SparseVector {
  let sum = 0;
  for (const value of vector.values()) sum += value * value;
  const norm = Math.sqrt(sum) || 1;
  for (const [index, value] of vector) vector.set(index, value / norm);
  return vector;
}
