// `gantry bench backend`: load-tests OpenAI-compatible servers (vLLM, TGI, llama.cpp, a Gantry
// gateway...) with vLLM's metric definitions and prints a table, JSON and an HTML report.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  type Arrival,
  allowedCpus,
  type BackendTarget,
  formatTable,
  htmlReport,
  isolateThreads,
  type LoadResult,
  niceThread,
  parseCpuList,
  parseGoodput,
  promptsFromFile,
  runLoad,
  runSweep,
  syntheticPrompts,
} from '../../bench-backend/index.js';
import { GantryError } from '../../errors/index.js';
import type { CliContext } from '../cli-context.js';

interface BackendFlags {
  url: string[];
  model: string[];
  label: string[];
  apiKeyEnv?: string;
  endpoint: string;
  requests: string;
  rate?: string;
  arrival: string;
  burstiness: string;
  concurrency?: string;
  maxConcurrency?: string;
  sweep?: string;
  dataset?: string;
  inputTokens: string;
  outputTokens: string;
  goodput?: string;
  json?: string;
  html?: string;
  seed: string;
  warmup: string;
  timeoutMs: string;
  /** false with --no-stream. */
  stream: boolean;
  wireThread?: boolean;
  wireCpu?: string;
  wireThreads?: string;
  wireSpin?: boolean;
  wireNice?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function define(command: Command, context: CliContext): void {
  command
    .command('backend')
    .description('Load-test OpenAI-compatible servers: TTFT, TPOT, ITL, E2EL, throughput, goodput')
    .option('--url <url>', 'base URL with /v1 (repeat to compare backends side by side)', collect, [])
    .option('--model <model>', 'model name sent (one for all backends, or one per --url)', collect, [])
    .option('--label <name>', 'name of each backend in the report (one per --url)', collect, [])
    .option('--api-key-env <name>', 'environment variable holding the API key')
    .option('--endpoint <chat|completions>', 'which endpoint to call', 'chat')
    .option('-n, --requests <n>', 'requests per run', '100')
    .option('--rate <per-second>', 'request rate (open loop); omitted: all at once')
    .option('--arrival <constant|poisson|gamma>', 'arrival process for --rate', 'poisson')
    .option('--burstiness <b>', 'gamma shape: 1 = Poisson, < 1 burstier', '1')
    .option('--concurrency <n>', 'closed loop: keep n requests in flight')
    .option('--max-concurrency <n>', 'cap on requests in flight for open-loop arrivals')
    .option('--sweep <steps>', 'one at a time, all at once, then <steps> rates between (GuideLLM sweep)')
    .option('--dataset <file>', 'JSONL or JSON prompts ({"prompt": ...} or {"messages": [...]})')
    .option('--input-tokens <n>', 'synthetic prompt length in tokens', '128')
    .option('--output-tokens <n>', 'max_tokens per request', '128')
    .option('--goodput <slos>', "SLOs for goodput, vLLM style: 'ttft:500,tpot:50,e2el:5000' (ms)")
    .option('--json <file>', "write results as JSON ('-' for stdout)")
    .option('--html <file>', 'write an HTML report with charts')
    .option('--seed <n>', 'seed of the arrival process', '1')
    .option('--warmup <n>', 'unmeasured requests before each run', '1')
    .option('--timeout-ms <ms>', 'per-request idle timeout', '120000')
    .option(
      '--no-stream',
      'non-streamed requests (one JSON answer each): TTFT = E2EL, no TPOT/ITL; for request rates',
    )
    .option(
      '--wire-thread',
      'own the sockets on a thread that only stamps reads, so GC and parsing never delay a timestamp',
    )
    .option(
      '--wire-cpu <list>',
      'Linux: put that thread alone on CPU n and every other thread elsewhere (implies --wire-thread); a list (2,5 or 2-5) gives one wire thread per CPU, each alone on its own',
    )
    .option(
      '--wire-threads <n>',
      'n wire threads, the requests dealt out over them in turn (implies --wire-thread; with --wire-cpu, one per listed CPU)',
    )
    .option(
      '--wire-spin',
      'that thread polls without sleeping while requests are in flight (a whole core; implies --wire-thread)',
    )
    .option(
      '--wire-nice <n>',
      "Linux: that thread's nice value, e.g. -10 to be run first when woken (needs CAP_SYS_NICE; implies --wire-thread)",
    )
    .action(async (flags: BackendFlags) => {
      const backends = backendsOf(flags);
      const requests = positive('--requests', flags.requests);
      const maxTokens = positive('--output-tokens', flags.outputTokens);
      const prompts = flags.dataset
        ? await promptsFromFile(flags.dataset, requests, maxTokens)
        : syntheticPrompts(requests, positive('--input-tokens', flags.inputTokens), maxTokens);
      const common = {
        prompts,
        slo: flags.goodput ? parseGoodput(flags.goodput) : undefined,
        seed: Number(flags.seed),
        warmup: Number(flags.warmup),
        timeoutMs: positive('--timeout-ms', flags.timeoutMs),
        stream: flags.stream,
        ...wireOptions(flags, context),
        maxConcurrency: flags.maxConcurrency
          ? positive('--max-concurrency', flags.maxConcurrency)
          : undefined,
      };
      const results: LoadResult[] = [];
      for (const backend of backends) {
        context.stderr.write(`gantry bench backend: ${backend.label} (${backend.url}, ${backend.model})\n`);
        if (flags.sweep)
          results.push(...(await runSweep(backend, { ...common, steps: positive('--sweep', flags.sweep) })));
        else results.push(await runLoad(backend, { ...common, arrival: arrivalOf(flags) }));
      }
      if (flags.json === '-') context.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      else context.stdout.write(formatTable(results));
      if (flags.json && flags.json !== '-') await writeFile(flags.json, JSON.stringify(results, null, 2));
      if (flags.html) await writeFile(flags.html, htmlReport(results));
      if (results.every((r) => r.metrics.completed === 0)) process.exitCode = 1;
    });
}

/** --wire-thread / --wire-cpu / --wire-threads / --wire-spin / --wire-nice: the sockets on their own
 * thread(s), optionally each placed alone on a CPU, spinning, at another nice value. What cannot be
 * applied is said once on stderr. */
function wireOptions(flags: BackendFlags, context: CliContext) {
  const cpus = flags.wireCpu === undefined ? undefined : cpuListOf(flags.wireCpu);
  const threads =
    flags.wireThreads === undefined ? (cpus?.length ?? 1) : positive('--wire-threads', flags.wireThreads);
  if (!Number.isInteger(threads))
    throw new GantryError(
      'USAGE_INVALID',
      `--wire-threads must be a whole number, got '${flags.wireThreads}'.`,
    );
  if (cpus !== undefined && cpus.length !== threads)
    throw new GantryError(
      'USAGE_INVALID',
      `--wire-cpu lists ${cpus.length} CPU(s) but --wire-threads asks for ${threads} threads.`,
      {
        hint: 'Each wire thread gets one CPU of its own: list as many CPUs as threads, or leave --wire-threads out.',
      },
    );
  const nice = flags.wireNice === undefined ? undefined : Number(flags.wireNice);
  if (nice !== undefined && (!Number.isInteger(nice) || nice < -20 || nice > 19))
    throw new GantryError(
      'USAGE_INVALID',
      `--wire-nice must be a nice value from -20 to 19, not "${flags.wireNice}".`,
      {
        hint: 'For example: --wire-nice -10 (lower runs sooner; below 0 needs CAP_SYS_NICE).',
      },
    );
  const spin = flags.wireSpin ? { wireSpin: true } : {};
  const wired = flags.wireThread || flags.wireSpin || threads > 1;
  if (cpus === undefined && nice === undefined)
    return wired ? { wireThread: true, wireThreads: threads, ...spin } : {};
  const others = cpus === undefined ? [] : (allowedCpus() ?? []).filter((c) => !cpus.includes(c));
  const told = new Set<string>();
  const tell = (flag: string, reason: string) => {
    if (told.has(flag)) return; // once, not once per run
    told.add(flag);
    context.stderr.write(`gantry bench backend: ${flag} not applied: ${reason}\n`);
  };
  return {
    wireThread: true,
    wireThreads: threads,
    ...spin,
    async onWireThreads(tids: (number | undefined)[]) {
      const noTid = 'the wire thread has no thread id here (placement needs Linux)';
      const known = tids.filter((tid): tid is number => tid !== undefined);
      if (cpus !== undefined) {
        const placed =
          known.length < tids.length
            ? { ok: false, reason: noTid }
            : await isolateThreads(
                known.map((tid, i) => ({ tid, cpus: [cpus[i]] })),
                others,
              );
        if (!placed.ok) tell(`--wire-cpu ${flags.wireCpu}`, placed.reason ?? 'unknown');
      }
      if (nice !== undefined) {
        const refused =
          known.length < tids.length ? noTid : known.map((tid) => niceThread(tid, nice)).find(Boolean);
        if (refused) tell(`--wire-nice ${nice}`, refused);
      }
    },
  };
}

function cpuListOf(value: string): number[] {
  try {
    return parseCpuList(value);
  } catch {
    throw new GantryError(
      'USAGE_INVALID',
      `--wire-cpu must be a CPU number or list (0, 2,5, 2-5), not "${value}".`,
      {
        hint: 'For example: --wire-cpu 0 (the other threads go to the other CPUs), or --wire-cpu 2,3 for two wire threads.',
      },
    );
  }
}

function backendsOf(flags: BackendFlags): BackendTarget[] {
  if (flags.url.length === 0) {
    throw new GantryError('USAGE_INVALID', 'gantry bench backend needs --url.', {
      hint: 'For example: gantry bench backend --url http://127.0.0.1:8000/v1 --model Qwen/Qwen2.5-7B-Instruct',
    });
  }
  if (flags.model.length !== 1 && flags.model.length !== flags.url.length) {
    throw new GantryError('USAGE_INVALID', 'Give one --model for all backends, or one per --url.', {
      details: { urls: flags.url.length, models: flags.model.length },
    });
  }
  const apiKey = flags.apiKeyEnv ? process.env[flags.apiKeyEnv] : undefined;
  if (flags.endpoint !== 'chat' && flags.endpoint !== 'completions')
    throw new GantryError(
      'USAGE_INVALID',
      `--endpoint must be chat or completions, got '${flags.endpoint}'.`,
    );
  return flags.url.map((url, i) => {
    try {
      new URL(url);
    } catch {
      throw new GantryError('USAGE_INVALID', `--url '${url}' is not a URL.`, {
        hint: 'Give the base URL including /v1, for example http://127.0.0.1:8000/v1.',
      });
    }
    return {
      label: flags.label[i] ?? url,
      url,
      model: flags.model[i] ?? flags.model[0],
      apiKey,
      endpoint: flags.endpoint as 'chat' | 'completions',
    };
  });
}

function arrivalOf(flags: BackendFlags): Arrival {
  if (flags.concurrency)
    return { kind: 'concurrency', concurrency: positive('--concurrency', flags.concurrency) };
  if (!flags.rate || flags.rate === 'inf') return { kind: 'burst' };
  const rate = positive('--rate', flags.rate);
  switch (flags.arrival) {
    case 'constant':
      return { kind: 'constant', rate };
    case 'poisson':
      return { kind: 'poisson', rate };
    case 'gamma':
      return { kind: 'gamma', rate, burstiness: positive('--burstiness', flags.burstiness) };
    default:
      throw new GantryError(
        'USAGE_INVALID',
        `--arrival must be constant, poisson or gamma, got '${flags.arrival}'.`,
      );
  }
}

function positive(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new GantryError('USAGE_INVALID', `${flag} must be a positive number, got '${value}'.`);
  return n;
}
