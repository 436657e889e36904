import type { Command } from 'commander';
import { maskSecrets } from '../../config/index.js';
import type { CliContext } from '../cli-context.js';

export function define(command: Command, context: CliContext): void {
  command.option('--json', 'print JSON only').action((options: { json?: boolean }) => {
    const { config, file } = context.config();
    const masked = JSON.stringify(maskSecrets(config), null, 2);
    if (options.json) {
      context.stdout.write(`${masked}\n`);
      return;
    }
    context.stdout.write(`# source: ${file ?? 'defaults (no gantry.config.* found)'} + GANTRY_* variables\n`);
    context.stdout.write(`${masked}\n`);
  });
}
