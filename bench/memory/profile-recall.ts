// The slowest recall queries by CPU time at N stored turns of one user (what bench/memory/run.ts's
// p99 is made of). ONLY=word keeps the questions that contain the word (e.g. ONLY=hiking).
//   node bin/run-ts.js bench/memory/profile-recall.ts [--size 100000]
import { conversationTurns, createMemory, type TurnInput } from '../../src/memory/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { generateConversation } from './generate-conversations.js';

const sizeFlag = process.argv.indexOf('--size');
const size = sizeFlag > 0 ? Number(process.argv[sizeFlag + 1]) : 100_000;
const turns: TurnInput[] = [];
const questions: string[] = [];
let offset = 0;
for (let seed = 1; turns.length < size; seed++) {
  const conversation = generateConversation(seed);
  for (const turn of conversationTurns(conversation)) {
    if (turns.length === size) break;
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
const store = openSqliteStore({ path: ':memory:' });
const scope = { user: 'bench-user' };
const memory = createMemory({ store });
for (let index = 0; index < turns.length; index += 1000)
  await memory.addTurns(scope, turns.slice(index, index + 1000));
await memory.recall(scope, 'warm up');
const only = process.env.ONLY;
const chosen = questions.slice(0, 200).filter((question) => !only || question.includes(only));
const times: { question: string; ms: number }[] = [];
for (let round = 0; round < 3; round++) {
  for (const question of chosen) {
    const cpu = process.cpuUsage();
    await memory.recall(scope, question, { k: 10 });
    const used = process.cpuUsage(cpu);
    if (round === 2) times.push({ question, ms: (used.user + used.system) / 1000 });
  }
}
times.sort((left, right) => right.ms - left.ms);
for (const { question, ms } of times.slice(0, 10)) process.stdout.write(`${ms.toFixed(2)} ms  ${question}\n`);
process.stdout.write(
  `median ${times[times.length >> 1].ms.toFixed(2)} ms CPU over ${times.length} queries\n`,
);
