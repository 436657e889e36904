// `node bin/run-ts.js bench/agent/parse.ts`: what parseToolCalls costs per call, for a typical reply
// of each format from the regression corpus (src/agent/__fixtures__/tool-call-corpus.json), and for
// a plain answer of about 600 characters (the cost every final answer pays).
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseToolCalls } from '../../src/agent/index.js';

const iterations = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const corpus = JSON.parse(
  readFileSync(new URL('../../src/agent/__fixtures__/tool-call-corpus.json', import.meta.url), 'utf8'),
) as {
  tools: Record<string, unknown>;
  cases: { id: string; model?: string; tools: string[]; text: string }[];
};

const typical: [string, string][] = [
  ['Hermes / Qwen <tool_call>', 'hermes-single'],
  ['Qwen3-Coder XML', 'qwen3coder-wrapped'],
  ['Mistral [TOOL_CALLS]', 'mistral-array'],
  ['Mistral name[ARGS]', 'mistral-args-token'],
  ['Llama 3.1 <|python_tag|>', 'llama31-python-tag'],
  ['Pythonic list (2 calls)', 'pythonic-bare-list'],
  ['Gemma 4', 'gemma4-basic'],
  ['DeepSeek V3', 'deepseek-v3'],
  ['Kimi K2', 'kimi-single'],
  ['Fenced JSON', 'fenced-json'],
  ['ReAct Action / Action Input', 'react-plain-text-input'],
  ['ReAct JSON blob', 'react-json-blob-action'],
];
const answer = `${'The forecast for Paris is mild, with light rain in the afternoon and clearer skies by evening. '.repeat(6)}`;

function measure(text: string, tools: { name: string; inputSchema: unknown }[], model?: string) {
  const calls = Math.max(1, parseToolCalls(text, { tools, model }).calls.length);
  for (let i = 0; i < 2_000; i++) parseToolCalls(text, { tools, model });
  const perCall: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // CPU time of this process (user + system), not wall time: the machine is shared and loaded.
    const start = process.cpuUsage();
    for (let i = 0; i < iterations; i++) parseToolCalls(text, { tools, model });
    const used = process.cpuUsage(start);
    perCall.push((used.user + used.system) / iterations / calls);
  }
  perCall.sort((a, b) => a - b);
  return { calls, median: perCall[Math.floor(perCall.length / 2)], min: perCall[0] };
}

console.log(
  `parseToolCalls: ${rounds} rounds of ${iterations} parses, median round, CPU time (Node ${process.version}, ${cpus()[0]?.model})`,
);
console.log(
  '| Format | Corpus record | Characters | Calls | µs per call (median) | µs per call (best round) |',
);
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const [label, id] of typical) {
  const record = corpus.cases.find((c) => c.id === id);
  if (!record) throw new Error(`no corpus record ${id}`);
  const tools = record.tools.map((name) => ({ name, inputSchema: corpus.tools[name] }));
  const { calls, median, min } = measure(record.text, tools, record.model);
  console.log(
    `| ${label} | \`${id}\` | ${record.text.length} | ${calls} | ${median.toFixed(2)} | ${min.toFixed(2)} |`,
  );
}
const tools = ['get_weather', 'search'].map((name) => ({ name, inputSchema: corpus.tools[name] }));
const plain = measure(answer, tools);
console.log(
  `| Plain answer (no call) | — | ${answer.length} | 0 | ${plain.median.toFixed(2)} | ${plain.min.toFixed(2)} |`,
);
