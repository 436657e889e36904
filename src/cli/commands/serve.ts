import type { Command } from 'commander';
import { GantryError } from '../../errors/index.js';
import { runServer } from '../../server/index.js';
import { createConfiguredTracer } from '../../trace/index.js';
import type { CliContext } from '../cli-context.js';

export function define(command: Command, context: CliContext): void {
  command
    .option('-p, --port <port>', 'port to listen on (default: server.port, 8080)')
    .option('-H, --host <host>', 'address to listen on (default: server.host, 127.0.0.1)')
    .action(async (options: { port?: string; host?: string }) => {
      const { config } = context.config();
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
      const store = context.store();
      const exitCode = await runServer({ config, store, tracer: createConfiguredTracer(config, store) });
      process.exitCode = exitCode;
      if (exitCode === 130) process.exit(130);
    });
}
