// `npx tsx bench/guard/leak-transforms.ts`: the prompt-leak scanner on leak transformations it was not built
// for (src/guard/eval/unseen-leak-transforms.ts). LEAK_GROUP=dev (default) or held-out picks the families
// (held-out: measured once, at the end; never tuned on); LEAK_GROUP=dev3 the five held-out families
// guardleak2 missed (guardleak3's dev group); LEAK_GROUP=fresh the fresh held-out group of guardleak3
// (fresh-leak-transforms.ts, measured once, at the end of that pass). The answers are the benign test
// prompts that `gantry guard eval --only leak` uses. With GUARD_BASELINE (a folder holding an older `src`, as for
// policy-latency.ts) the old scanner is measured beside the new one, on the same texts, in one process.
// LEAK_ADVERSARIAL=1 times the scanner on ~20 KB outputs built to make patterns backtrack (fastest of 3).
// LEAK_SHORT=1 adds false alarms of short canaries (6 and 8 random letters and digits, 20 per text) on the
// benign and code-heavy answers. LEAK_COST=1 adds the cost: the output policy with one canary on the latency texts (1 KB each) and on the
// code-heavy answers, old and new alternating, fastest of LEAK_REPEATS runs per text kept.
import { createHash } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import * as current from '../../src/guard/index.js';
import { latencyTexts } from './latency-texts.js';

type Guard = typeof current;
const group = process.env.LEAK_GROUP ?? 'dev';
const split = current.splitUnseenFamilies();
const families =
  group === 'held-out'
    ? split.heldOut
    : group === 'dev'
      ? split.dev
      : group === 'fresh'
        ? current.freshLeakFamilies
        : group === 'dev3'
          ? current.freshPassDevFamilies
          : [];
if (!families.length) throw new Error(`LEAK_GROUP must be dev, held-out, dev3 or fresh, not ${group}`);
// The fresh group (guardleak3) has its own transforms; the scanner of each version reads the same texts.
const transforms = group === 'fresh' ? current.freshLeakTransforms : current.unseenLeakTransforms;

const versions: [string, Guard][] = [['new', current]];
if (process.env.GUARD_BASELINE) {
  versions.unshift(['old', (await import(`${process.env.GUARD_BASELINE}/src/guard/index.ts`)) as Guard]);
}

const answers = current
  .loadBenignPrompts(current.locateDatasets())
  .filter((row) => row.split === 'test')
  .map((row) => row.text);
const codeHeavy = current.codeHeavyAnswers();
const reports = versions.map(([, guard]) =>
  current.evaluateUnseenLeaks(answers, families, {
    scanner: guard.promptLeakScanner,
    transforms,
    codeHeavy,
  }),
);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
process.stdout.write(
  `${new Date().toISOString()}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(
      ' ',
    )}, ${cpus().length} cores; group ${group}: ${families.length} families, ${answers.length} answers each\n\n`,
);
process.stdout.write(
  `| family | ${versions.map(([name]) => `recall ${name}`).join(' | ')} | ${versions.map(([name]) => `other-canary alarms ${name}`).join(' | ')} |\n`,
);
process.stdout.write(
  `| --- |${versions
    .map(() => ' --- |')
    .join('')
    .repeat(2)}\n`,
);
for (const family of families)
  process.stdout.write(
    `| ${family} | ${reports.map((r) => pct(r.recallByFamily[family])).join(' | ')} | ${reports.map((r) => r.otherCanaryAlarmsByFamily[family]).join(' | ')} |\n`,
  );
process.stdout.write(
  `| **mean** | ${reports.map((r) => `**${pct(r.recall)}**`).join(' | ')} |${versions.map(() => ' |').join('')}\n\n`,
);
process.stdout.write(
  '| false alarms | ' +
    versions.map(([name]) => name).join(' | ') +
    ' |\n| --- |' +
    versions.map(() => ' --- |').join('') +
    '\n',
);
process.stdout.write(
  `| benign answers, no canary (${answers.length}) | ${reports.map((r) => pct(r.falseAlarmRate)).join(' | ')} |\n`,
);
process.stdout.write(
  `| code-heavy answers, no canary (${codeHeavy.length}) | ${reports.map((r) => pct(r.codeHeavyFalseAlarmRate)).join(' | ')} |\n`,
);
process.stdout.write(
  `| benign answers + other canary in the family's form (${answers.length * families.length}) | ${reports.map((r) => pct(r.otherCanaryFalseAlarmRate)).join(' | ')} |\n`,
);

