import { z } from 'zod';

/** Configuration of the rag subsystem. */
export const ragSection = z
  .object({
    /** Collection used when a command names none. */
    collection: z.string().min(1).default('default'),
    /** 'lsa' (offline, fitted on the first ingest), 'none' (BM25 only), or a model 'provider:model' / alias. */
    embedder: z.string().min(1).default('lsa'),
    lsaDimension: z.number().int().positive().default(256),
    chunker: z.enum(['auto', 'recursive', 'markdown', 'sentence-window']).default('auto'),
    /** Chunk size and overlap in tokens (cl100k_base); overlap must be smaller than size. */
    chunkSize: z.number().int().positive().default(512),
    chunkOverlap: z.number().int().nonnegative().default(64),
    /** Anserini's BM25 baseline; Lucene/FTS5 use k1 = 1.2, b = 0.75. */
    bm25: z
      .object({ k1: z.number().nonnegative().default(0.9), b: z.number().min(0).max(1).default(0.4) })
      .strict()
      .prefault({}),
    /** Chunks above which vector search uses binary-quantized candidates rescored exactly. */
    approximateAbove: z.number().int().positive().default(50_000),
    search: z
      .object({
        mode: z.enum(['bm25', 'vector', 'hybrid']).default('hybrid'),
        limit: z.number().int().positive().default(10),
        fusion: z.enum(['rrf', 'convex']).default('rrf'),
        /** Convex fusion: weight of the vector list. */
        weight: z.number().min(0).max(1).default(0.5),
      })
      .strict()
      .prefault({}),
    answer: z
      .object({
        /** Model for `gantry ask` ('provider:model' or alias); required to answer. */
        model: z.string().optional(),
        /** Sources put in the prompt. */
        sources: z.number().int().positive().default(5),
        /** Below both thresholds the answer is "I don't know" and no model is called. */
        minimumSimilarity: z.number().min(-1).max(1).default(0.25),
        minimumBm25: z.number().nonnegative().default(2),
      })
      .strict()
      .prefault({}),
    reranker: z
      .object({
        type: z.enum(['none', 'http', 'llm']).default('none'),
        /** http: the /rerank endpoint (TEI, Cohere, Jina, vLLM). */
        url: z.url().optional(),
        /** http: model name sent in the body; llm: 'provider:model' or alias. */
        model: z.string().optional(),
        apiKeyEnv: z.string().optional(),
        /** Candidates sent to the reranker. */
        candidates: z.number().int().positive().default(30),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .prefault({});

export type RagConfig = z.infer<typeof ragSection>;
