// `node bin/run-ts.js bench/agent/checkpoint-writes.ts`: what one checkpoint write costs as a run
// grows, side by side on one SQLite file: the whole state rewritten (updateRun with a checkpoint, as
// every write did before migration 110) against one appended entry (appendCheckpoint). Each step
// adds an assistant message with one call and a tool message with a 500-character result.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/index.js';

const runs = Number(process.env.BENCH_RUNS ?? 20);
const sizes = [10, 50, 100, 200];
const folder = mkdtempSync(join(tmpdir(), 'gantry-bench-checkpoint-'));
const store = openSqliteStore({ path: join(folder, 'checkpoints.db') });

const stepMessages = (step: number) => [
  {
    role: 'assistant',
    text: '',
    toolCalls: [{ id: `c${step}`, name: 'search', input: { q: `query ${step}` } }],
  },
  { role: 'tool', results: [{ id: `c${step}`, name: 'search', output: 'x'.repeat(500), isError: false }] },
];
const progress = (step: number) => ({
  stepCount: step,
  inputTokens: step * 100,
  outputTokens: step * 10,
  costUsd: 0,
});

/** µs of CPU per write at each size: `runs` runs written up to the size, the last write timed. */
async function measure(kind: 'whole' | 'entry', size: number): Promise<number> {
  let spent = 0;
  for (let run = 0; run < runs; run++) {
    const id = `${kind}-${size}-${run}`;
    await store.agentRuns.createRun({ id, agentName: 'a', task: 't', model: 'm' });
    const state = { version: 1, messages: [{ role: 'user', text: 't' }] as unknown[], step: 0 };
    await store.agentRuns.updateRun(id, { checkpoint: state });
    for (let step = 1; step <= size; step++) {
      const added = stepMessages(step);
      state.messages.push(...added);
      state.step = step;
      const started = process.cpuUsage();
      if (kind === 'whole') await store.agentRuns.updateRun(id, { checkpoint: state, ...progress(step) });
      else
        await store.agentRuns.appendCheckpoint(
          id,
          { append: { messages: added }, set: { step } },
          progress(step),
        );
      if (step === size) {
        const used = process.cpuUsage(started);
        spent += used.user + used.system;
      }
    }
  }
  return spent / runs;
}

process.stdout.write(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; ${runs} runs per size\n\n`,
);
process.stdout.write(
  '| Steps so far | Whole state (µs CPU per write) | Entry (µs CPU per write) | Whole ÷ entry |\n| ---: | ---: | ---: | ---: |\n',
);
for (const size of sizes) {
  const whole = await measure('whole', size);
  const entry = await measure('entry', size);
  process.stdout.write(
    `| ${size} | ${whole.toFixed(1)} | ${entry.toFixed(1)} | ${(whole / entry).toFixed(1)} |\n`,
  );
}
process.stdout.write(
  `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; load average after ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);
await store.close();
rmSync(folder, { recursive: true, force: true });
