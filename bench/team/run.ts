// `npm run bench team`: orchestration overhead per agent turn (one model call) of each team
// pattern with zero-latency scripted models, side by side with the OpenAI Agents SDK (handoffs,
// agents as tools) and LangGraph.js's supervisor on the same scripts. Tracing is off everywhere.
import { cpus, loadavg } from 'node:os';
import type { BaseMessage } from '@langchain/core/messages';
import { createReactAgent } from '@langchain/langgraph/prebuilt';
import { createSupervisor } from '@langchain/langgraph-supervisor';
import { Agent as OpenAIAgent, Runner } from '@openai/agents';
import { createAgent } from '../../src/agent/index.js';
import { createTeam, type TeamOptions } from '../../src/team/index.js';
import { AgentsModel, gantryModel, LangChainModel } from './zero-latency.js';

const runsPerRound = Number(process.env.BENCH_RUNS ?? 40);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const chain = 6; // handoff: a0 → a1 → … → a5, which answers
const delegations = 4; // supervisor: 4 delegations, then the answer
const budget = { steps: 1_000, totalTokens: 10_000_000, toolCalls: 1_000 };

let post = 0;
const toolResults = (options: { prompt: { role: string }[] }) =>
  options.prompt.filter((m) => m.role === 'tool').length;

// ── Gantry
function gantryTeam(options: Omit<TeamOptions, 'budget'>, calls: number, stop: string) {
  const team = createTeam({ ...options, budget });
  return async () => {
    const result = await team.run('Go.');
    if (result.usage.steps !== calls || result.stopReason !== stop)
      throw new Error(`gantry ${options.pattern.type}: ${result.usage.steps} calls, ${result.stopReason}`);
  };
}
const names = Array.from({ length: chain }, (_, i) => `a${i}`);
const gantryHandoff = gantryTeam(
  {
    members: names.map((name, i) => ({
      name,
      model: gantryModel(() =>
        i < chain - 1 ? { call: { name: `transfer_to_a${i + 1}`, args: {} } } : { text: 'answer' },
      ),
      ...(i < chain - 1 ? { handoffs: [`a${i + 1}`] } : {}),
    })),
    pattern: { type: 'handoff', entry: 'a0', maxHandoffs: chain },
  },
  chain,
  'done',
);
const gantrySupervisor = gantryTeam(
  {
    members: [
      {
        name: 'boss',
        workers: ['worker'],
        model: gantryModel((o) =>
          toolResults(o) < delegations
            ? { call: { name: 'worker', args: { task: `part ${toolResults(o)}` } } }
            : { text: 'answer' },
        ),
      },
      { name: 'worker', model: gantryModel(() => ({ text: `result ${post++}` })) },
    ],
    pattern: { type: 'supervisor', root: 'boss' },
  },
  2 * delegations + 1,
  'done',
);
const gantryDebate = gantryTeam(
  {
    members: ['x', 'y', 'z'].map((name) => ({
      name,
      model: gantryModel(() => ({ text: `Answer: ${name}` })),
    })),
    pattern: { type: 'debate', debaters: ['x', 'y', 'z'], rounds: 3 },
  },
  9,
  'max-rounds',
);
const gantryGroup = gantryTeam(
  {
    members: ['p', 'q'].map((name) => ({ name, model: gantryModel(() => ({ text: `post ${post++}` })) })),
    pattern: { type: 'group', members: ['p', 'q'], maxTurns: 8 },
  },
  8,
  'max-rounds',
);
// Reference: one agent, the same number of model calls as the supervisor case (8 tool calls, then the answer).
const single = createAgent({
  model: gantryModel((o) => (toolResults(o) < 8 ? { call: { name: 'noop', args: {} } } : { text: 'answer' })),
  tools: [
    {
      name: 'noop',
      description: 'Does nothing.',
      input: (await import('zod')).z.object({}),
      execute: () => 'ok',
    },
  ],
  limits: { steps: 100 },
  repeatedCallLimit: 0,
  noProgressLimit: 0,
});
const gantrySingle = async () => {
  const result = await single.run('Go.');
  if (result.steps !== 9) throw new Error(`single agent: ${result.steps}`);
};

