// `npm run bench agent`: Gantry's per-step overhead on a zero-latency 10-step script, tracing to
// SQLite off and on, checkpoints on, beside the AI SDK's own tool loop (generateText) on the same
// script and a bare loop (model + tool, no framework) as the floor, with each case's ratio to the
// AI SDK's step.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateText, stepCountIs, tool } from 'ai';
import { z } from 'zod';
import { createAgent } from '../../src/agent/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { defineTool } from '../../src/tool/index.js';
import { createTracer, storeSink } from '../../src/trace/index.js';
import { createZeroLatencyModel, scriptSteps } from './zero-latency-model.js';

const runsPerRound = Number(process.env.BENCH_RUNS ?? 200);
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const folder = mkdtempSync(join(tmpdir(), 'gantry-bench-agent-'));
const model = createZeroLatencyModel();
const echo = defineTool({
  name: 'echo',
  description: 'Returns its input.',
  input: z.object({ n: z.number() }),
  execute: ({ n }) => `echo ${n}`,
});

async function bare() {
  model.reset();
  for (let i = 0; i < scriptSteps; i++) {
    const result = await model.doGenerate({ prompt: [] });
    const part = result.content[0];
    if (part.type === 'tool-call') await echo.execute(echo.input.parse(JSON.parse(part.input)), {} as never);
  }
}

const plain = createAgent({ model, tools: [echo] });
const traceStore = openSqliteStore({ path: join(folder, 'trace.db') });
const tracer = createTracer({ sinks: [storeSink(traceStore)] });
const traced = createAgent({ model, tools: [echo], tracer });
const checkpointStore = openSqliteStore({ path: join(folder, 'checkpoint.db') });
const checkpointTracer = createTracer({ sinks: [storeSink(checkpointStore)] });
const checkpointed = createAgent({ model, tools: [echo], tracer: checkpointTracer, store: checkpointStore });
const aiSdkTools = {
  echo: tool({
    description: 'Returns its input.',
    inputSchema: z.object({ n: z.number() }),
    execute: async ({ n }) => `echo ${n}`,
  }),
};

const cases: [string, () => Promise<unknown>][] = [
  ['bare loop (model + tool, no framework)', bare],
  ['Gantry, tracing off', () => run(plain)],
  ['Gantry, tracing to SQLite', () => run(traced)],
  ['Gantry, tracing + checkpoints to SQLite', () => run(checkpointed)],
  [
    'AI SDK generateText, stopWhen stepCountIs(10)',
    async () => {
      model.reset();
      const result = await generateText({
        model,
        prompt: 'go',
        tools: aiSdkTools,
        stopWhen: stepCountIs(scriptSteps),
      });
      if (result.steps.length !== scriptSteps) throw new Error(`AI SDK made ${result.steps.length} steps`);
    },
  ],
];

async function run(agent: typeof plain) {
  model.reset();
  const result = await agent.run('go');
  if (result.steps !== scriptSteps || result.stopReason !== 'final-answer') {
    throw new Error(`unexpected run: ${result.steps} steps, ${result.stopReason}`);
  }
}

// Rounds alternate between the cases (case 1, 2, ... then again), so that a change of load on a shared
// machine falls on every case alike. Each round is timed on the wall clock and in process CPU time
// (user + system: what the loop costs, whatever else the machine runs); a round includes flushing
// the spans it produced.
const timings = new Map<string, { wall: number[]; cpu: number[] }>(
  cases.map(([name]) => [name, { wall: [], cpu: [] }]),
);
const loadBefore = loadavg();
process.stdout.write(
  `${rounds} rounds × ${runsPerRound} runs × ${scriptSteps} steps per case, cases interleaved; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}\n`,
);
for (const [, fn] of cases) for (let i = 0; i < 50; i++) await fn(); // warm-up: JIT, prepared statements
for (let round = 0; round < rounds; round++) {
  for (const [name, fn] of cases) {
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < runsPerRound; i++) await fn();
    await tracer.flush();
    await checkpointTracer.flush();
    const wall = performance.now() - started;
    const cpu = process.cpuUsage(cpuStart);
    const timing = timings.get(name)!;
    timing.wall.push((wall * 1000) / (runsPerRound * scriptSteps));
    timing.cpu.push((cpu.user + cpu.system) / (runsPerRound * scriptSteps));
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const aiSdk = 'AI SDK generateText, stopWhen stepCountIs(10)';
const reference = { wall: median(timings.get(aiSdk)!.wall), cpu: median(timings.get(aiSdk)!.cpu) };
process.stdout.write(
  '\n| Case | µs per step, wall (median) | µs per step, CPU (median) | wall ÷ AI SDK | CPU ÷ AI SDK |\n| --- | ---: | ---: | ---: | ---: |\n',
);
for (const [name, { wall, cpu }] of timings) {
  const [w, c] = [median(wall), median(cpu)];
  process.stdout.write(
    `| ${name} | ${w.toFixed(1)} | ${c.toFixed(1)} | ${(w / reference.wall).toFixed(2)} | ${(c / reference.cpu).toFixed(2)} |\n`,
  );
}
process.stdout.write(
  `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);
await tracer.close();
await checkpointTracer.close();
await traceStore.close();
await checkpointStore.close();
rmSync(folder, { recursive: true, force: true });
