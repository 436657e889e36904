import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';

/** What a module under commands/ exports: it adds its arguments, options and action. */
export interface CommandModule {
  define(command: Command, context: CliContext): void;
}
