// `gantry run --strategy <name>`: runs a reasoning strategy (src/reason) instead of the agent loop and
// prints its answer, model calls and stop reason (the whole result as JSON with --json).
import pc from 'picocolors';
import type { GantryConfig } from '../config/index.js';
import { resolveModel } from '../model/index.js';
import { runStrategy } from '../reason/index.js';
import type { AnyTool } from '../tool/index.js';
import type { CliContext } from './cli-context.js';

export interface StrategyRunFlags {
  strategy: string;
  task: string;
  modelName: string;
  tools: readonly AnyTool[];
  samples?: number;
  maximumSteps?: number;
  instructions?: string;
  json?: boolean;
}

export async function runStrategyCommand(
  context: CliContext,
  config: GantryConfig,
  flags: StrategyRunFlags,
): Promise<void> {
  const model = resolveModel(flags.modelName, { config });
  const result = await runStrategy(flags.strategy, {
    model,
    modelName: config.models[flags.modelName]?.model ?? flags.modelName,
    task: flags.task,
    tools: flags.tools,
    samples: flags.samples,
    instructions: flags.instructions,
    limits: flags.maximumSteps === undefined ? undefined : { steps: flags.maximumSteps },
  });
  if (flags.json) {
    context.stdout.write(`${JSON.stringify({ strategy: flags.strategy, ...result })}\n`);
    return;
  }
  for (const call of result.trace) {
    context.stdout.write(`${pc.dim(`── ${call.role}: ${call.purpose}`)}\n${call.output.trim()}\n`);
  }
  const { steps, inputTokens, outputTokens, costUsd } = result.usage;
  context.stdout.write(
    `\n${pc.bold('answer:')} ${result.answer ?? pc.dim('(none)')}\n${pc.dim(`${result.stopReason}: ${result.stopMessage} · ${steps} model calls, ${inputTokens}+${outputTokens} tokens, $${costUsd.toFixed(4)}`)}\n`,
  );
}
