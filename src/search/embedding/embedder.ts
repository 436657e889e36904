// What the pipeline embeds with: any AI SDK embedding model, or the offline LSA model.

export interface Embedder {
  /** Stable identity, part of the embedding cache key ('lsa:256', 'ollama:nomic-embed-text'). */
  readonly id: string;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** Vectors cached by (embedder id, content hash), so unchanged text is never embedded twice. */
export interface EmbeddingCache {
  getMany(embedderId: string, hashes: readonly string[]): Promise<Map<string, Float32Array>>;
  putMany(embedderId: string, entries: ReadonlyMap<string, Float32Array>): Promise<void>;
}
