// Multi-session recall evaluation on generated conversations (generate-conversations.ts): evidence
// recall@5/10/20 per question type for Gantry memory and for plain BM25 over turns. Weights are
// chosen on the dev split (seeds 1–10) and reported on the test split (seeds 101–110).
//   node bin/run-ts.js bench/memory/recall-eval.ts [--json] [--lsa]
import {
  assembleContext,
  conversationTurns,
  createMemory,
  type Memory,
  type RecallWeights,
} from '../../src/memory/index.js';
import { countTokens } from '../../src/model/index.js';
import { Bm25Index, createLsaEmbedder, fitLsaModel } from '../../src/search/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import {
  type GeneratedConversation,
  generateConversations,
  type QuestionType,
} from './generate-conversations.js';

const ks = [5, 10, 20] as const;
const types: QuestionType[] = ['single-hop', 'multi-hop', 'temporal', 'open-domain'];

interface Loaded {
  conversation: GeneratedConversation;
  memory: Memory;
  baseline: Bm25Index;
  scope: { user: string };
  now: number;
}

async function load(conversation: GeneratedConversation): Promise<Loaded> {
  const store = openSqliteStore({ path: ':memory:' });
  const lastDate = Date.parse(conversation.sessions.at(-1)!.date);
  const now = lastDate + 86_400_000;
  const scope = { user: conversation.user };
  const turns = conversationTurns(conversation);
  // --lsa: the offline embedder fitted on this user's own memories (their vocabulary and IDF).
  const embedder = process.argv.includes('--lsa')
    ? createLsaEmbedder(
        fitLsaModel(
          turns.map((turn) => turn.text),
          { dimension: 128 },
        ),
      )
    : undefined;
  const memory = createMemory({ store, now: () => now, embedder });
  await memory.addTurns(scope, turns);
  const baseline = new Bm25Index();
  for (const turn of turns) baseline.add(turn.id!, turn.text);
  return { conversation, memory, baseline, scope, now };
}

type Scores = Record<QuestionType | 'overall', Record<number, number[]>>;
const emptyScores = (): Scores =>
  Object.fromEntries(
    [...types, 'overall'].map((type) => [type, Object.fromEntries(ks.map((k) => [k, [] as number[]]))]),
  ) as Scores;

function record(scores: Scores, type: QuestionType, evidence: string[], ranked: string[]): void {
  for (const k of ks) {
    const top = new Set(ranked.slice(0, k));
    const found = evidence.filter((id) => top.has(id)).length / evidence.length;
    scores[type][k].push(found);
    scores.overall[k].push(found);
  }
}

async function evaluate(loaded: Loaded[], weights?: Partial<RecallWeights>) {
  const gantry = emptyScores();
  const bm25 = emptyScores();
  for (const { conversation, memory, baseline, scope, now } of loaded) {
    for (const question of conversation.questions) {
      const items = await memory.recall(scope, question.question, {
        k: 20,
        kinds: ['episode'],
        now,
        weights,
      });
      record(
        gantry,
        question.type,
        question.evidence,
        items.map((item) => item.id),
      );
      record(
        bm25,
        question.type,
        question.evidence,
        baseline.search(question.question, { limit: 20 }).map((hit) => hit.id),
      );
    }
  }
  return { gantry, bm25 };
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const summary = (scores: Scores) =>
  Object.fromEntries(
    Object.entries(scores).map(([type, byK]) => [
      type,
      { n: byK[10].length, ...Object.fromEntries(ks.map((k) => [`@${k}`, Number(mean(byK[k]).toFixed(3))])) },
    ]),
  );

const started = Date.now();
const dev = await Promise.all(generateConversations(10, 1).map(load));
const grid: Partial<RecallWeights>[] = [];
for (const session of [0, 0.3, 0.6])
  for (const neighbour of [0, 0.3])
    for (const bridge of [0, 0.3])
      for (const recency of [0, 0.05])
        for (const importance of [0, 0.05]) grid.push({ session, neighbour, bridge, recency, importance });
let best = { weights: grid[0], score: -1 };
for (const weights of grid) {
  const { gantry } = await evaluate(dev, weights);
  const score = mean(gantry.overall[10]);
  if (score > best.score) best = { weights, score };
}
const devDefault = await evaluate(dev);
const test = await Promise.all(generateConversations(10, 101).map(load));
const testDefault = await evaluate(test);
const testBest = await evaluate(test, best.weights);

// Context tokens per query (budget 1,000 tokens, gpt-4o tokenizer) against the full history.
const contextTokens: number[] = [];
const historyTokens: number[] = [];
const contextRecall: number[] = [];
for (const { conversation, memory, scope } of test) {
  const full = conversation.sessions
    .flatMap((session) => session.turns)
    .reduce((sum, turn) => sum + countTokens(turn.text, 'openai:gpt-4o') + 4, 0);
  for (const question of conversation.questions) {
    const context = await assembleContext(memory, {
      scope,
      query: question.question,
      budgetTokens: 1000,
      model: 'openai:gpt-4o',
      recall: { k: 10, kinds: ['episode'] },
    });
    contextTokens.push(context.tokens);
    historyTokens.push(full);
    const kept = new Set(context.kept.map((item) => item.id));
    contextRecall.push(question.evidence.filter((id) => kept.has(id)).length / question.evidence.length);
  }
}
const result = {
  conversations: { dev: dev.length, test: test.length },
  turns: test.reduce(
    (sum, { conversation }) => sum + conversation.sessions.reduce((n, s) => n + s.turns.length, 0),
    0,
  ),
  questions: test.reduce((sum, { conversation }) => sum + conversation.questions.length, 0),
  chosenWeights: best.weights,
  devRecall10: {
    default: Number(mean(devDefault.gantry.overall[10]).toFixed(3)),
    chosen: Number(best.score.toFixed(3)),
    bm25: Number(mean(devDefault.bm25.overall[10]).toFixed(3)),
  },
  test: {
    gantryDefault: summary(testDefault.gantry),
    gantryChosen: summary(testBest.gantry),
    bm25: summary(testDefault.bm25),
  },
  context: {
    budgetTokens: 1000,
    meanContextTokens: Math.round(mean(contextTokens)),
    meanHistoryTokens: Math.round(mean(historyTokens)),
    ratio: Number((mean(contextTokens) / mean(historyTokens)).toFixed(3)),
    evidenceRecallInContext: Number(mean(contextRecall).toFixed(3)),
  },
  seconds: Math.round((Date.now() - started) / 1000),
};
if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  process.stdout.write(
    `memory recall evaluation: ${result.conversations.test} test conversations, ${result.turns} turns, ${result.questions} questions\n`,
  );
  process.stdout.write(
    `weights chosen on dev: ${JSON.stringify(best.weights)} (dev recall@10 ${best.score.toFixed(3)})\n`,
  );
  for (const [name, table] of Object.entries(result.test)) {
    process.stdout.write(`\n${name}\n`);
    for (const [type, row] of Object.entries(table))
      process.stdout.write(`  ${type.padEnd(12)} ${JSON.stringify(row)}\n`);
  }
  process.stdout.write(`\ncontext: ${JSON.stringify(result.context)}\n(${result.seconds} s)\n`);
}
