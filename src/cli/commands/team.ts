// `gantry team run team.yaml "task"`: runs a team and streams who is speaking, delegations,
// handoffs and the budget left (events as JSON lines with --json); `--resume <teamRunId>`
// continues a stored team run after an approval or a crash; `gantry team validate team.yaml`.
import type { Command } from 'commander';
import pc from 'picocolors';
import { GantryError } from '../../errors/index.js';
import { readTeamFile, type TeamEvent, type TeamResult, teamFromFile } from '../../team/index.js';
import { createConfiguredTracer } from '../../trace/index.js';
import type { CliContext } from '../cli-context.js';

interface RunFlags {
  resume?: string;
  json?: boolean;
}

export function define(command: Command, context: CliContext): void {
  command
    .command('run')
    .description('Run a team from a team.yaml on a task, streaming its events')
    .argument('<file>', 'the team file (team.yaml)')
    .argument('[task]', 'what the team should do')
    .option('--resume <teamRunId>', 'continue a stored team run instead of starting one')
    .option('--json', 'print each event as one JSON line')
    .action(async (file: string, task: string | undefined, flags: RunFlags) => {
      if (!task && !flags.resume) {
        throw new GantryError(
          'USAGE_INVALID',
          'Give a task, or --resume <teamRunId> to continue a team run.',
          {
            hint: 'Example: gantry team run team.yaml "Was invoice 42 paid?"',
          },
        );
      }
      const definition = readTeamFile(file);
      const { config } = context.config();
      const store = await context.store();
      const tracer = createConfiguredTracer(config, store);
      const team = teamFromFile(definition, { config, store, tracer });
      const controller = new AbortController();
      const onSignal = () => controller.abort(new Error('interrupted'));
      process.once('SIGINT', onSignal);
      try {
        const stream = flags.resume
          ? team.streamResume(flags.resume, { signal: controller.signal })
          : team.stream(task!, { signal: controller.signal });
        const print = flags.json ? jsonPrinter(context) : humanPrinter(context);
        for await (const event of stream) print(event);
        const result = await stream.result;
        if (!['done', 'converged', 'max-rounds', 'awaiting-approval'].includes(result.stopReason))
          process.exitCode = 1;
      } finally {
        process.off('SIGINT', onSignal);
        await tracer.close();
      }
    });
  command
    .command('validate')
    .description('Check a team.yaml and print its members and pattern')
    .argument('<file>', 'the team file (team.yaml)')
    .action((file: string) => {
      const definition = readTeamFile(file);
      const { config } = context.config();
      teamFromFile(definition, { config });
      const pattern = definition.pattern;
      context.stdout.write(
        `${pc.green('✓')} ${file}: team '${definition.name}', ${pattern.type}, ${definition.members.length} members (${definition.members.map((m) => m.name).join(', ')})\n`,
      );
    });
}

function jsonPrinter(context: CliContext) {
  return (event: TeamEvent) => {
    const line =
      event.type === 'agent-event' && event.event.type === 'run-end'
        ? { ...event, event: { type: 'run-end' } }
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
  const depth = new Map<string, number>();
  const indent = (runId: string) => '  '.repeat(depth.get(runId) ?? 0);
  return (event: TeamEvent) => {
    switch (event.type) {
      case 'team-start':
        line(pc.dim(`${event.resumed ? 'resuming' : 'team run'} ${event.teamRunId} (${event.pattern})`));
        break;
      case 'round':
        line(pc.bold(`── round ${event.round}`));
        break;
      case 'speaker':
        line(
          pc.dim(
            `next speaker: ${event.agent} (${event.chosenBy}${event.rejected ? `; the selector said '${shorten(event.rejected, 40)}'` : ''})`,
          ),
        );
        break;
      case 'agent-start':
        depth.set(event.runId, event.depth);
        line(
          `${indent(event.runId)}${pc.bold(pc.magenta(`▸ ${event.agent}`))}${event.resumed ? pc.dim(' (resumed)') : ''}`,
        );
        break;
      case 'delegation':
        line(`${pc.cyan('⇢')} ${event.from} asks ${pc.bold(event.to)}: ${shorten(event.task, 160)}`);
        break;
      case 'handoff':
        line(
          `${pc.cyan('⇄')} ${event.from} hands off to ${pc.bold(event.to)}${event.note ? `: ${shorten(event.note, 160)}` : ''}`,
        );
        break;
      case 'agent-event': {
        const pad = `${indent(event.runId)}  `;
        const inner = event.event;
        if (inner.type === 'text-delta') {
          if (!midLine) out.write(pad);
          out.write(inner.delta.replace(/\n/g, `\n${pad}`));
          midLine = !inner.delta.endsWith('\n');
        } else if (inner.type === 'tool-call') {
          line(`${pad}${pc.cyan('→')} ${inner.name}(${shorten(JSON.stringify(inner.input), 160)})`);
        } else if (inner.type === 'tool-result') {
          const output = typeof inner.output === 'string' ? inner.output : JSON.stringify(inner.output);
          line(`${pad}${pc.green('←')} ${shorten(output, 200)}`);
        } else if (inner.type === 'tool-error') {
          line(`${pad}${pc.red('✗')} ${inner.name}: ${shorten(inner.message, 200)}`);
        } else if (inner.type === 'approval-requested') {
          line(
            `${pad}${pc.yellow('⏸')} ${inner.name}(${shorten(JSON.stringify(inner.input), 120)}) needs approval: gantry approve ${inner.approvalId}  |  gantry reject ${inner.approvalId}`,
          );
        }
        break;
      }
      case 'agent-end':
        break;
      case 'budget': {
        const { used, limits } = event;
        const of = (value: number, limit: number | undefined) =>
          limit === undefined ? `${value}` : `${value}/${limit}`;
        line(
          pc.dim(
            `  budget: ${of(used.steps, limits.steps)} steps · ${of(used.inputTokens + used.outputTokens, limits.totalTokens)} tokens · ${of(used.toolCalls, limits.toolCalls)} tool calls · $${used.costUsd.toFixed(4)}`,
          ),
        );
        break;
      }
      case 'team-end':
        printResult(line, event.result);
        break;
    }
  };
}

function printResult(line: (text: string) => void, result: TeamResult): void {
  line('');
  if (result.text) line(result.text);
  const colour = ['done', 'converged'].includes(result.stopReason) ? pc.green : pc.yellow;
  line(colour(`stop: ${result.stopReason}: ${result.stopMessage}`));
  if (result.stopReason === 'awaiting-approval')
    line(`After deciding, continue with: gantry team run <file> --resume ${result.teamRunId}`);
  for (const [agent, usage] of Object.entries(result.agents)) {
    line(
      pc.dim(
        `  ${agent}: ${usage.runs} runs · ${usage.steps} steps · ${usage.toolCalls} tool calls · ${usage.inputTokens}+${usage.outputTokens} tokens · $${usage.costUsd.toFixed(4)}`,
      ),
    );
  }
  const { usage } = result;
  line(
    pc.dim(
      `team ${result.teamRunId} · ${usage.steps} steps · ${usage.toolCalls} tool calls · ${usage.inputTokens}+${usage.outputTokens} tokens · $${usage.costUsd.toFixed(4)} · ${Math.round(usage.elapsedMs)} ms`,
    ),
  );
}

function shorten(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
