// `npm run bench agent`: Gantry's per-step overhead on a zero-latency 10-step script, tracing to
// SQLite off and on, checkpoints on, beside the AI SDK's own tool loop (generateText) on the same
// script and a bare loop (model + tool, no framework) as the floor.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateText, stepCountIs, tool } from 'ai';
import { z } from 'zod';
import { createAgent } from '../../src/agent/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { defineTool } from '../../src/tool/index.js';
import { createTracer, storeSink } from '../../src/trace/index.js';
import { createZeroLatencyModel, scriptSteps } from './zero-latency-model.js';

const runsPerRound = Number(process.env.BENCH_RUNS ?? 300);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
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

const medians = new Map<string, number>();
process.stdout.write(`${rounds} rounds × ${runsPerRound} runs × ${scriptSteps} steps per case\n`);
for (const [name, fn] of cases) {
  for (let i = 0; i < 50; i++) await fn(); // warm-up: JIT, prepared statements
  const perStep: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (let i = 0; i < runsPerRound; i++) await fn();
    perStep.push(((performance.now() - started) * 1000) / (runsPerRound * scriptSteps));
    await tracer.flush();
    await checkpointTracer.flush();
  }
  perStep.sort((a, b) => a - b);
  medians.set(name, perStep[Math.floor(perStep.length / 2)]);
  process.stdout.write(
    `${name.padEnd(48)} median ${perStep[Math.floor(perStep.length / 2)].toFixed(1).padStart(7)} µs/step  (min ${perStep[0].toFixed(1)}, max ${perStep.at(-1)!.toFixed(1)})\n`,
  );
}
const floor = medians.get('bare loop (model + tool, no framework)')!;
process.stdout.write(
  '\n| Case | µs per step (median) | Overhead over the bare loop |\n| --- | ---: | ---: |\n',
);
for (const [name, value] of medians) {
  process.stdout.write(
    `| ${name} | ${value.toFixed(1)} | ${name.startsWith('bare') ? '–' : (value - floor).toFixed(1)} |\n`,
  );
}
process.stdout.write(
  `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}\n`,
);
await tracer.close();
await checkpointTracer.close();
await traceStore.close();
await checkpointStore.close();
rmSync(folder, { recursive: true, force: true });
