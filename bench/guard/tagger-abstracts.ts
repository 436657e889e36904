// `GUARD_BASELINE=<folder> npx tsx bench/guard/tagger-abstracts.ts`: false names on real prose that no
// tagger was trained or tuned on (guardlat17). The abstracts of Cranfield, CISI and MED (`.W` bodies,
// ../shared/datasets/ir/) hold almost no person names, so nearly every PERSON finding there is false.
// Per collection: sentences, and PERSON findings per 1,000 sentences for the old and the new tagger;
// then up to SHOW (default 20) findings each side has that the other lacks, spread over the list, so
// that they can be read. Cranfield and MED are lower-case (few capitalised words); CISI is cased.

import * as current from '../../src/guard/index.js';
import { loadTestCollection } from '../../src/rag/index.js';

type Guard = typeof current;
const versions: [string, Guard][] = [];
if (process.env.GUARD_BASELINE)
  versions.push(['old', (await import(`${process.env.GUARD_BASELINE}/src/guard/index.ts`)) as Guard]);
versions.push(['new', current]);
const show = Number(process.env.SHOW ?? 20);

/** Sentences: runs ending in . ! or ? before a space or the end (at least one per abstract). */
const sentences = (text: string) => Math.max(1, (text.match(/[.!?]+(?=\s|$)/g) ?? []).length);

const found = new Map<string, Set<string>>(versions.map(([name]) => [name, new Set()]));
console.log(
  `| collection | abstracts | sentences | ${versions.map(([n]) => `${n} PERSON findings (per 1,000 sentences)`).join(' | ')} |`,
);
console.log(`| --- | --- | --- | ${versions.map(() => '---').join(' | ')} |`);
const totals = new Map<string, number>(versions.map(([name]) => [name, 0]));
let allSentences = 0;
for (const collection of ['cranfield', 'cisi', 'med']) {
  const documents = loadTestCollection(collection).documents.filter((d) => d.text.trim().length > 0);
  const count = documents.reduce((sum, d) => sum + sentences(d.text), 0);
  allSentences += count;
  const cells: string[] = [];
  for (const [name, guard] of versions) {
    const tagger = guard.shippedEntityTagger();
    let persons = 0;
    for (const document of documents) {
      for (const finding of guard.tagEntities(document.text, tagger)) {
        if (finding.type !== 'PERSON') continue;
        persons++;
        const start = finding.start ?? 0;
        const end = finding.end ?? 0;
        const context = `${document.text.slice(Math.max(0, start - 30), start)}[[${document.text.slice(start, end)}]]${document.text.slice(end, end + 30)}`;
        found.get(name)?.add(`${collection} ${document.id} ${start}-${end}\t${context.replace(/\s+/g, ' ')}`);
      }
    }
    totals.set(name, (totals.get(name) ?? 0) + persons);
    cells.push(`${persons} (${((1000 * persons) / count).toFixed(2)})`);
  }
  console.log(`| ${collection} | ${documents.length} | ${count} | ${cells.join(' | ')} |`);
}
console.log(
  `| all | | ${allSentences} | ${versions.map(([n]) => `${totals.get(n)} (${((1000 * (totals.get(n) ?? 0)) / allSentences).toFixed(2)})`).join(' | ')} |`,
);
if (versions.length === 2) {
  const [a, b] = versions.map(([name]) => found.get(name) ?? new Set<string>());
  for (const [label, mine, other] of [
    ['old only', a, b],
    ['new only', b, a],
  ] as const) {
    const only = [...mine].filter((key) => !other.has(key));
    console.log(
      `\n${label}: ${only.length} findings (same collection, abstract and span not found by the other)`,
    );
    const step = Math.max(1, only.length / show);
    for (let i = 0; i < Math.min(show, only.length); i++) console.log(`  ${only[Math.floor(i * step)]}`);
  }
}
