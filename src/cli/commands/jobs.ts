// `gantry jobs status|wait|cancel|counts|team|eval`: the queue seen from any machine with jobs.redisUrl.
// Agent runs are queued with `gantry run --queue`.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import pc from 'picocolors';
import { newRunId } from '../../agent/index.js';
import { buildEval, readEvalFile } from '../../eval/index.js';
import { createJobQueue, type JobQueue, type JobStatus, requireJobsConfig } from '../../jobs/index.js';
import { readTeamFile } from '../../team/index.js';
import type { CliContext } from '../cli-context.js';

async function openQueue(context: CliContext): Promise<JobQueue> {
  const jobs = requireJobsConfig(context.config().config);
  return createJobQueue({
    redisUrl: jobs.redisUrl,
    queue: jobs.queue,
    attempts: jobs.attempts,
    backoffMs: jobs.backoffMs,
    keepCompleted: jobs.keepCompleted,
    keepFailed: jobs.keepFailed,
  });
}

async function withQueue(context: CliContext, body: (queue: JobQueue) => Promise<void>) {
  const queue = await openQueue(context);
  try {
    await body(queue);
  } finally {
    await queue.close();
  }
}

function printStatus(context: CliContext, status: JobStatus, json?: boolean) {
  if (json) return void context.stdout.write(`${JSON.stringify(status)}\n`);
  const colour = status.state === 'completed' ? pc.green : status.state === 'failed' ? pc.red : pc.yellow;
  const progress = status.progress
    ? ` · ${status.progress.steps} steps, last ${status.progress.last ?? '-'}`
    : '';
  context.stdout.write(
    `${status.id} ${status.kind} ${colour(status.state)} · delivery ${status.attempts}${progress}\n`,
  );
  if (status.error) context.stdout.write(`  ${pc.red(status.error)}\n`);
  if (status.result !== undefined) context.stdout.write(`  ${JSON.stringify(status.result).slice(0, 500)}\n`);
}

export function define(command: Command, context: CliContext): void {
  command
    .command('status')
    .description("A job's state, delivery count, progress and result")
    .argument('<jobId>')
    .option('--json', 'print JSON')
    .action((jobId: string, flags: { json?: boolean }) =>
      withQueue(context, async (queue) => printStatus(context, await queue.status(jobId), flags.json)),
    );
  command
    .command('wait')
    .description('Wait until a job completes, fails or is cancelled')
    .argument('<jobId>')
    .option('--timeout <ms>', 'give up after this long', '600000')
    .option('--json', 'print JSON')
    .action((jobId: string, flags: { timeout: string; json?: boolean }) =>
      withQueue(context, async (queue) => {
        const status = await queue.wait(jobId, { timeoutMs: Number(flags.timeout) });
        printStatus(context, status, flags.json);
        if (status.state !== 'completed') process.exitCode = 1;
      }),
    );
  command
    .command('cancel')
    .description('Cancel a job: removed if waiting, aborted if running; never retried')
    .argument('<jobId>')
    .action((jobId: string) =>
      withQueue(context, async (queue) => printStatus(context, await queue.cancel(jobId))),
    );
  command
    .command('counts')
    .description('Jobs waiting, active, delayed, completed and failed')
    .option('--json', 'print JSON')
    .action((flags: { json?: boolean }) =>
      withQueue(context, async (queue) => {
        const counts = await queue.counts();
        if (flags.json) return void context.stdout.write(`${JSON.stringify(counts)}\n`);
        context.stdout.write(
          `${Object.entries(counts)
            .map(([state, n]) => `${state} ${n}`)
            .join(' · ')}\n`,
        );
      }),
    );
  command
    .command('team')
    .description('Queue a team run (the team file travels with the job)')
    .argument('<file>', 'the team file (team.yaml)')
    .argument('<task>')
    .action((file: string, task: string) =>
      withQueue(context, async (queue) => {
        readTeamFile(file); // refuse a bad file here rather than on a worker
        const teamRunId = newRunId().replace(/^run_/, 'team_');
        const id = await queue.enqueue('team-run', {
          teamRunId,
          task,
          definition: readFileSync(file, 'utf8'),
        });
        context.stdout.write(`queued team run ${id}: gantry jobs wait ${id}\n`);
      }),
    );
  command
    .command('eval')
    .description(
      'Queue an eval: one job per example, then one writing the summary (the file must be readable by every worker)',
    )
    .argument('<file>', 'the eval file, at a path every worker can read')
    .action((file: string) =>
      withQueue(context, async (queue) => {
        const { config } = context.config();
        const built = buildEval(readEvalFile(file), { file, config });
        const runId = newRunId().replace(/^run_/, 'eval_');
        try {
          const id = await queue.enqueueEval(
            resolve(file),
            runId,
            built.examples.map((example) => example.id),
          );
          context.stdout.write(
            `queued eval run ${runId} (${built.examples.length} example jobs): gantry jobs wait ${id}; then gantry eval show ${runId}\n`,
          );
        } finally {
          await built.close();
        }
      }),
    );
}
