// `npx tsx bench/guard/tagger-quality.ts` (optionally GUARD_BASELINE=<folder> for old and new side by side):
// the name/address tagger's quality figures in one table. Held-out Presidio templates (token level, as
// `gantry guard eval --only pii`: PERSON and STREET_ADDRESS precision, recall, F2, and all evaluated
// entities' F2), and on the benign prompts the default input policy checks (`--only benign`'s rows): how
// many it rewrites, how many have a PERSON or a STREET_ADDRESS finding, and how many such findings. Last,
// a probe written for this bench: 72 one-word replies ("Fine", "Noted", "Ouch") as `w.`, `w!`, `w` and
// `w, thanks.`, and how many the tagger finds a name or address in (none of them holds one).
import * as current from '../../src/guard/index.js';

type Guard = typeof current;
const versions: [string, Guard][] = [];
if (process.env.GUARD_BASELINE)
  versions.push(['old', (await import(`${process.env.GUARD_BASELINE}/src/guard/index.ts`)) as Guard]);
versions.push(['new', current]);

const datasets = current.locateDatasets();
const benignKinds = new Set(['benign', 'benign-roleplay', 'benign-sensitive']);
const benign = current
  .groupRows(current.loadTaskRows(datasets))
  .filter((row) => benignKinds.has(row.kind) && row.source !== 'presidio-synth');

const replies =
  'Fine Done Sure Thanks Okay Hello Yes No Great Noted Agreed Perfect Certainly Absolutely Indeed Correct Exactly Right Good Nice Cool Awesome Understood Got Alright Maybe Never Always Sorry Please Welcome Cheers Bye Goodbye Congratulations Excellent Wonderful True False Ready Finished Completed Confirmed Approved Denied Accepted Rejected Yep Nope Sounds Thank Ok Deal Done Same Possibly Probably Definitely Obviously Naturally Interesting Amazing Fantastic Brilliant Lovely Splendid Super Hmm Wow Oops Ouch Yay'
    .split(' ')
    .flatMap((w) => [`${w}.`, `${w}!`, w, `${w}, thanks.`]);
const fixed = (x: number) => x.toFixed(3);
console.log(
  '| version | PERSON P / R / F2 | STREET_ADDRESS P / R / F2 | all F2 | benign rewritten | benign with PERSON | PERSON findings | benign with STREET_ADDRESS | STREET_ADDRESS findings | one-word replies with a finding |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [name, guard] of versions) {
  const report = guard.runGuardEval(datasets, { only: ['pii'] });
  const entity = (type: string) => {
    const m = report.pii.byEntity[type];
    return `${fixed(m.precision)} / ${fixed(m.recall)} / ${fixed(m.f2)}`;
  };
  const policy = guard.createGuardPolicy();
  let rewritten = 0;
  const rows = { PERSON: 0, STREET_ADDRESS: 0 };
  const findings = { PERSON: 0, STREET_ADDRESS: 0 };
  for (const row of benign) {
    const decision = policy.checkText(row.text, { direction: 'input' });
    if (decision.action !== 'block' && decision.text !== row.text) rewritten++;
    for (const type of ['PERSON', 'STREET_ADDRESS'] as const) {
      const count = decision.findings.filter((f) => f.type === type).length;
      findings[type] += count;
      if (count > 0) rows[type]++;
    }
  }
  const tagger = guard.shippedEntityTagger();
  const flaggedReplies = replies.filter((reply) => guard.tagEntities(reply, tagger).length > 0);
  console.log(
    `| ${name} | ${entity('PERSON')} | ${entity('STREET_ADDRESS')} | ${fixed(report.pii.overall.f2)} | ${rewritten} of ${benign.length} | ${rows.PERSON} | ${findings.PERSON} | ${rows.STREET_ADDRESS} | ${findings.STREET_ADDRESS} | ${flaggedReplies.length} of ${replies.length} |`,
  );
}
