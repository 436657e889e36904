// Configuration of long-term memory (`gantry memory …`, agents with memory): see docs/memory.md.
import { z } from 'zod';

const weight = z.number().min(0, { error: 'a recall weight is a number ≥ 0 (0 switches the signal off)' });
const days = z
  .number()
  .positive({ error: 'a lifetime is a number of days > 0 (leave it out to keep memories until forgotten)' });

/** Configuration of the memory subsystem. */
export const memorySection = z
  .object({
    /**
     * Embeds memories for recall's vector signal: 'none' (BM25 with recency, importance and
     * multi-hop bridges), or an embedding model 'provider:model' / alias.
     */
    embedder: z.string().min(1, { error: "the embedder is 'none' or 'provider:model'" }).default('none'),
    /** Extracts facts and summarises sessions ('provider:model' or alias); rule-based and extractive without. */
    model: z.string().min(1).optional(),
    /** Recall's signal weights; unset ones keep the measured defaults (docs/benchmarks.md, Memory). */
    weights: z
      .object({
        lexical: weight,
        vector: weight,
        recency: weight,
        importance: weight,
        session: weight,
        neighbour: weight,
        bridge: weight,
      })
      .partial()
      .strict()
      .prefault({}),
    /** Default lifetimes in days; absent: kept until forgotten. */
    ttl: z.object({ episodesDays: days, factsDays: days }).partial().strict().prefault({}),
    /**
     * Seconds after which a process rebuilds a user's in-memory index from the database, so that
     * writes and erasures by other processes sharing it show up; absent: one process writes memory.
     */
    indexMaxAgeSeconds: z
      .number()
      .positive({ error: 'indexMaxAgeSeconds is a number of seconds > 0' })
      .optional(),
    /** Facts from user turns as they are stored. */
    extractFacts: z.boolean().default(true),
    context: z
      .object({
        /** Tokens of the context assembled from memory (system, profile, memories, history, tools). */
        budgetTokens: z
          .number()
          .int({ error: 'the context budget is a whole number of tokens' })
          .min(100, { error: 'the context budget must be at least 100 tokens' })
          .default(2000),
        /** Whose tokenizer counts the budget ('openai:gpt-4o'); default cl100k_base. */
        tokenizerModel: z.string().min(1).optional(),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .prefault({});

export type MemoryConfig = z.infer<typeof memorySection>;
