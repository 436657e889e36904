import type { Command } from 'commander';
import { GantryError } from '../../errors/index.js';
import type { CliContext } from '../cli-context.js';

export function define(command: Command, _context: CliContext): void {
  command.action(() => {
    throw new GantryError('INTERNAL', 'not implemented yet');
  });
}
