import { z } from 'zod';

export const serverSection = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65_535).default(8080),
    /** Largest accepted request body, in bytes. */
    bodyLimitBytes: z
      .number()
      .int()
      .positive()
      .default(4 * 1024 * 1024),
    /** Time allowed for a client to send its request headers (slow-loris guard). */
    headersTimeoutMs: z.number().int().positive().default(10_000),
    /** Time allowed for a whole request to arrive. */
    requestTimeoutMs: z.number().int().positive().default(60_000),
    /** On SIGINT/SIGTERM, how long in-flight requests may take to finish before the process exits. */
    shutdownTimeoutMs: z.number().int().positive().default(30_000),
  })
  .strict()
  .prefault({});
