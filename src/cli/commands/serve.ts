import type { Command } from 'commander';
import { demoModelConfig, loadConfig, servesDemoModel } from '../../config/index.js';
import { GantryError } from '../../errors/index.js';
import { exitIfWorker, isClusterPrimary, runCluster, runServer } from '../../server/index.js';
import { createConfiguredTracer } from '../../trace/index.js';
import type { CliContext } from '../cli-context.js';

export function define(command: Command, context: CliContext): void {
  command
    .option('-p, --port <port>', 'port to listen on (default: server.port, 8080)')
    .option('-H, --host <host>', 'address to listen on (default: server.host, 127.0.0.1)')
    .option(
      '-w, --workers <n>',
      'worker processes sharing the port (node:cluster); use gateway.state.kind redis so limits stay exact',
    )
    .option('--demo', "also serve the 'demo' model (the built-in simulator) next to the configured ones")
    .action(async (options: { port?: string; host?: string; workers?: string; demo?: boolean }) => {
      const { config } = options.demo
        ? loadConfig({ file: context.configFile, overrides: { ...demoModelConfig, demo: true } })
        : context.config();
      const workers = options.workers === undefined ? 1 : Number(options.workers);
      if (!Number.isInteger(workers) || workers < 1) {
        throw new GantryError(
          'USAGE_INVALID',
          `--workers must be a whole number of at least 1, got '${options.workers}'.`,
        );
      }
      if (workers > 1 && isClusterPrimary()) {
        if (config.gateway.state.kind === 'memory') {
          context.stderr.write(
            'gantry: warning: with several workers and gateway.state.kind memory, each worker counts limits alone\n',
          );
        }
        // The primary brings the database up to date before forking, so workers never race to apply
        // the same migration to a new database (the loser failed and was restarted, a slow start).
        await context.store();
        process.exitCode = await runCluster({ workers });
        return;
      }
      if (options.port !== undefined) {
        const port = Number(options.port);
        if (!Number.isInteger(port) || port < 0 || port > 65_535) {
          throw new GantryError(
            'USAGE_INVALID',
            `--port must be a whole number from 0 to 65535, got '${options.port}'.`,
          );
        }
        config.server.port = port;
      }
      if (options.host !== undefined) config.server.host = options.host;
      const store = await context.store();
      const demo = servesDemoModel(config);
      const log = (line: string) => {
        context.stderr.write(`${line}\n`);
        if (demo && line.startsWith('gantry: listening'))
          context.stderr.write(
            "gantry: model 'demo' is the built-in simulator, not a language model (no key needed; configure a backend for real answers)\n",
          );
      };
      const exitCode = await runServer({ config, store, log, tracer: createConfiguredTracer(config, store) });
      process.exitCode = exitCode;
      if (exitCode === 130) process.exit(130);
      exitIfWorker(exitCode);
    });
}
