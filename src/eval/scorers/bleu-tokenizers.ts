// sacrebleu's tokenizers (13a is its default; mteval-v13a.pl's rules), so BLEU here equals sacrebleu's.
import { pythonSplit } from './python-text.js';

export type BleuTokenizerName = '13a' | 'none' | 'intl' | 'char';

// mteval-v13a: punctuation and symbols split off; '.' and ',' only when not between digits; '-' after a digit.
const rules13a: [RegExp, string][] = [
  [/([{-~[-` -&(-+:-@/])/g, ' $1 '],
  [/([^0-9])([.,])/g, '$1 $2 '],
  [/([.,])([^0-9])/g, ' $1 $2'],
  [/([0-9])(-)/g, '$1 $2 '],
];

const rulesIntl: [RegExp, string][] = [
  [/(\P{N})(\p{P})/gu, '$1 $2 '],
  [/(\p{P})(\P{N})/gu, ' $1 $2'],
  [/(\p{S})/gu, ' $1 '],
];

function applyRules(line: string, rules: [RegExp, string][]): string {
  for (const [pattern, replacement] of rules) line = line.replace(pattern, replacement);
  return pythonSplit(line).join(' ');
}

function tokenize13a(line: string): string {
  line = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  if (line.includes('&')) {
    line = line
      .replaceAll('&quot;', '"')
      .replaceAll('&amp;', '&')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>');
  }
  return applyRules(` ${line} `, rules13a);
}

/** Returns the space-joined token string, as sacrebleu's tokenizers do. */
export function bleuTokenize(line: string, tokenizer: BleuTokenizerName): string {
  switch (tokenizer) {
    case '13a':
      return tokenize13a(line);
    case 'intl':
      return applyRules(line, rulesIntl);
    case 'char':
      return Array.from(line).join(' ');
    case 'none':
      return line;
  }
}
