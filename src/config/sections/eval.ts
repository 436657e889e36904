import { z } from 'zod';

/** Configuration of the eval subsystem: defaults that an eval file's `run:` block can override. */
export const evalSection = z
  .object({
    /** Examples run at once. */
    concurrency: z.number().int().positive().default(4),
    /** Extra attempts after a target failure. */
    retries: z.number().int().min(0).default(2),
    /** Per-example time limit. */
    timeoutMs: z.number().int().positive().default(60_000),
    /** Reuse stored outputs for unchanged (target, input, trial). */
    cache: z.boolean().default(true),
    /** Default judge model ('provider:model' or an alias) for llm-judge, g-eval and judge-check. */
    judgeModel: z.string().optional(),
    /** Largest allowed drop of a scorer's mean (0..1) before `--ci` fails, unless the eval file says otherwise. */
    regressionThreshold: z.number().min(0).max(1).default(0.02),
  })
  .strict()
  .prefault({});

export type EvalConfig = z.infer<typeof evalSection>;
