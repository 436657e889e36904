// `gantry worker`: takes jobs from the queue (jobs.redisUrl) and runs them with this machine's
// configuration and the shared database. SIGTERM or Ctrl-C drains (no new jobs; those running
// finish); a second signal exits at once (its jobs are redelivered and resume from their checkpoints).
import type { Command } from 'commander';
import pc from 'picocolors';
import { GantryError } from '../../errors/index.js';
import { configuredHandlers, requireJobsConfig, startJobWorker, type WorkerEvent } from '../../jobs/index.js';
import { createConfiguredTracer } from '../../trace/index.js';
import type { CliContext } from '../cli-context.js';

export function define(command: Command, context: CliContext): void {
  command
    .option('-c, --concurrency <n>', 'jobs run at once (default: jobs.concurrency)')
    .option('--json', 'print worker events as JSON lines')
    .action(async (flags: { concurrency?: string; json?: boolean }) => {
      const { config } = context.config();
      const jobs = requireJobsConfig(config);
      const concurrency = flags.concurrency === undefined ? jobs.concurrency : Number(flags.concurrency);
      if (!Number.isInteger(concurrency) || concurrency <= 0) {
        throw new GantryError(
          'USAGE_INVALID',
          `--concurrency must be a positive whole number, got '${flags.concurrency}'.`,
        );
      }
      const store = await context.store();
      const tracer = createConfiguredTracer(config, store);
      const configured = configuredHandlers({ config, store, tracer });
      const print = flags.json
        ? (event: WorkerEvent) => context.stdout.write(`${JSON.stringify(event)}\n`)
        : humanPrinter(context);
      const worker = await startJobWorker({
        redisUrl: jobs.redisUrl,
        queue: jobs.queue,
        concurrency,
        lockMs: jobs.lockMs,
        handlers: configured.handlers,
        onEvent: print,
      });
      context.stderr.write(
        `gantry worker: queue '${jobs.queue}', ${concurrency} at once (Ctrl-C or SIGTERM drains; twice exits now)\n`,
      );
      await new Promise<void>((resolve) => {
        let signals = 0;
        const onSignal = () => {
          signals++;
          if (signals > 1) process.exit(130);
          context.stderr.write(`gantry worker: draining ${worker.running()} running job(s)…\n`);
          resolve();
        };
        process.on('SIGTERM', onSignal);
        process.on('SIGINT', onSignal);
      });
      await worker.close();
      await configured.close();
      await tracer.close();
      context.stderr.write('gantry worker: stopped\n');
    });
}

function humanPrinter(context: CliContext) {
  return (event: WorkerEvent) => {
    const time = new Date().toISOString().slice(11, 19);
    switch (event.type) {
      case 'job-start':
        context.stdout.write(
          `${pc.dim(time)} ${pc.cyan('▸')} ${event.kind} ${event.jobId}${event.attempt > 1 ? pc.yellow(` (delivery ${event.attempt})`) : ''}\n`,
        );
        break;
      case 'job-end':
        context.stdout.write(
          `${pc.dim(time)} ${pc.green('✓')} ${event.kind} ${event.jobId} ${pc.dim(`${Math.round(event.ms)} ms`)}\n`,
        );
        break;
      case 'job-error':
        context.stdout.write(
          `${pc.dim(time)} ${pc.red('✗')} ${event.kind} ${event.jobId}: ${event.message}${event.final ? '' : pc.dim(' (will retry)')}\n`,
        );
        break;
      case 'job-progress':
        break;
    }
  };
}
