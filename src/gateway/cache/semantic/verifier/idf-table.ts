// Inverse document frequency of words for the hit verifier, without shipping any words: each stemmed
// word is hashed (FNV-1a) into one of 2^k buckets, a bucket holds the summed document frequency of
// its words, and the table stores idf per bucket, quantised to 1/16 in one byte (base64 in the
// weights file). A word in no training document gets the highest idf, ln(N + 1) + 1, unless it
// shares a bucket with one that was seen.

export interface IdfTable {
  idf(word: string): number;
}

export interface SerializedIdf {
  /** log2 of the bucket count. */
  bits: number;
  /** Documents counted. */
  documents: number;
  /** One byte per bucket: round(idf × 16), base64. */
  values: string;
}

const quantum = 16;

export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** idf(w) = ln((N + 1) / (df(w) + 1)) + 1, over documents given as sets of stemmed words. */
export function buildIdf(documents: readonly Iterable<string>[], bits = 14): SerializedIdf {
  const size = 1 << bits;
  const df = new Float64Array(size);
  for (const words of documents) {
    const seen = new Set<number>();
    for (const word of words) seen.add(fnv1a(word) & (size - 1));
    for (const bucket of seen) df[bucket]++;
  }
  const bytes = new Uint8Array(size);
  const n = documents.length;
  for (let b = 0; b < size; b++)
    bytes[b] = Math.min(255, Math.round((Math.log((n + 1) / (df[b] + 1)) + 1) * quantum));
  return { bits, documents: n, values: Buffer.from(bytes).toString('base64') };
}

export function idfTable(serialized: SerializedIdf): IdfTable {
  const bytes = new Uint8Array(Buffer.from(serialized.values, 'base64'));
  const mask = (1 << serialized.bits) - 1;
  if (bytes.length !== mask + 1) throw new Error(`idf table: ${bytes.length} values for ${mask + 1} buckets`);
  return { idf: (word) => bytes[fnv1a(word) & mask] / quantum };
}
