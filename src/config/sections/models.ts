import { z } from 'zod';

/** A named model backend. Built-in names (openai, anthropic, ollama) work without an entry. */
export const providerEntry = z
  .object({
    type: z.enum(['openai-compatible', 'openai', 'anthropic', 'ollama', 'llama']),
    baseURL: z.url().optional(),
    /** The key itself; prefer apiKeyEnv so that no secret sits in the file. */
    apiKey: z.string().optional(),
    /** Name of the environment variable holding the key. */
    apiKeyEnv: z.string().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    /** Options of local GGUF models (type 'llama'); the model id is the GGUF path or hf: URI. */
    llama: z.lazy(() => llamaOptions).optional(),
  })
  .strict();

/** Loading options of a local GGUF model (node-llama-cpp). */
export const llamaOptions = z
  .object({
    contextSize: z.number().int().positive().optional(),
    gpuLayers: z.union([z.number().int().min(0), z.enum(['auto', 'max'])]).optional(),
    /** Requests generated at once (context sequences). */
    parallel: z.number().int().positive().optional(),
    /** CPU threads; fewer than the cores on a busy machine (llama.cpp's threads spin while waiting). */
    threads: z.number().int().positive().optional(),
    gpu: z.union([z.literal(false), z.enum(['auto', 'cuda', 'vulkan', 'metal'])]).optional(),
    /** Expected SHA-256 of a downloaded (hf:) file. */
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/)
      .optional(),
    cacheDir: z.string().optional(),
  })
  .strict();

/** A model the server lists and routes: an alias for 'provider:model'. */
export const modelEntry = z
  .object({
    model: z.string().regex(/^[^:\s]+:.+$/, "expected 'provider:model', for example 'ollama:llama3.2'"),
    description: z.string().optional(),
    /** US dollars per million tokens; overrides the built-in price table for this model. */
    pricing: z
      .object({ inputPerMillion: z.number().nonnegative(), outputPerMillion: z.number().nonnegative() })
      .strict()
      .optional(),
  })
  .strict();

export const providersSection = z.record(z.string(), providerEntry).default({});
export const modelsSection = z.record(z.string(), modelEntry).default({});

export type ProviderEntry = z.infer<typeof providerEntry>;
export type ModelEntry = z.infer<typeof modelEntry>;
