import type { Command } from 'commander';
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
    .action(async (options: { port?: string; host?: string; workers?: string }) => {
      const { config } = context.config();
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
      const exitCode = await runServer({ config, store, tracer: createConfiguredTracer(config, store) });
      process.exitCode = exitCode;
      if (exitCode === 130) process.exit(130);
      exitIfWorker(exitCode);
    });
}
