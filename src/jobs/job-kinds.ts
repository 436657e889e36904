// The kinds of job the queue carries and the shape of each one's data (checked when enqueued and
// again when a worker takes it, since producers and workers may run different versions).
import { z } from 'zod';
import { GantryError } from '../errors/index.js';

export const agentRunJob = z
  .object({
    /** The run's id: a redelivered job resumes this run from its checkpoint. */
    runId: z.string().min(1),
    task: z.string().min(1),
    model: z.string().optional(),
    tools: z.array(z.string()).optional(),
    protocol: z.enum(['auto', 'native', 'json', 'react']).optional(),
    maximumSteps: z.number().int().positive().optional(),
    instructions: z.string().optional(),
    tenant: z.string().optional(),
    caller: z.string().optional(),
  })
  .strict();

export const teamRunJob = z
  .object({
    teamRunId: z.string().min(1),
    task: z.string().min(1),
    /** The team file's text (YAML), so that a worker needs no copy of the file. */
    definition: z.string().min(1),
    tenant: z.string().optional(),
  })
  .strict();

export const evalExampleJob = z
  .object({
    /** The eval file: a path every worker can read (its datasets are resolved against its folder). */
    file: z.string().min(1),
    runId: z.string().min(1),
    exampleId: z.string(),
  })
  .strict();

export const evalFinishJob = z.object({ file: z.string().min(1), runId: z.string().min(1) }).strict();

export const gatewayBatchJob = z.object({ tenant: z.string(), batchId: z.string().min(1) }).strict();

export const jobSchemas = {
  'agent-run': agentRunJob,
  'team-run': teamRunJob,
  'eval-example': evalExampleJob,
  'eval-finish': evalFinishJob,
  'gateway-batch': gatewayBatchJob,
} as const;

export type JobKind = keyof typeof jobSchemas;
export type JobData<K extends JobKind = JobKind> = z.infer<(typeof jobSchemas)[K]>;
export type AgentRunJob = JobData<'agent-run'>;
export type TeamRunJob = JobData<'team-run'>;
export type EvalExampleJob = JobData<'eval-example'>;
export type EvalFinishJob = JobData<'eval-finish'>;
export type GatewayBatchJob = JobData<'gateway-batch'>;

export const jobKinds = Object.keys(jobSchemas) as JobKind[];

export function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(jobSchemas, kind);
}

/** The job's data, checked against its kind's schema; a clear JOBS_JOB_INVALID otherwise. */
export function parseJobData<K extends JobKind>(kind: string, data: unknown): JobData<K> {
  if (!isJobKind(kind)) {
    throw new GantryError('JOBS_JOB_INVALID', `There is no job kind '${kind}'.`, {
      hint: `Job kinds: ${jobKinds.join(', ')}.`,
      details: { kind },
    });
  }
  const parsed = jobSchemas[kind].safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(data)'}: ${issue.message}`,
    );
    throw new GantryError(
      'JOBS_JOB_INVALID',
      `The data of a '${kind}' job is invalid: ${issues.join('; ')}.`,
      {
        hint: 'Enqueue through `gantry run --queue`, `gantry jobs` or createJobQueue(), which build the data.',
        details: { kind, issues },
      },
    );
  }
  return parsed.data as JobData<K>;
}
