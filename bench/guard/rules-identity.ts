// `GUARD_BASELINE=<folder> npx tsx bench/guard/rules-identity.ts`: the PII, secrets, invisible-text and
// toxicity rules and the whole default policy of this tree against an older copy (the baseline folder as
// for policy-latency.ts) on many texts: the latency bench's 1 KB texts, every Presidio record, dataset rows,
// their 1 KB cuts and seeded random strings. Every finding (type, span, value, score with Object.is), every
// redacted text and every decision must be the same; the script lists the first differences and exits 1
// otherwise. IDENTITY_ROWS caps the rows taken from each dataset (default 600).
import * as guard from '../../src/guard/index.js';
import { randomTexts } from '../../test/random-texts.js';
import { latencySources, latencyTexts } from './latency-texts.js';

type Guard = typeof guard;
if (!process.env.GUARD_BASELINE) throw new Error('Set GUARD_BASELINE to a folder holding the older src.');
const old = (await import(`${process.env.GUARD_BASELINE}/src/guard/index.ts`)) as Guard;

const d = guard.locateDatasets();
const cap = Number(process.env.IDENTITY_ROWS ?? 600);
const every = (list: string[]) => list.filter((_, i) => i % Math.max(1, Math.floor(list.length / cap)) === 0);
const presidio = guard.loadPresidioSynth(d).map((r) => r.text);
const prompts = [...guard.loadDeepset(d), ...guard.loadJailbreakBench(d), ...guard.loadBenignPrompts(d)].map(
  (r) => r.text,
);
const tweets = guard.loadDavidson(d).map((r) => r.text);
const alphabet = [
  ...'abcXYZ019 .,;:!?@/+=-_\'’"\n\t()',
  'Mr',
  'St',
  'Street',
  ' 12 ',
  'Anna',
  'İ',
  'é',
  '😀',
  '\u200b',
];
const texts = [
  ...latencyTexts(),
  ...presidio,
  ...every(prompts),
  ...every(tweets),
  ...guard.kilobyteTexts(every(latencySources()), 200),
  ...randomTexts(400, 11, alphabet),
  'Contact john.doe@example.com or +1 (555) 010-9999, card 4111 1111 1111 1111, key AKIAIOSFODNN7EXAMPLE.',
  'Dr. Smith lives at 12 Main St., Springfield. “Hello,” said J. R. R. Tolkien-Baggins.',
];

/** JSON with every number written exactly (Object.is: -0 and NaN kept apart). */
const exact = (value: unknown) =>
  JSON.stringify(value, (_, v) => (typeof v === 'number' ? `n:${Object.is(v, -0) ? '-0' : String(v)}` : v));

const ruleSets = (g: Guard) => {
  const validated = guard.piiEntities.filter((e) => e !== 'PERSON' && e !== 'STREET_ADDRESS');
  return {
    'pii all (mask)': g.piiScanner(),
    'pii validated (mask)': g.piiScanner({ entities: validated }),
    'pii tagged (flag)': g.piiScanner({ entities: ['PERSON', 'STREET_ADDRESS'], redact: false }),
    'pii hash': g.piiScanner({ redact: 'hash' }),
    secrets: g.secretsScanner(),
    invisible: g.invisibleTextScanner(),
    toxicity: g.toxicityScanner(),
  };
};
const mine = ruleSets(guard);
const theirs = ruleSets(old);
const differences: string[] = [];
const policies = [guard.createGuardPolicy(), old.createGuardPolicy()];
for (const text of texts) {
  for (const name of Object.keys(mine) as (keyof typeof mine)[]) {
    const a = exact(theirs[name](text, { direction: 'input' }));
    const b = exact(mine[name](text, { direction: 'input' }));
    if (a !== b) differences.push(`${name}: ${JSON.stringify(text.slice(0, 60))}\n  old ${a}\n  new ${b}`);
  }
  // Toxicity after the prompt tasks' scan (it then reads that scan), as in the policy.
  for (const g of [old, guard]) g.clearPromptTaskCache();
  const [newDecision, oldDecision] = [
    policies[0].checkText(text, { direction: 'input' }),
    policies[1].checkText(text, { direction: 'input' }),
  ];
  if (exact(newDecision) !== exact(oldDecision))
    differences.push(
      `policy: ${JSON.stringify(text.slice(0, 60))}\n  old ${exact(oldDecision)}\n  new ${exact(newDecision)}`,
    );
}
const findings = texts.reduce((n, text) => n + policies[0].checkText(text).findings.length, 0);
console.log(
  `${texts.length} texts, ${Object.keys(mine).length} rules and the default policy (${findings} policy findings)`,
);
console.log(`${differences.length} differences`);
for (const line of differences.slice(0, 10)) console.log(line);
if (differences.length) process.exit(1);
