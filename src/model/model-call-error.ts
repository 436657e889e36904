// A failed call to a model backend as a Gantry error (what, why, what to do), for every caller of a
// model (the agent loop, ask, judges). Aborts and Gantry errors pass through unchanged.
import { APICallError } from '@ai-sdk/provider';
import { RetryError } from 'ai';
import { GantryError } from '../errors/index.js';

export function asModelCallError(error: unknown, modelName: string, signal?: AbortSignal): unknown {
  if (GantryError.isInstance(error) || signal?.aborted) return error;
  // generateText retries first, then throws a RetryError around the last failure.
  const last = RetryError.isInstance(error) ? error.lastError : error;
  const status = APICallError.isInstance(last) ? last.statusCode : undefined;
  return new GantryError(
    'MODEL_CALL_FAILED',
    `The call to model ${modelName} failed${status ? ` (HTTP ${status})` : ''}: ${(last as Error)?.message ?? last}`,
    {
      hint: 'Check that the backend is running and reachable, the model name, and the API key; `gantry doctor` tests each backend.',
      details: { model: modelName, ...(status ? { status } : {}) },
      cause: error,
    },
  );
}
