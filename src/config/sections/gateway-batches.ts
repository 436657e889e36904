// gateway.batches: /v1/files and /v1/batches, run by the gateway itself against the routes.
import { z } from 'zod';

export const gatewayBatchesSection = z
  .object({
    /** Lines of one batch in flight at once (each also counts against its key's limits). */
    concurrency: z.number().int().positive().default(4),
    /** Largest uploaded file, in bytes. */
    maximumFileBytes: z
      .number()
      .int()
      .positive()
      .default(50 * 1024 * 1024),
    /** Most lines (requests) in one batch input file. */
    maximumLines: z.number().int().positive().default(50_000),
    /** Attempts of a line refused by a rate limit before it fails (waiting Retry-After between). */
    rateLimitAttempts: z.number().int().positive().default(20),
  })
  .strict()
  .prefault({});

export type GatewayBatchesConfig = z.infer<typeof gatewayBatchesSection>;
