// `gantry simulate`: the backend simulator on its own, an OpenAI-compatible fake model server with
// configurable latency, output length and injected faults (for load tests and demos).
import type { Command } from 'commander';
import { GantryError } from '../../errors/index.js';
import { createSimulator, type SimulatorFault, type SimulatorOptions } from '../../gateway/index.js';
import type { CliContext } from '../cli-context.js';

interface SimulateOptions {
  port: string;
  host: string;
  ttft: string;
  itl: string;
  tokens: string;
  jitter: string;
  retryAfter: string;
  fault: string[];
  reply: string;
}

export function define(command: Command, context: CliContext): void {
  command
    .option('-p, --port <port>', 'port to listen on', '8000')
    .option('-H, --host <host>', 'address to listen on', '127.0.0.1')
    .option('--ttft <ms>', 'time to first token (config: timeToFirstTokenMs)', '0')
    .option('--itl <ms>', 'inter-token latency (config: interTokenLatencyMs)', '0')
    .option('--tokens <n|min-max>', 'output tokens per answer (config: outputTokens)', '16')
    .option('--jitter <0-1>', 'random spread of the delays (config: jitter)', '0')
    .option('--retry-after <seconds>', 'Retry-After of injected 429s (config: retryAfterSeconds)', '1')
    .option(
      '--fault <kind=probability>',
      'inject a fault: 400, 429, 500, 503, timeout, reset, cut (repeatable; config: faults)',
      collect,
      [],
    )
    .option('--reply <kind>', "words (' w0 w1 …') or demo (a readable text; config: reply)", 'words')
    .action(async (options: SimulateOptions) => {
      if (options.reply !== 'words' && options.reply !== 'demo') {
        throw new GantryError('USAGE_INVALID', `--reply must be words or demo, got '${options.reply}'.`);
      }
      const simulatorOptions: SimulatorOptions = {
        timeToFirstTokenMs: number('--ttft', options.ttft),
        interTokenLatencyMs: number('--itl', options.itl),
        jitter: number('--jitter', options.jitter),
        retryAfterSeconds: number('--retry-after', options.retryAfter),
        outputTokens: tokens(options.tokens),
        faults: faults(options.fault),
        reply: options.reply,
      };
      const simulator = createSimulator(simulatorOptions);
      const url = await simulator.listen(number('--port', options.port), options.host);
      context.stderr.write(`gantry simulate: OpenAI-compatible simulator on ${url} (Ctrl-C to stop)\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          simulator.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      context.stderr.write(`gantry simulate: served ${simulator.stats.requests} requests\n`);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function number(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new GantryError('USAGE_INVALID', `${flag} must be a non-negative number, got '${value}'.`);
  return n;
}

function tokens(value: string): SimulatorOptions['outputTokens'] {
  const range = /^(\d+)-(\d+)$/.exec(value);
  if (range) return { min: Number(range[1]), max: Number(range[2]) };
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new GantryError(
      'USAGE_INVALID',
      `--tokens must be a whole number or a range like 10-200, got '${value}'.`,
    );
  }
  return n;
}

const faultKinds = new Set(['400', '429', '500', '503', 'timeout', 'reset', 'cut']);

function faults(values: string[]): SimulatorOptions['faults'] {
  const result: Partial<Record<SimulatorFault, number>> = {};
  for (const value of values) {
    const [kind, probability] = value.split('=');
    const p = Number(probability);
    if (!faultKinds.has(kind) || !(p >= 0 && p <= 1)) {
      throw new GantryError(
        'USAGE_INVALID',
        `--fault expects kind=probability (kinds: ${[...faultKinds].join(', ')}; 0–1), got '${value}'.`,
      );
    }
    result[kind as SimulatorFault] = p;
  }
  return result;
}
