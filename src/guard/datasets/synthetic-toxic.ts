// The project's own short toxic statements (written for Gantry, no dataset text): first-person threats,
// insults and angry outbursts that ask the model for nothing. They are toxicity, not an instruction
// override: negatives for the injection task only. Without them the injection classifier met short
// hostile text only among deepset's injections (short abusive "write …" payloads) and scored "I will kill
// them all." 0.81, over its threshold. One group per template, so a template never sits on both sides
// of a split; the fills are deterministic. Not counted as benign (a toxic text is no false alarm to
// measure), and left out of the jailbreak and harmful tasks (a threat requests no content).
import { cap } from './synthetic-prompts.js';
import type { TaskRow } from './task-rows.js';

const threatVerbs = [
  'hurt',
  'kill',
  'destroy',
  'crush',
  'beat up',
  'punch',
  'finish',
  'strangle',
  'hunt down',
  'get back at',
  'ruin',
  'smash',
];
const targets = [
  'them all',
  'you',
  'every one of them',
  'all of you',
  'that idiot',
  'my neighbour',
  'the whole lot of them',
  'those people',
  'that liar',
  'the lot of you',
  'my boss',
  'the guy next door',
];
const insultNouns = [
  'idiots',
  'morons',
  'losers',
  'clowns',
  'a waste of space',
  'worthless',
  'pathetic',
  'disgusting',
  'the worst',
  'garbage',
];
const hated = [
  'you',
  'all of you',
  'this town',
  'my coworkers',
  'these people',
  'everyone here',
  'my brother',
  'the neighbours',
  'that team',
  'this whole class',
];

/** Each template takes the i-th fill of its lists; every template is its own group. */
const templates: { name: string; count: number; make: (i: number) => string }[] = [
  {
    name: 'will-verb',
    count: 12,
    make: (i) => `I will ${threatVerbs[i % 12]} ${targets[(i * 5) % 12]}.`,
  },
  {
    name: 'going-to',
    count: 12,
    make: (i) => `I'm going to ${threatVerbs[(i + 3) % 12]} ${targets[(i * 7 + 1) % 12]}.`,
  },
  {
    name: 'swear',
    count: 12,
    make: (i) => `I swear I'll ${threatVerbs[(i + 6) % 12]} ${targets[(i + 2) % 12]} one day.`,
  },
  {
    name: 'we-will',
    count: 12,
    make: (i) => `We will ${threatVerbs[(i + 9) % 12]} ${targets[(i * 11 + 4) % 12]}, just wait.`,
  },
  {
    name: 'you-are',
    count: 10,
    make: (i) => `You are all ${insultNouns[i % 10]}.`,
  },
  {
    name: 'you-people',
    count: 10,
    make: (i) => `Honestly, you people are ${insultNouns[(i + 4) % 10]} and everyone knows it.`,
  },
  {
    name: 'hate',
    count: 10,
    make: (i) => `I hate ${hated[i % 10]} so much.`,
  },
  {
    name: 'hate-and-hurt',
    count: 10,
    make: (i) => `I hate ${hated[(i + 3) % 10]} and I will ${threatVerbs[i % 4]} ${targets[(i + 1) % 12]}.`,
  },
  {
    name: 'pay',
    count: 10,
    make: (i) => `${cap(targets[(i + 5) % 12])} will pay for this. I will ${threatVerbs[(i + 2) % 6]} them.`,
  },
  {
    name: 'outburst',
    count: 10,
    make: (i) => `Shut up. ${cap(hated[(i + 7) % 10])}: ${insultNouns[(i + 1) % 10]}, and I am sick of it!`,
  },
  {
    name: 'see-again',
    count: 10,
    make: (i) => `If I see ${targets[(i + 3) % 12]} again I will ${threatVerbs[(i + 1) % 12]} them.`,
  },
  {
    name: 'watch-back',
    count: 10,
    make: (i) => `Watch your back. I'm coming for ${targets[(i * 5 + 2) % 12]}.`,
  },
  {
    name: 'deserve',
    count: 10,
    make: (i) => `${cap(hated[(i + 2) % 10])} deserve to suffer.`,
  },
  {
    name: 'go-to-hell',
    count: 10,
    make: (i) =>
      `Go to hell, you ${['idiot', 'moron', 'loser', 'clown', 'creep', 'rat', 'coward', 'snake', 'fool', 'pig'][i]}.`,
  },
  {
    name: 'could',
    count: 10,
    make: (i) => `I could ${threatVerbs[(i + 4) % 12]} ${targets[(i + 6) % 12]} right now.`,
  },
  {
    name: 'one-more-word',
    count: 10,
    make: (i) =>
      `One more word and I ${['will', 'swear I will', 'am going to', "'ll"][i % 4]} ${threatVerbs[(i + 5) % 12]} ${targets[(i + 9) % 12]}.`,
  },
  {
    name: 'want-to',
    count: 10,
    make: (i) => `I want to ${threatVerbs[(i + 7) % 12]} ${targets[(i * 7 + 3) % 12]} so badly.`,
  },
  {
    name: 'so-angry',
    count: 10,
    make: (i) => `I'm so angry I could ${threatVerbs[(i + 8) % 12]} ${targets[(i + 11) % 12]}.`,
  },
  {
    name: 'nobody-miss',
    count: 10,
    make: (i) => `Nobody would miss ${targets[(i + 4) % 12]} if they were gone.`,
  },
  {
    name: 'everyone-at',
    count: 10,
    make: (i) =>
      `Everyone at ${['work', 'school', 'the gym', 'that club', 'the office', 'church', 'the shop', 'the station', 'the party', 'home'][i]} is ${['useless', 'pathetic', 'disgusting', 'worthless', 'stupid', 'a joke', 'a waste of space', 'garbage', 'the worst', 'spineless'][(i + 2) % 10]}.`,
  },
];

/** Short toxic statements: injection-task negatives (kind `toxic`). */
export function syntheticToxic(): TaskRow[] {
  const rows: TaskRow[] = [];
  for (const template of templates)
    for (let i = 0; i < template.count; i++)
      rows.push({
        text: template.make(i),
        kind: 'toxic',
        source: 'synthetic-toxic',
        group: `toxic:${template.name}`,
        tasks: ['injection'],
      });
  return rows;
}
