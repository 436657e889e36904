import { z } from 'zod';

export const tracingSection = z
  .object({
    enabled: z.boolean().default(true),
    /**
     * Share of traces recorded (head sampling, decided when a trace's first span starts; its spans
     * follow). 1 records every trace; a busy gateway may lower it (each recorded request costs ~10 µs
     * of CPU, see docs/benchmarks.md).
     */
    sampleRatio: z.number().min(0).max(1).default(1),
    /** OTLP/HTTP endpoint (for example http://127.0.0.1:4318/v1/traces); spans are also exported there. */
    otlpEndpoint: z.url().optional(),
    otlpHeaders: z.record(z.string(), z.string()).optional(),
    /** Also print finished spans to standard error. */
    console: z.boolean().default(false),
  })
  .strict()
  .prefault({});