if (process.env.LEAK_SHORT === '1') {
  const texts = [...answers, ...codeHeavy];
  process.stdout.write(
    '\n| short canaries | pairs | ' +
      versions.map(([name]) => `alarms ${name}`).join(' | ') +
      ' |\n| --- | --- |' +
      versions.map(() => ' --- |').join('') +
      '\n',
  );
  for (const length of [6, 8]) {
    const alarms = versions.map(() => 0);
    texts.forEach((text, i) => {
      for (let k = 0; k < 20; k++) {
        const canary = createHash('sha256')
          .update(`short:${i}:${k}`)
          .digest('base64')
          .replace(/[^a-zA-Z0-9]/g, '')
          .slice(0, length);
        versions.forEach(([, guard], v) => {
          if (guard.promptLeakScanner({ canaries: [canary] })(text).findings.length) alarms[v]++;
        });
      }
    });
    process.stdout.write(`| ${length} characters | ${texts.length * 20} | ${alarms.join(' | ')} |\n`);
  }
}

if (process.env.LEAK_ADVERSARIAL === '1') {
  const cases: [string, string][] = [
    ['"12" + 20 KB of spaces', `12${' '.repeat(20_000)}x`],
    ['"12 " × 7000', `${'12 '.repeat(7000)}x`],
    ['"2a" × 10000 (hex)', `${'2a'.repeat(10_000)}zz`],
    ['"aB3" × 7000 (base64)', 'aB3'.repeat(7000)],
    ['"- " × 10000', `${'- '.repeat(10_000)}x`],
    ['"1. x\\n" × 4000', '1. x\n'.repeat(4000)],
    // guardleak3's views: binary runs, letter naming, canary pieces.
    ['"a" + 20 KB of spaces + "as in"', `a${' '.repeat(20_000)}as in`],
    ['"a for " × 3500', 'a for '.repeat(3500)],
    ['"01100111 " × 2300 (binary)', '01100111 '.repeat(2300)],
    ['"0110" × 5000 (bits, no blanks)', '0110'.repeat(5000)],
    ['"gan try " × 2500 (canary pieces)', 'gan try '.repeat(2500)],
  ];
  process.stdout.write(
    `\n| adversarial output | KB | ${versions.map(([name]) => `ms ${name}`).join(' | ')} |\n| --- | --- |${versions.map(() => ' --- |').join('')}\n`,
  );
  for (const [name, text] of cases) {
    const times = versions.map(([, guard]) => {
      let best = Infinity;
      for (let r = 0; r < 3; r++) {
        const start = performance.now();
        guard.promptLeakScanner({ canaries: ['gantry-7f3aqx'] })(text);
        best = Math.min(best, performance.now() - start);
      }
      return best.toFixed(1);
    });
    process.stdout.write(`| ${name} | ${(text.length / 1024).toFixed(1)} | ${times.join(' | ')} |\n`);
  }
}

if (process.env.LEAK_COST === '1') {
  const repeats = Number(process.env.LEAK_REPEATS ?? 5);
  const sets: [string, string[]][] = [
    ['latency texts (1 KB)', latencyTexts()],
    ['code-heavy answers', codeHeavy],
  ];
  const canary = current.unseenCanaryOf('cost', 0);
  const quantile = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  };
  process.stdout.write(
    `\nCost, output policy with one canary (${repeats} runs per text, fastest kept, alternating):\n\n`,
  );
  process.stdout.write(
    '| texts | version | scanner p50 ms/KB | scanner p99 ms/KB | policy p50 ms/KB | policy p99 ms/KB |\n| --- | --- | --- | --- | --- | --- |\n',
  );
  for (const [name, texts] of sets) {
    const best = versions.map(() => texts.map(() => ({ scan: Infinity, policy: Infinity })));
    const time = (v: number, i: number) => {
      const guard = versions[v][1];
      const scan = guard.promptLeakScanner({ canaries: [canary] });
      let start = performance.now();
      scan(texts[i]);
      best[v][i].scan = Math.min(best[v][i].scan, performance.now() - start);
      const policy = guard.createGuardPolicy({ promptLeak: { canaries: [canary] } });
      if (typeof guard.clearGuardMemos === 'function') guard.clearGuardMemos();
      start = performance.now();
      policy.checkText(texts[i], { direction: 'output' });
      best[v][i].policy = Math.min(best[v][i].policy, performance.now() - start);
    };
    for (let i = 0; i < texts.length; i++) for (let v = 0; v < versions.length; v++) time(v, i);
    for (let r = 0; r < repeats; r++)
      for (let i = 0; i < texts.length; i++)
        for (const v of r % 2 === 0
          ? versions.map((_, k) => k)
          : versions.map((_, k) => versions.length - 1 - k))
          time(v, i);
    versions.forEach(([version], v) => {
      const perKb = (key: 'scan' | 'policy') => best[v].map((b, i) => (b[key] * 1024) / texts[i].length);
      process.stdout.write(
        `| ${name} | ${version} | ${quantile(perKb('scan'), 50).toFixed(4)} | ${quantile(perKb('scan'), 99).toFixed(4)} | ${quantile(perKb('policy'), 50).toFixed(3)} | ${quantile(perKb('policy'), 99).toFixed(3)} |\n`,
      );
    });
  }
}
