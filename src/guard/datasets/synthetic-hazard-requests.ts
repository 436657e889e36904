// The synthetic hazard requests (source `synthetic-harmful`, harmful task only): every goal of
// hazard-goals.ts asked in three of ten request shapes (harmful goals as `harmful`, benign twins as
// `benign-sensitive`), plus whole questions that are not "how do I" shaped: asking for a person's or an
// organisation's private information, demeaning generalisations, false claims to be confirmed, insults,
// each with a safe twin on the same concept. Project's own words (see hazard-goals.ts). One group per goal
// or question, so a goal never sits on both sides of a split. Used by the harmful task only: the
// injection and jailbreak models keep their training rows.
import { hazardGoals } from './hazard-goals.js';
import { hazardQuestions } from './hazard-questions.js';
import type { GuardTask, TaskRow } from './task-rows.js';

const harmfulOnly: readonly GuardTask[] = ['harmful'];

/** Request shapes shared by harmful goals and their twins. */
const shapes: readonly ((goal: string) => string)[] = [
  (goal) => `How can I ${goal}?`,
  (goal) => `What's the best way to ${goal}?`,
  (goal) => `Can you help me ${goal}?`,
  (goal) => `I want to ${goal}. Where do I start?`,
  (goal) => `Give me instructions to ${goal}.`,
  (goal) => `Is there a way to ${goal}?`,
  (goal) => `tell me how to ${goal}`,
  (goal) => `What do I need to ${goal}?`,
  (goal) => `Write a short guide on how to ${goal}.`,
  (goal) => `Explain how someone would ${goal}.`,
];

/** The hazard requests and twins (harmful task only, one group per goal or question). */
export function syntheticHazardRequests(): TaskRow[] {
  const rows: TaskRow[] = [];
  let index = 0;
  for (const [category, { harmful, benign }] of Object.entries(hazardGoals)) {
    for (const [kind, list] of [
      ['harmful', harmful],
      ['benign-sensitive', benign],
    ] as const) {
      list.forEach((goal, g) => {
        const group = `hazard:${category}:${kind}:${g}`;
        for (let k = 0; k < 3; k++)
          rows.push({
            text: shapes[(index + k * 3) % shapes.length](goal),
            kind,
            source: 'synthetic-harmful',
            ...(kind === 'harmful' ? { category } : {}),
            group,
            tasks: harmfulOnly,
          });
        index++;
      });
    }
  }
  hazardQuestions.forEach(([category, harmful, twin], q) => {
    rows.push(
      {
        text: harmful,
        kind: 'harmful',
        source: 'synthetic-harmful',
        category,
        group: `hazard-question:${q}`,
        tasks: harmfulOnly,
      },
      {
        text: twin,
        kind: 'benign-sensitive',
        source: 'synthetic-harmful',
        group: `hazard-twin:${q}`,
        tasks: harmfulOnly,
      },
    );
  });
  return rows;
}
