// "Explain X" and "Explain X as a table", "… in Python" and "… in French": the form asked for
// (list, table, code, length, language, example, comparison) must agree, or the answer has the wrong shape.
import type { FalseHitGuard } from './false-hit-guard.js';

const forms: Record<string, string> = {
  list: 'list',
  bullet: 'list',
  bullets: 'list',
  bulleted: 'list',
  enumerate: 'list',
  table: 'table',
  tabular: 'table',
  json: 'json',
  yaml: 'yaml',
  csv: 'csv',
  xml: 'xml',
  markdown: 'markdown',
  html: 'html',
  code: 'code',
  snippet: 'code',
  script: 'code',
  function: 'code',
  program: 'code',
  regex: 'code',
  sql: 'code',
  example: 'example',
  examples: 'example',
  essay: 'essay',
  poem: 'poem',
  story: 'story',
  summary: 'summary',
  summarize: 'summary',
  summarise: 'summary',
  tldr: 'summary',
  brief: 'short',
  briefly: 'short',
  short: 'short',
  concise: 'short',
  sentence: 'short',
  tweet: 'short',
  detailed: 'long',
  detail: 'long',
  thorough: 'long',
  step: 'steps',
  steps: 'steps',
  diagram: 'diagram',
  chart: 'diagram',
  translate: 'translate',
  translation: 'translate',
  compare: 'compare',
  comparison: 'compare',
  versus: 'compare',
  vs: 'compare',
  difference: 'compare',
  differences: 'compare',
  eli5: 'simple',
  simple: 'simple',
  simply: 'simple',
  python: 'lang:python',
  javascript: 'lang:javascript',
  typescript: 'lang:typescript',
  java: 'lang:java',
  rust: 'lang:rust',
  go: 'lang:go',
  golang: 'lang:go',
  ruby: 'lang:ruby',
  php: 'lang:php',
  'c++': 'lang:c++',
  'c#': 'lang:c#',
  bash: 'lang:bash',
  english: 'in:english',
  french: 'in:french',
  spanish: 'in:spanish',
  german: 'in:german',
  chinese: 'in:chinese',
  japanese: 'in:japanese',
  hindi: 'in:hindi',
  portuguese: 'in:portuguese',
  italian: 'in:italian',
  russian: 'in:russian',
  arabic: 'in:arabic',
  korean: 'in:korean',
  // The question asked: a reason, a manner, a person, a place or a time are different answers.
  why: 'ask:why',
  how: 'ask:how',
  who: 'ask:who',
  whom: 'ask:who',
  where: 'ask:where',
  when: 'ask:when',
};

export function formsIn(tokens: readonly { text: string }[]): Set<string> {
  const found = new Set<string>();
  for (const { text } of tokens) {
    const form = forms[text];
    if (form) found.add(form);
  }
  return found;
}

export const outputFormGuard: FalseHitGuard<Set<string>> = {
  name: 'output-form',
  facts: formsIn,
  conflicts(asked, cached) {
    if (asked.size !== cached.size) return true;
    for (const form of asked) if (!cached.has(form)) return true;
    return false;
  },
};
