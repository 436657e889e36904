// bench/memory: ingest throughput, index rebuild, recall latency p50/p99 and context assembly at
// 10k and 100k stored turns of one user (the worst case: recall is per user), and context tokens
// per query against the full history. `--sizes 10000,100000,1000000` to choose sizes.
//   node bin/run-ts.js bench/memory/run.ts [--sizes 10000,100000]
import { assembleContext, conversationTurns, createMemory, type TurnInput } from '../../src/memory/index.js';
import { countTokens } from '../../src/model/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { generateConversation } from './generate-conversations.js';

const sizesFlag = process.argv.indexOf('--sizes');
const sizes = sizesFlag > 0 ? process.argv[sizesFlag + 1].split(',').map(Number) : [10_000, 100_000];

function turnsFor(count: number): { turns: TurnInput[]; questions: string[] } {
  const turns: TurnInput[] = [];
  const questions: string[] = [];
  let offset = 0;
  for (let seed = 1; turns.length < count; seed++) {
    const conversation = generateConversation(seed);
    // Each generated conversation becomes a later stretch of the same user's history.
    for (const turn of conversationTurns(conversation)) {
      if (turns.length === count) break;
      turns.push({
        ...turn,
        id: `c${seed}:${turn.id}`,
        session: `c${seed}:${turn.session}`,
        at: (turn.at as number) + offset,
        speaker: 'user',
      });
    }
    offset += 400 * 86_400_000;
    for (const question of conversation.questions)
      questions.push(question.question.replaceAll(conversation.user, 'my'));
  }
  return { turns, questions };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

process.stdout.write(`node ${process.version}, ${new Date().toISOString()}\n`);
for (const size of sizes) {
  const { turns, questions } = turnsFor(size);
  const store = openSqliteStore({ path: ':memory:' });
  const scope = { user: 'bench-user' };
  const writer = createMemory({ store });
  let started = performance.now();
  for (let index = 0; index < turns.length; index += 1000)
    await writer.addTurns(scope, turns.slice(index, index + 1000));
  const ingestSeconds = (performance.now() - started) / 1000;

  // A fresh process's first recall rebuilds the user's index from the store.
  const reader = createMemory({ store });
  started = performance.now();
  await reader.recall(scope, 'warm up', { k: 10 });
  const rebuildMs = performance.now() - started;
  const latencies: number[] = [];
  // CPU time per query too: on a shared, overloaded machine wall time includes time spent descheduled.
  const cpuTimes: number[] = [];
  const queries = Array.from({ length: 400 }, (_, index) => questions[index % questions.length]);
  for (const query of queries.slice(0, 40)) await reader.recall(scope, query, { k: 10 });
  for (const query of queries) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    await reader.recall(scope, query, { k: 10 });
    latencies.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  const assembly: number[] = [];
  const tokens: number[] = [];
  for (const query of queries.slice(0, 40)) {
    const start = performance.now();
    const context = await assembleContext(reader, {
      scope,
      query,
      budgetTokens: 1000,
      model: 'openai:gpt-4o',
    });
    assembly.push(performance.now() - start);
    tokens.push(context.tokens);
  }
  // Full-history tokens, from a sample of 2,000 turns scaled to the whole history.
  const sample = turns.filter((_, index) => index % Math.max(1, Math.floor(turns.length / 2000)) === 0);
  const sampleTokens = sample.reduce((sum, turn) => sum + countTokens(turn.text, 'openai:gpt-4o') + 4, 0);
  const historyTokens = Math.round((sampleTokens / sample.length) * turns.length);
  const meanContext = tokens.reduce((sum, value) => sum + value, 0) / tokens.length;
  const heapMb = Math.round(process.memoryUsage().heapUsed / 1e6);
  process.stdout.write(
    `${String(size).padStart(8)} turns: ingest ${Math.round(turns.length / ingestSeconds)} turns/s; index rebuild ${Math.round(rebuildMs)} ms; ` +
      `recall p50 ${percentile(latencies, 50).toFixed(2)} ms p99 ${percentile(latencies, 99).toFixed(2)} ms (k=10, ${latencies.length} queries; CPU time p50 ${percentile(cpuTimes, 50).toFixed(2)} p99 ${percentile(cpuTimes, 99).toFixed(2)} ms); ` +
      `context assembly p50 ${percentile(assembly, 50).toFixed(1)} ms; context ${Math.round(meanContext)} tokens vs full history ${historyTokens} ` +
      `(${((meanContext / historyTokens) * 100).toFixed(3)} %); heap ${heapMb} MB\n`,
  );
  await store.close();
}
