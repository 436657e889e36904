// The eval file (gantry.eval.yaml): a target, a dataset (or an environment's tasks), scorers,
// run settings and regression thresholds. Validated with zod; errors name the field.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { GantryError } from '../../errors/index.js';

const policy = z
  .object({
    /** heuristic: the naive baseline; careful: the scripted policy that reads every page (web shop only). */
    kind: z.enum(['heuristic', 'careful', 'model']).default('heuristic'),
    model: z.string().optional(),
    system: z.string().optional(),
    maximumSteps: z.number().int().positive().default(15),
  })
  .strict()
  .prefault({});

const target = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('model'),
      model: z.string(),
      prompt: z.string().default('{{input}}'),
      system: z.string().optional(),
      temperature: z.number().optional(),
      maxOutputTokens: z.number().int().positive().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('http'),
      url: z.url(),
      method: z.enum(['POST', 'PUT', 'GET']).default('POST'),
      headers: z.record(z.string(), z.string()).default({}),
      body: z.unknown().optional(),
      outputPath: z.string().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('shell'), command: z.string().min(1), cwd: z.string().optional() }).strict(),
  z
    .object({
      kind: z.literal('webshop'),
      seed: z.number().int().default(1),
      catalogueSize: z.number().int().positive().default(2000),
      taskCount: z.number().int().positive().default(10),
      /** Near-duplicate decoys of each task's product (over the cap, or lacking a goal option). */
      decoys: z.boolean().default(false),
      policy,
    })
    .strict(),
  z
    .object({
      kind: z.literal('research'),
      collection: z.string(),
      root: z.string().optional(),
      /** JSONL/CSV/YAML of { id, question, requiredSources, referenceAnswer? }; default: the collection's judged queries. */
      tasks: z.string().optional(),
      taskCount: z.number().int().positive().default(10),
      policy,
    })
    .strict(),
  z
    .object({
      kind: z.literal('agent'),
      model: z.string(),
      instructions: z.string().optional(),
      maximumSteps: z.number().int().positive().default(15),
    })
    .strict(),
]);

const scorer = z.union([z.string(), z.looseObject({ type: z.string(), threshold: z.number().optional() })]);

export const evalFileSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    target,
    dataset: z
      .union([
        z.string(),
        z
          .object({
            path: z.string(),
            input: z.string().optional(),
            expected: z.string().optional(),
            id: z.string().optional(),
          })
          .strict(),
      ])
      .optional(),
    examples: z.array(z.record(z.string(), z.unknown())).optional(),
    scorers: z.array(scorer).min(1),
    judge: z.object({ model: z.string() }).strict().optional(),
    run: z
      .object({
        concurrency: z.number().int().positive().optional(),
        retries: z.number().int().min(0).optional(),
        timeoutMs: z.number().int().positive().optional(),
        repeat: z.number().int().positive().default(1),
        seed: z.number().int().default(0),
        cache: z.boolean().optional(),
      })
      .strict()
      .prefault({}),
    /** Largest allowed drop per scorer for `compare --ci`. */
    thresholds: z.record(z.string(), z.number().min(0).max(1)).default({}),
  })
  .strict();

export type EvalFile = z.infer<typeof evalFileSchema>;
export type EvalFileScorer = z.infer<typeof scorer>;

export function parseEvalFile(value: unknown, source: string): EvalFile {
  const result = evalFileSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new GantryError('EVAL_FILE_INVALID', `The eval file ${source} is not valid: ${problems}`, {
      hint: 'See docs/eval.md for the eval file format.',
      details: { source, issues: result.error.issues },
    });
  }
  return result.data;
}

export function readEvalFile(path: string): EvalFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new GantryError('FILE_NOT_FOUND', `Eval file ${path} cannot be read.`, {
      hint: 'Check the path.',
      cause: error,
    });
  }
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new GantryError(
      'EVAL_FILE_INVALID',
      `The eval file ${path} is not valid YAML: ${(error as Error).message}`,
      {
        hint: 'Fix the YAML syntax (JSON is valid YAML too).',
        cause: error,
      },
    );
  }
  return parseEvalFile(value, path);
}
