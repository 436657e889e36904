// `gantry run "task"`: runs an agent and streams it to the terminal (events as JSON lines with --json);
// `gantry run --resume <id>` continues a stored run (after a crash or an approval).
import type { Command } from 'commander';
import pc from 'picocolors';
import {
  type AgentEvent,
  type AgentStream,
  createConfiguredAgent,
  type ProtocolChoice,
} from '../../agent/index.js';
import { GantryError } from '../../errors/index.js';
import { createConfiguredTracer } from '../../trace/index.js';
import type { CliContext } from '../cli-context.js';

interface RunFlags {
  model?: string;
  tools?: string;
  protocol?: string;
  maxSteps?: string;
  instructions?: string;
  resume?: string;
  json?: boolean;
  strategy?: string;
  samples?: string;
  queue?: boolean;
}

const protocolNames = ['auto', 'native', 'json', 'react'];

export function define(command: Command, context: CliContext): void {
  command
    .argument('[task]', 'what the agent should do')
    .option('-m, --model <spec>', "model as 'provider:model' or an alias (default: agent.model)")
    .option('-t, --tools <names>', 'comma-separated tools: web_fetch, calculator, file_read, mcp:<server>')
    .option('-p, --protocol <name>', 'tool-calling protocol: auto, native, json, react')
    .option('--max-steps <n>', 'step limit (default: agent.maximumSteps, 20)')
    .option('-i, --instructions <text>', 'system instructions for the agent')
    .option('--resume <runId>', 'continue a stored run instead of starting one')
    .option(
      '-s, --strategy <name>',
      'reasoning strategy: react (default), rewoo, plan-execute, reflexion, self-refine, cove, self-consistency, best-of-n, tot',
    )
    .option('--samples <n>', 'samples (self-consistency, best-of-n), trials (reflexion), breadth (tot)')
    .option('--json', 'print each event as one JSON line')
    .option('--queue', 'queue the run for `gantry worker` processes (jobs.redisUrl) and print its id')
    .action(async (task: string | undefined, flags: RunFlags) => {
      if (!task && !flags.resume) {
        throw new GantryError('USAGE_INVALID', 'Give a task, or --resume <runId> to continue a run.', {
          hint: 'Example: gantry run "What is 17 * 23?" --model ollama:qwen2.5:7b --tools calculator',
        });
      }
      if (flags.protocol && !protocolNames.includes(flags.protocol)) {
        throw new GantryError(
          'USAGE_INVALID',
          `--protocol must be one of ${protocolNames.join(', ')}, got '${flags.protocol}'.`,
        );
      }
      const maximumSteps = flags.maxSteps === undefined ? undefined : Number(flags.maxSteps);
      if (maximumSteps !== undefined && (!Number.isInteger(maximumSteps) || maximumSteps <= 0)) {
        throw new GantryError(
          'USAGE_INVALID',
          `--max-steps must be a positive whole number, got '${flags.maxSteps}'.`,
        );
      }
      if (flags.queue) {
        const { queueRun } = await import('../queue-run.js');
        return queueRun(context, task, {
          ...flags,
          maximumSteps,
          tools: flags.tools ? splitList(flags.tools) : undefined,
        });
      }
      const { config } = context.config();
      const store = await context.store();
      let metadata: { model?: string; tools?: string[]; protocol?: string; instructions?: string } = {};
      if (flags.resume) {
        const checkpoint = await store.agentRuns.getCheckpoint<{ metadata?: typeof metadata }>(flags.resume);
        metadata = checkpoint?.metadata ?? {};
      }
      const toolNames = flags.tools ? splitList(flags.tools) : (metadata.tools ?? []);
      const model = flags.model ?? metadata.model;
      const protocol = (flags.protocol ?? metadata.protocol) as ProtocolChoice | undefined;
      const instructions = flags.instructions ?? metadata.instructions;
      const samples = flags.samples === undefined ? undefined : Number(flags.samples);
      if (flags.strategy && flags.strategy !== 'react') {
        if (flags.resume)
          throw new GantryError('USAGE_INVALID', '--resume works only with the react strategy.');
        const configured = await createConfiguredAgent({
          config,
          store,
          model,
          tools: toolNames,
          maximumSteps,
        });
        try {
          const { runStrategyCommand } = await import('../run-strategy-command.js');
          await runStrategyCommand(context, config, {
            strategy: flags.strategy,
            task: task as string,
            modelName: configured.modelName,
            tools: configured.agent.tools.list(),
            samples,
            maximumSteps,
            instructions,
            json: flags.json,
          });
        } finally {
          await configured.close();
        }
        return;
      }
      const tracer = createConfiguredTracer(config, store);
      const configured = await createConfiguredAgent({
        config,
        store,
        tracer,
        model,
        tools: toolNames,
        protocol,
        maximumSteps,
        instructions,
      });
      try {
        const stream: AgentStream = flags.resume
          ? configured.agent.streamResume(flags.resume)
          : configured.agent.stream(task!, {
              metadata: { model: configured.modelName, tools: toolNames, protocol, instructions },
              caller: { id: process.env.USER ?? 'cli' },
            });
        const print = flags.json ? jsonPrinter(context) : humanPrinter(context);
        for await (const event of stream) print(event);
      } finally {
        await configured.close();
        await tracer.close();
      }
    });
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

function jsonPrinter(context: CliContext) {
  return (event: AgentEvent) => {
    const line =
      event.type === 'run-end'
        ? { type: 'run-end', result: { ...event.result, messages: undefined } }
        : event;
    context.stdout.write(`${JSON.stringify(line)}\n`);
  };
}

function humanPrinter(context: CliContext) {
  const out = context.stdout;
  let midLine = false;
  const line = (text: string) => {
    if (midLine) out.write('\n');
    midLine = false;
    out.write(`${text}\n`);
  };
  return (event: AgentEvent) => {
    switch (event.type) {
      case 'run-start':
        line(
          pc.dim(
            `${event.resumed ? 'resuming' : 'run'} ${event.runId} (protocol ${event.protocol}, trace ${event.traceId})`,
          ),
        );
        break;
      case 'step-start':
        line(pc.dim(`── step ${event.step}`));
        break;
      case 'text-delta':
        out.write(event.delta);
        midLine = !event.delta.endsWith('\n');
        break;
      case 'tool-call':
        line(`${pc.cyan('→')} ${pc.bold(event.name)}(${shorten(JSON.stringify(event.input), 200)})`);
        break;
      case 'tool-result':
        line(
          `${pc.green('←')} ${shorten(typeof event.output === 'string' ? event.output : JSON.stringify(event.output), 300)}${event.replayed ? pc.dim(' (from checkpoint)') : ''}`,
        );
        break;
      case 'tool-error':
        line(`${pc.red('✗')} ${event.name}: ${shorten(event.message, 300)}`);
        break;
      case 'approval-requested':
        line(
          `${pc.yellow('⏸')} ${event.name}(${shorten(JSON.stringify(event.input), 200)}) needs approval: gantry approve ${event.approvalId}  |  gantry reject ${event.approvalId}`,
        );
        break;
      case 'protocol-fallback':
        line(pc.yellow(`protocol ${event.from} is not supported by this model; using ${event.to}`));
        break;
      case 'step-end':
        break;
      case 'run-end': {
        const { result } = event;
        const { usage } = result;
        if (result.forcedFinalAnswer)
          line(pc.yellow(`(stopped: ${result.stopMessage} The answer above was forced without tools.)`));
        else if (result.stopReason !== 'final-answer')
          line(pc.yellow(`stopped: ${result.stopReason}: ${result.stopMessage}`));
        if (result.stopReason === 'awaiting-approval')
          line(`After deciding, continue with: gantry run --resume ${result.runId}`);
        line(
          pc.dim(
            `${result.stopReason} · ${plural(result.steps, 'step')} · ${plural(usage.toolCalls, 'tool call')} · ${usage.inputTokens}+${usage.outputTokens} tokens · $${usage.costUsd.toFixed(4)} · run ${result.runId}`,
          ),
        );
        break;
      }
    }
  };
}

function shorten(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
