// `GUARD_BASELINE=<folder> npx tsx bench/guard/changed-parts.ts`: the parts of the default input policy
// that guardlat3 changed, old and new side by side in one process (the baseline folder as for
// policy-latency.ts: an older `src` with node_modules, package.json and tsconfig.json beside it), on the
// same 1 KB texts: toxicity after the prompt tasks' scan, harmful intent, the name/address tagger rule,
// and normalisation; since guardlat4 also the secrets rule and the validated-PII rule (pattern prefilters);
// since guardlat5 the whole prompt-task scan (caches cleared), its signals and its phrase heuristics (the
// candidate word starts). CPU µs per KB, fastest of LATENCY_REPEATS per text, versions alternating; median,
// p99 and the slowest text per part. Since guardlat6 also the prompt-task classifiers alone (features and
// the three models' sums) and the suffix model's window; PARTS=<name>,<name> times only those parts. The
// suffix model's surprisal memo (guardlat6) is cleared before each timed call here, since the repeats of
// a text run back to back: these parts measure a cold memo, policy-latency.ts's spread order a warm one.
import * as current from '../../src/guard/index.js';
import { latencyTexts } from './latency-texts.js';

type Guard = typeof current;
type Part = (text: string, normalized: string) => unknown;
const texts = latencyTexts();
const repeats = Number(process.env.LATENCY_REPEATS ?? 5);
if (!process.env.GUARD_BASELINE) throw new Error('Set GUARD_BASELINE to a folder holding the older src.');
const base = process.env.GUARD_BASELINE;

async function partsOf(root: string, guard: Guard): Promise<[string, Part][]> {
  const signals = await import(`${root}/src/guard/signals/index.ts`);
  const normalize = await import(`${root}/src/guard/normalize/index.ts`);
  const tasks = await import(`${root}/src/guard/scanners/prompt-task-scores.ts`);
  const heuristics = await import(`${root}/src/guard/scanners/injection-heuristics.ts`);
  const classifier = await import(`${root}/src/guard/classifier/index.ts`);
  const models = tasks.shippedTaskModels();
  const taskModels = [models.injection, models.jailbreak, models.harmful];
  const suffix = signals.shippedSuffixModel();
  const policy = guard.createGuardPolicy();
  const toxicity = policy.rules.find((r) => r.name === 'toxicity');
  const tagger = policy.rules.filter((r) => r.name === 'pii').at(-1);
  const validated = policy.rules.filter((r) => r.name === 'pii' && r.directions.includes('input')).at(0);
  const secrets = policy.rules.find((r) => r.name === 'secrets');
  if (!toxicity || !tagger || !validated || !secrets)
    throw new Error('the default policy lacks a toxicity, tagger, validated-PII or secrets rule');
  const parts: [string, Part][] = [
    [
      'toxicity',
      (text) => {
        // The prompt tasks' scan first (untimed, as in the policy), then toxicity.
        guard.clearPromptTaskCache();
        tasks.scorePromptTasks(text);
        const start = process.cpuUsage();
        toxicity.scan(text);
        const used = process.cpuUsage(start);
        return used.user + used.system;
      },
    ],
    [
      'prompt tasks',
      (text) => {
        guard.clearPromptTaskCache();
        // Repeats of one text run back to back here: forget the suffix model's memo of the last repeat.
        signals.clearSurprisalMemo?.();
        return tasks.scorePromptTasks(text);
      },
    ],
    [
      'prompt-task classifiers',
      (_, normalized) => {
        classifier.clearTextFeatureCache();
        return classifier.predictTextPositives(taskModels, normalized, true);
      },
    ],
    [
      'suffix window',
      (_, normalized) => {
        // Since guardlat6 the suffix model remembers surprisals across texts: forget the last repeat's.
        signals.clearSurprisalMemo?.();
        return signals.leastNaturalWindow(suffix.model, normalized);
      },
    ],
    [
      'prompt signals',
      (_, normalized) => {
        signals.clearSurprisalMemo?.();
        return signals.promptSignals(normalized);
      },
    ],
    [
      'phrase heuristics',
      (_, normalized) => [
        heuristics.injectionHeuristics(normalized),
        heuristics.jailbreakHeuristics(normalized),
        heuristics.harmfulHeuristics(normalized),
      ],
    ],
    ['harmful intent', (_, normalized) => signals.harmfulIntent(normalized)],
    ['jailbreak framing', (_, normalized) => signals.jailbreakFraming(normalized)],
    ['tagger rule', (text) => tagger.scan(text)],
    ['validated PII rule', (text) => validated.scan(text)],
    ['secrets rule', (text) => secrets.scan(text)],
    [
      'normalisation',
      (text) => {
        normalize.clearNormalizeCache();
        return normalize.normalizeText(text);
      },
    ],
  ];
  const only = process.env.PARTS?.split(',');
  return only ? parts.filter(([name]) => only.includes(name)) : parts;
}

const versions: [string, [string, Part][]][] = [
  ['old', await partsOf(base, (await import(`${base}/src/guard/index.ts`)) as Guard)],
  ['new', await partsOf('../..', current)],
];
const normalized = texts.map((t) => current.normalizeText(t).text);
const time = (part: Part, i: number) => {
  const start = process.cpuUsage();
  const result = part(texts[i], normalized[i]);
  const used = process.cpuUsage(start);
  return typeof result === 'number' ? result : used.user + used.system;
};
// Warm-up: every text twice (paths that only some texts take, such as toxicity's cut windows, get compiled).
for (let pass = 0; pass < 2; pass++)
  for (const [, parts] of versions)
    for (const [, part] of parts) for (let i = 0; i < texts.length; i++) time(part, i);
const names = versions[0][1].map(([name]) => name);
// best[version][part][text]
const best = versions.map(() => names.map(() => texts.map(() => Infinity)));
for (let i = 0; i < texts.length; i++)
  for (let r = 0; r < repeats; r++)
    for (const v of r % 2 === 0 ? [0, 1] : [1, 0])
      names.forEach((_, p) => {
        best[v][p][i] = Math.min(best[v][p][i], (time(versions[v][1][p][1], i) * 1024) / texts[i].length);
      });
const pct = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((q / 100) * sorted.length) - 1)];
};
console.log(`${texts.length} texts of 1 KB, CPU µs/KB, fastest of ${repeats}`);
console.log('| part | old p50 | new p50 | old p99 | new p99 | old max | new max |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
names.forEach((name, p) => {
  const [o, n] = [best[0][p], best[1][p]];
  const cells = [pct(o, 50), pct(n, 50), pct(o, 99), pct(n, 99), Math.max(...o), Math.max(...n)];
  console.log(`| ${name} | ${cells.map((c) => c.toFixed(0)).join(' | ')} |`);
});
