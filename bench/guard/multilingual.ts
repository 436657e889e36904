// Per-language coverage of the default input policy on the project's multilingual prompts:
// `node bin/run-ts.js bench/guard/multilingual.ts`.
import { readFileSync } from 'node:fs';
import { evaluateMultilingual } from '../../src/guard/index.js';

const fixture = new URL('../../src/guard/__fixtures__/multilingual-prompts.json', import.meta.url);
const results = evaluateMultilingual(JSON.parse(readFileSync(fixture, 'utf8')).languages);
console.log('| Language | Attacks blocked | Paraphrases blocked (written after) | Benign blocked |');
console.log('| --- | --- | --- | --- |');
let caught = 0;
let attacks = 0;
let falseAlarms = 0;
let benign = 0;
let paraphrases = 0;
let paraphrasesCaught = 0;
for (const r of results) {
  console.log(
    `| ${r.language} | ${r.caught} / ${r.attacks} | ${r.paraphrasesCaught} / ${r.paraphrases} | ${r.falseAlarms} / ${r.benign} |`,
  );
  paraphrases += r.paraphrases;
  paraphrasesCaught += r.paraphrasesCaught;
  caught += r.caught;
  attacks += r.attacks;
  falseAlarms += r.falseAlarms;
  benign += r.benign;
}
console.log(
  `| all | ${caught} / ${attacks} | ${paraphrasesCaught} / ${paraphrases} | ${falseAlarms} / ${benign} |`,
);
for (const r of results) {
  for (const text of r.missed) console.log(`missed (${r.language}): ${text}`);
  for (const text of r.falselyBlocked) console.log(`blocked benign (${r.language}): ${text}`);
}
