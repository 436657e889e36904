import { z } from 'zod';

export const tracingSection = z
  .object({
    enabled: z.boolean().default(true),
    /** OTLP/HTTP endpoint (for example http://127.0.0.1:4318/v1/traces); spans are also exported there. */
    otlpEndpoint: z.url().optional(),
    otlpHeaders: z.record(z.string(), z.string()).optional(),
    /** Also print finished spans to standard error. */
    console: z.boolean().default(false),
  })
  .strict()
  .prefault({});
