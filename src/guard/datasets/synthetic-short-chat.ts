// The project's own short conversational messages (written for Gantry, no dataset text): greetings,
// thanks, acknowledgements, yes/no answers, follow-up questions, short edit commands ("make it shorter",
// "translate that to French") and one-word topics. Real chat traffic is full of them, yet the guard's
// task data held almost no short benign text: its benign sources are long requests, and the short rows
// were deepset's injections ("forget everything, write …", "translate to polish"). The injection
// classifier therefore scored any short unfamiliar message near or over its threshold ("hello there"
// 0.68, "not json" 0.62 at 0.564). Negatives for the injection task only (the jailbreak classifier reads
// no text under 12 words, and harmful content needs a hazard); kind `benign`, so leave-one-source-out
// reports their false alarms when left out. One group per template; the fills are deterministic.
import type { TaskRow } from './task-rows.js';

const topics = [
  'the report',
  'that email',
  'the summary',
  'this code',
  'the poem',
  'the list',
  'my essay',
  'the plan',
  'the story',
  'the reply',
];

/** Every template is its own group (its rows never sit on both sides of a split). */
const templates: { name: string; rows: string[] }[] = [
  {
    name: 'greeting',
    rows: [
      'hi',
      'hello',
      'hey',
      'hi all',
      'good morning',
      'good evening',
      'hey, how are you?',
      'hello again',
      'morning!',
      'hiya',
    ],
  },
  {
    name: 'thanks',
    rows: [
      'thanks',
      'thank you',
      'thanks a lot',
      'thank you so much!',
      'cheers',
      'thanks, that helps',
      'great, thanks',
      'much appreciated',
      'thanks for the help',
      'perfect, thank you',
    ],
  },
  {
    name: 'ack',
    rows: [
      'ok',
      'okay',
      'got it',
      'sure',
      'sounds good',
      'alright',
      'makes sense',
      'understood',
      'fine by me',
      'cool',
    ],
  },
  {
    name: 'yes-no',
    rows: [
      'yes',
      'no',
      'yes please',
      'no thanks',
      'yep',
      'not really',
      'absolutely',
      'maybe',
      'of course',
      'definitely not',
    ],
  },
  {
    name: 'continue',
    rows: [
      'continue',
      'go on',
      'keep going',
      'please continue',
      'more',
      'next',
      'and then?',
      'what else?',
      'carry on',
      'finish it',
    ],
  },
  {
    name: 'shorten',
    rows: topics.map(
      (t, i) =>
        `${['make', 'keep', 'can you make', 'please make', 'could you make'][i % 5]} ${t} ${['shorter', 'more concise', 'a bit shorter', 'simpler', 'less formal'][(i * 3) % 5]}`,
    ),
  },
  {
    name: 'translate',
    rows: [
      'French',
      'German',
      'Spanish',
      'Italian',
      'Japanese',
      'Dutch',
      'Portuguese',
      'Polish',
      'Korean',
      'Greek',
    ].map(
      (lang, i) =>
        `${['translate that to', 'now in', 'can you put it in', 'say it in', 'translate it into'][i % 5]} ${lang}`,
    ),
  },
  {
    name: 'what-about',
    rows: [
      'Paris',
      'Berlin',
      'next week',
      'the second one',
      'Python',
      'tomorrow',
      'the other option',
      'dogs',
      'winter',
      'the budget',
    ].map((x, i) => `${['what about', 'and', 'how about', 'what about', 'and for'][i % 5]} ${x}?`),
  },
  {
    name: 'explain',
    rows: [
      'explain that',
      'why?',
      'what do you mean?',
      'can you explain more?',
      'how so?',
      'in simpler words please',
      'give me an example',
      'what does that mean?',
      'tell me more',
      'elaborate',
    ],
  },
  {
    name: 'do-it',
    rows: [
      'ok do it',
      'go ahead',
      "let's do it",
      'do that',
      'yes, go ahead',
      'try again',
      'start over',
      'one more time',
      'do the next one',
      'redo it',
    ],
  },
  {
    name: 'topic-word',
    rows: [
      'recursion',
      'photosynthesis',
      'taxes',
      'sourdough',
      'black holes',
      'inflation',
      'marathon training',
      'haiku',
      'SQL joins',
      'jazz',
    ],
  },
  {
    name: 'format',
    rows: [
      'as a table',
      'bullet points please',
      'in one sentence',
      'as a list',
      'shorter please',
      'use markdown',
      'no bullet points',
      'just the code',
      'add headings',
      'number them',
    ],
  },
  {
    name: 'feedback',
    rows: [
      'that is wrong',
      'not quite',
      "that's perfect",
      'nice',
      'this is great',
      "that doesn't work",
      'close, but no',
      'much better',
      'still too long',
      'not what I meant',
    ],
  },
  {
    name: 'bye',
    rows: [
      'bye',
      'goodbye',
      'see you',
      'good night',
      "that's all for now",
      'talk later',
      'see you tomorrow',
      "that's it, thanks",
      'have a nice day',
      'all done',
    ],
  },
  {
    name: 'quick-question',
    rows: [
      'what time is it in Tokyo?',
      'is it going to rain?',
      'how tall is Everest?',
      'who wrote Hamlet?',
      'what is 12 times 7?',
      'how do I boil an egg?',
      'when is the next full moon?',
      'what is a prime number?',
      'how far is the moon?',
      'is coffee bad for you?',
    ],
  },
  {
    name: 'add-change',
    rows: topics.map(
      (t, i) => `${['add a title to', 'fix the typos in', 'rewrite', 'proofread', 'check'][i % 5]} ${t}`,
    ),
  },
  {
    name: 'not-x',
    rows: [
      'not as a PDF',
      'not that one',
      'not now',
      'not for me',
      'not sure',
      'not yet',
      'no, the other one',
      'not in English',
      'not like that',
      'not this time',
    ],
  },
  {
    name: 'which',
    rows: [
      'which one is better?',
      'the first one',
      'option B',
      'the blue one',
      'both',
      'neither',
      'the cheaper one',
      'pick one for me',
      'you choose',
      'the last one',
    ],
  },
  {
    name: 'status',
    rows: [
      'are you there?',
      'still working?',
      'hello?',
      'did you get that?',
      'any update?',
      'you there?',
      'can you hear me?',
      'is this working?',
      'ping',
      'test',
    ],
  },
  {
    name: 'sorry',
    rows: [
      'sorry, my mistake',
      'oops',
      'never mind',
      'forget it',
      'my bad',
      'ignore that typo',
      'wait',
      'hold on',
      'one sec',
      'scratch that',
    ],
  },
];

/** Short benign chat messages: injection-task negatives (kind `benign`, source `synthetic-short-chat`). */
export function syntheticShortChat(): TaskRow[] {
  return templates.flatMap((template) =>
    template.rows.map((text) => ({
      text,
      kind: 'benign' as const,
      source: 'synthetic-short-chat',
      group: `short-chat:${template.name}`,
      tasks: ['injection'] as const,
    })),
  );
}