// ── OpenAI Agents SDK
const runner = new Runner({ tracingDisabled: true });
const agentsChain: OpenAIAgent[] = [];
for (let i = chain - 1; i >= 0; i--) {
  agentsChain.unshift(
    new OpenAIAgent({
      name: `a${i}`,
      model: new AgentsModel(() =>
        i < chain - 1 ? { call: { name: `transfer_to_a${i + 1}`, args: {} } } : { text: 'answer' },
      ),
      handoffs: i < chain - 1 ? [agentsChain[0]] : [],
    }),
  );
}
const openaiHandoff = async () => {
  const result = await runner.run(agentsChain[0], 'Go.', { maxTurns: chain + 2 });
  if (result.finalOutput !== 'answer' || result.lastAgent?.name !== `a${chain - 1}`)
    throw new Error(`openai handoff: ${result.finalOutput}`);
};
const agentsWorker = new OpenAIAgent({ name: 'worker', model: new AgentsModel(() => ({ text: 'result' })) });
const countResults = (request: { input: unknown }) =>
  Array.isArray(request.input)
    ? request.input.filter((item: { type?: string }) => item.type === 'function_call_result').length
    : 0;
const agentsBoss = new OpenAIAgent({
  name: 'boss',
  model: new AgentsModel((request) =>
    countResults(request) < delegations
      ? { call: { name: 'worker', args: { input: `part ${countResults(request)}` } } }
      : { text: 'answer' },
  ),
  tools: [agentsWorker.asTool({ toolName: 'worker', toolDescription: 'Does a part of the work.' })],
});
const openaiSupervisor = async () => {
  const result = await runner.run(agentsBoss, 'Go.', { maxTurns: delegations + 2 });
  if (result.finalOutput !== 'answer') throw new Error(`openai supervisor: ${result.finalOutput}`);
};

// ── LangGraph.js supervisor
const workerTurns = (messages: BaseMessage[]) =>
  messages.filter((m) => m.getType() === 'ai' && m.name === 'worker' && m.content === 'result').length;
const lgWorker = createReactAgent({
  llm: new LangChainModel(() => ({ text: 'result' })),
  tools: [],
  name: 'worker',
});
const lgSupervisor = createSupervisor({
  agents: [lgWorker],
  llm: new LangChainModel((messages) =>
    workerTurns(messages) < delegations
      ? { call: { name: 'transfer_to_worker', args: {} } }
      : { text: 'answer' },
  ),
}).compile();
const langgraphSupervisor = async () => {
  const result = await lgSupervisor.invoke(
    { messages: [{ role: 'user', content: 'Go.' }] },
    { recursionLimit: 100 },
  );
  const last = result.messages[result.messages.length - 1];
  if (last.content !== 'answer' || workerTurns(result.messages) !== delegations)
    throw new Error(
      `langgraph supervisor: ${JSON.stringify(last.content)}, ${workerTurns(result.messages)} worker turns`,
    );
};

const cases: { name: string; calls: number; fn: () => Promise<void> }[] = [
  { name: 'Gantry single agent (9 calls, reference)', calls: 9, fn: gantrySingle },
  { name: `Gantry handoff (chain of ${chain})`, calls: chain, fn: gantryHandoff },
  { name: `OpenAI Agents SDK handoffs (chain of ${chain})`, calls: chain, fn: openaiHandoff },
  {
    name: `Gantry supervisor (${delegations} delegations)`,
    calls: 2 * delegations + 1,
    fn: gantrySupervisor,
  },
  {
    name: `OpenAI Agents SDK agents-as-tools (${delegations})`,
    calls: 2 * delegations + 1,
    fn: openaiSupervisor,
  },
  {
    name: `LangGraph.js createSupervisor (${delegations})`,
    calls: 2 * delegations + 1,
    fn: langgraphSupervisor,
  },
  { name: 'Gantry debate (3 agents × 3 rounds)', calls: 9, fn: gantryDebate },
  { name: 'Gantry group (round-robin, 8 turns)', calls: 8, fn: gantryGroup },
];

process.stdout.write(`${rounds} rounds × ${runsPerRound} runs per case, cases interleaved in each round\n`);
for (const c of cases) for (let i = 0; i < 10; i++) await c.fn(); // warm-up
const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
for (let round = 0; round < rounds; round++) {
  for (const c of cases) {
    const started = performance.now();
    for (let i = 0; i < runsPerRound; i++) await c.fn();
    samples.get(c.name)!.push(((performance.now() - started) * 1000) / (runsPerRound * c.calls));
  }
}
process.stdout.write(
  '\n| Case | Model calls per run | µs per agent turn (median of rounds) | min – max |\n| --- | ---: | ---: | ---: |\n',
);
for (const c of cases) {
  const values = samples.get(c.name)!.sort((a, b) => a - b);
  const median = values[Math.floor(values.length / 2)];
  process.stdout.write(
    `| ${c.name} | ${c.calls} | ${median.toFixed(0)} | ${values[0].toFixed(0)} – ${values.at(-1)!.toFixed(0)} |\n`,
  );
}
process.stdout.write(
  `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}\n`,
);
