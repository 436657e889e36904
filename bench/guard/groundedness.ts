// `npx tsx bench/guard/groundedness.ts`: the lexical groundedness check on answers built from the shared
// IR collections (supported and perturbed claims, split by document), printed for docs/benchmarks.md.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildGroundednessCases,
  defaultLexicalThreshold,
  evaluateGroundedness,
  formatGroundednessEval,
} from '../../src/guard/index.js';

const root =
  process.env.GANTRY_IR_DATASETS ??
  join(fileURLToPath(new URL('../../', import.meta.url)), '..', 'shared', 'datasets', 'ir');
const perCollection = Number(process.env.GROUNDEDNESS_PER_COLLECTION ?? 250);
const cases = buildGroundednessCases({ root, perCollection });
process.stdout.write(
  `${cases.length} answers from ${root}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}\n\n`,
);
process.stdout.write(
  'chosen on validation:\n' + formatGroundednessEval(evaluateGroundedness(cases)) + '\n\n',
);
process.stdout.write(
  `shipped threshold ${defaultLexicalThreshold}:\n` +
    formatGroundednessEval(evaluateGroundedness(cases, { threshold: defaultLexicalThreshold })) +
    '\n',
);
