// Entry point of the `gantry` executable: a command table, each command loaded only when run.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { createCliContext } from './cli-context.js';
import { commandTable } from './command-table.js';
import { exitCodeFor } from './handle-error.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export async function main(argv: string[]): Promise<number> {
  const context = createCliContext();
  const program = new Command('gantry')
    .description(
      'Gantry: gateway, agents, memory, RAG, evaluation and guardrails for production LLM systems.',
    )
    .version(packageJson.version, '-v, --version')
    .option('-c, --config <file>', 'configuration file (default: gantry.config.json or .yaml in this folder)')
    .showHelpAfterError('(run gantry --help for usage)')
    .exitOverride()
    .hook('preAction', (thisCommand) => {
      context.configFile = thisCommand.opts<{ config?: string }>().config;
    });

  const requested = argv.find((arg, index) => !arg.startsWith('-') && !isFlagValue(argv, index));
  for (const entry of commandTable) {
    const command = program.command(entry.name).description(entry.summary).exitOverride();
    if (entry.name === requested) (await entry.load()).define(command, context);
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (error.code === 'commander.help') return 0;
      return error.exitCode === 0 ? 0 : 2;
    }
    return exitCodeFor(error, context.stderr);
  } finally {
    await context.dispose();
  }
}

/** True when argv[index] is the value of a preceding global option such as `--config file`. */
function isFlagValue(argv: string[], index: number): boolean {
  const previous = argv[index - 1];
  return previous === '-c' || previous === '--config';
}

const exitCode = await main(process.argv.slice(2));
if (exitCode !== 0 || !process.exitCode) process.exitCode = exitCode;
