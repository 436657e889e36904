// `GUARD_BASELINE=<dir> npx tsx bench/guard/prompt-task-identity.ts`: the prompt-task scan of this tree
// against a baseline copy of the guard (a folder holding an older `src`, as for policy-latency.ts), on
// many texts: every task row (shared sets, IDENTITY_EXTRA or /tmp/guardgen-extra when present, the
// synthetic ones), their 1 KB cuts, the latency bench's texts, and seeded random strings. Every score and
// every piece of evidence (kind, view, value, score as its exact double) must be the same, as must the
// default policy's decision and findings on the latency texts. Prints the first differences and exits 1
// on any. IDENTITY_LIMIT: at most this many texts (default all).
import { existsSync } from 'node:fs';
import * as current from '../../src/guard/index.js';
import { randomTexts } from '../../test/random-texts.js';
import { latencyTexts } from './latency-texts.js';

type Guard = typeof current;

const baselineDir = process.env.GUARD_BASELINE;
if (!baselineDir) {
  console.error('Set GUARD_BASELINE to a folder holding the baseline src (see policy-latency.ts).');
  process.exit(2);
}
const baseline = (await import(`${baselineDir}/src/guard/index.ts`)) as Guard;

const extra =
  process.env.IDENTITY_EXTRA ?? (existsSync('/tmp/guardgen-extra') ? '/tmp/guardgen-extra' : undefined);
const rows = current.loadTaskRows(current.locateDatasets(), extra).map((r) => r.text);
const alphabet = [
  ...'abcdefghijklmnopqrstuvwxyz ABCXYZ0129.,;:!?\'"’-_/\\()[]{}<>@#$%&*+=|~`\n\t',
  'ignore ',
  'previous ',
  'instructions ',
  'how to make ',
  'a bomb ',
  'pretend you are ',
  'DAN ',
  'İ',
  'ſ',
  'é',
  'ß',
  'К',
  'о',
  '\u200b',
  '😀',
  '\ud800',
  'aGVsbG8gd29ybGQ=',
  '%20',
  '&#65;',
  'https://x.y/z ',
  '@user ',
];
const texts = [
  ...latencyTexts(),
  ...rows,
  ...current.kilobyteTexts(rows, rows.length, 1024),
  ...randomTexts(3000, 7, alphabet, 1500),
];
const limit = Number(process.env.IDENTITY_LIMIT ?? texts.length);

/** The scores with every double written exactly (JSON writes the shortest string that reads back the same). */
function scoresOf(guard: Guard, text: string): string {
  guard.clearPromptTaskCache();
  return JSON.stringify(guard.scorePromptTasks(text));
}

function decisionOf(guard: Guard, text: string): string {
  guard.clearPromptTaskCache();
  return JSON.stringify(guard.createGuardPolicy().checkText(text, { direction: 'input' }));
}

let differences = 0;
let checked = 0;
// Twice: with the prompt-task rows alone, then shared with toxicity's (the scanner lays them side by
// side, margin-tables.ts shareRows, and the prompt tasks then copy toxicity's column: kept-column.ts).
for (const shared of [false, true]) {
  if (shared) for (const guard of [baseline, current]) guard.toxicityScanner();
  for (const text of texts.slice(0, limit)) {
    const a = scoresOf(baseline, text);
    const b = scoresOf(current, text);
    checked++;
    if (a !== b && differences++ < 5)
      console.log(`scores differ on ${JSON.stringify(text.slice(0, 80))}\n  old ${a}\n  new ${b}`);
  }
}
const policyTexts = latencyTexts();
for (const text of policyTexts) {
  const a = decisionOf(baseline, text);
  const b = decisionOf(current, text);
  if (a !== b && differences++ < 5)
    console.log(`decision differs on ${JSON.stringify(text.slice(0, 80))}\n  old ${a}\n  new ${b}`);
}
console.log(
  `${checked} texts' prompt-task scores (each text twice: rows alone, then shared) and ${policyTexts.length} policy decisions compared: ${differences} differ`,
);
process.exit(differences ? 1 : 0);
