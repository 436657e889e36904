// WebArena's evaluators (evaluation_harness/evaluators.py), offline. string_match: exact_match,
// must_include (NLTK-style tokens when the only reference is one character) and fuzzy_match through a
// judge model with WebArena's own grading prompts; url_match ("GOLD in PRED": base path contained, every
// reference query key with one of its values); program_html on the page HTML the target reports
// (metadata.html / metadata.pages / metadata.url). What needs the live site or a missing judge is unscored.
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { generateText } from 'ai';
import type { Score, TargetOutput } from '../types.js';
import { unscored } from './benchmark-task.js';

export function cleanWebArenaAnswer(answer: string): string {
  let text = answer.trim();
  if (text.length >= 2 && text.startsWith("'") && text.endsWith("'")) text = text.slice(1, -1);
  else if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1);
  return text.toLowerCase();
}

export const webArenaExactMatch = (reference: string, prediction: string) =>
  cleanWebArenaAnswer(prediction) === cleanWebArenaAnswer(reference);

const leading = new Set([...'"\'([{<$#`']);
const trailing = new Set([...')]}>"\'.,;:!?%']);
const inner = /([;@#$%&?!(){}[\]<>]|,(?!\d)|(?<!\d),)/;

/**
 * NLTK's word_tokenize (Treebank rules) closely enough for what WebArena uses it for, whether a
 * one-character answer is a whole token: punctuation and quotes peeled off the ends of each
 * whitespace-separated chunk, ; @ # $ % & ? ! and brackets split inside, commas split except between
 * digits; / = : - and inner periods stay ("5/10", "x=5", "a:5", "5.5", "5-star" are one token).
 */
export function wordTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const chunk of text.split(/\s+/).filter(Boolean)) {
    let word = chunk;
    const head: string[] = [];
    const tail: string[] = [];
    while (word.length > 0 && leading.has(word[0])) {
      head.push(word[0]);
      word = word.slice(1);
    }
    for (;;) {
      if (word.endsWith('...') && word.length > 3) {
        tail.unshift('...');
        word = word.slice(0, -3);
      } else if (word.length > 0 && trailing.has(word[word.length - 1])) {
        tail.unshift(word[word.length - 1]);
        word = word.slice(0, -1);
      } else break;
    }
    const contraction = /^(.+?)('s|'m|'d|'ll|'re|'ve|n't)$/i.exec(word);
    if (contraction) {
      word = contraction[1];
      tail.unshift(contraction[2]);
    }
    const middle = word.split(inner).filter(Boolean);
    tokens.push(...head, ...middle, ...tail);
  }
  return tokens;
}

export function webArenaMustInclude(reference: string, prediction: string, tokenize: boolean): boolean {
  const ref = cleanWebArenaAnswer(reference);
  const pred = cleanWebArenaAnswer(prediction);
  if (tokenize && [...ref].length === 1 && wordTokens(ref).length === 1)
    return wordTokens(pred).includes(ref);
  return pred.includes(ref);
}

async function ask(judge: LanguageModelV3, message: string): Promise<string> {
  const result = await generateText({
    model: judge,
    system: 'You are a helpful assistant',
    prompt: message,
    temperature: 0,
    maxOutputTokens: 768,
    maxRetries: 1,
  });
  return result.text.toLowerCase();
}

/** llm_fuzzy_match: "partially correct" or "incorrect" → 0, "correct" → 1. */
export async function webArenaFuzzyMatch(
  judge: LanguageModelV3,
  reference: string,
  prediction: string,
  intent: string,
): Promise<number> {
  if (prediction.length === 0) return reference.length === 0 ? 1 : 0;
  const response = await ask(
    judge,
    `Help a teacher to grade the answer of a student given a question. Keep in mind that the student may use different phrasing or wording to answer the question. The goal is to evaluate whether the answer is semantically equivalent to the reference answer.\nquestion: ${intent}\nreference answer: ${reference}\nall the string 'N/A' that you see is a special sequence that means 'not achievable'\nstudent answer: ${prediction}\nConclude the judgement by correct/incorrect/partially correct.`,
  );
  if (response.includes('partially correct') || response.includes('incorrect')) return 0;
  return response.includes('correct') ? 1 : 0;
}

/** llm_ua_match: does the report give the reason the task is unachievable? */
export async function webArenaUnachievableMatch(
  judge: LanguageModelV3,
  reason: string,
  prediction: string,
  intent: string,
): Promise<number> {
  const response = await ask(
    judge,
    `A task described in Task_1 cannot be completed for reason listed in Reason_1. A person tried to complete the task and failed, he reported his attempt in Report_1, check if Report_1 is refering to Reason_1, even implicitly. If match, return same, else, return different\nTask_1 = ${intent}\nReason_1 = ${reason}\nReport_1 = ${prediction}\nreturn [same] or [different]`,
  );
  if (response.includes('different')) return 0;
  return response.includes('same') ? 1 : 0;
}

type Partial = { score: number } | { unscored: string };

async function stringMatch(
  evaluation: Record<string, unknown>,
  intent: string,
  answer: string,
  judge: LanguageModelV3 | undefined,
): Promise<Partial> {
  const pred = cleanWebArenaAnswer(answer);
  let score = 1;
  for (const [approach, value] of Object.entries(evaluation.reference_answers as Record<string, unknown>)) {
    if (approach === 'exact_match') score *= webArenaExactMatch(value as string, pred) ? 1 : 0;
    else if (approach === 'must_include') {
      const list = value as string[];
      for (const must of list) score *= webArenaMustInclude(must, pred, list.length === 1) ? 1 : 0;
    } else if (approach === 'fuzzy_match') {
      if (value === 'N/A') {
        score *= webArenaExactMatch('N/A', pred) ? 1 : 0;
        if (score !== 1) {
          if (!judge) return { unscored: 'fuzzy_match (unachievable reason) needs a judge model' };
          score = await webArenaUnachievableMatch(judge, String(evaluation.string_note ?? ''), pred, intent);
        }
      } else {
        for (const reference of value as string[]) {
          if (!judge) return { unscored: 'fuzzy_match needs a judge model' };
          score *= await webArenaFuzzyMatch(judge, reference, pred, intent);
        }
      }
    }
  }
  return { score };
}

const cleanUrl = (url: string) => url.replace(/\/+$/, '');

function parseUrl(url: string): { base: string; query: Map<string, string[]> } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { base: cleanUrl(url), query: new Map() };
  }
  const query = new Map<string, string[]>();
  for (const [key, value] of parsed.searchParams) {
    if (value === '') continue; // parse_qs drops blank values
    query.set(key, [...(query.get(key) ?? []), value]);
  }
  return { base: cleanUrl(parsed.host + parsed.pathname), query };
}

export function webArenaUrlMatch(referenceUrl: string, pageUrl: string): number {
  const references = referenceUrl.split(' |OR| ').map((u) => parseUrl(cleanUrl(u)));
  const pred = parseUrl(cleanUrl(pageUrl));
  const base = references.some((r) => pred.base.includes(r.base)) ? 1 : 0;
  const wanted = new Map<string, Set<string>>();
  for (const r of references)
    for (const [key, values] of r.query)
      for (const v of values) wanted.set(key, (wanted.get(key) ?? new Set()).add(v));
  let query = 1;
  for (const [key, values] of wanted)
    query *= [...values].some((v) => pred.query.get(key)?.includes(v)) ? 1 : 0;
  return base * query;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
export const unescapeHtml = (text: string) =>
  text.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, name: string) =>
    name[0] === '#'
      ? String.fromCodePoint(
          name[1].toLowerCase() === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)),
        )
      : (entities[name.toLowerCase()] ?? whole),
  );

const locatorPattern =
  /^document\.querySelector(All)?\((['"`])(.+?)\2\)(?:\[(\d+)\])?\.(outerText|innerText|textContent|value|outerHTML|innerHTML)$/;

/** The locator's text from a page's HTML; undefined when the locator needs a browser or the live site. */
async function locate(html: string, locator: string): Promise<string | undefined> {
  if (!locator.trim()) return html;
  const m = locatorPattern.exec(locator.trim().replace(/;$/, ''));
  if (!m) return undefined;
  const { parseHTML } = await import('linkedom');
  const { document } = parseHTML(html);
  const element = m[1] ? document.querySelectorAll(m[3])[Number(m[4] ?? 0)] : document.querySelector(m[3]);
  if (!element) return ''; // evaluate() throws on the live page: WebArena selects ''
  const property = m[5];
  if (property === 'value') return String((element as unknown as { value?: unknown }).value ?? '');
  if (property === 'outerHTML') return element.outerHTML;
  if (property === 'innerHTML') return element.innerHTML;
  return element.textContent ?? '';
}

function pageHtml(output: TargetOutput, url: string): string | undefined {
  const metadata = output.metadata ?? {};
  const pages = (metadata.pages ?? {}) as Record<string, string>;
  if (url === 'last') return (metadata.html as string | undefined) ?? pages[String(metadata.url ?? '')];
  return pages[url] ?? pages[cleanUrl(url)] ?? pages[`${cleanUrl(url)}/`];
}

async function programHtml(evaluation: Record<string, unknown>, output: TargetOutput): Promise<Partial> {
  let score = 1;
  const targets = evaluation.program_html as {
    url: string;
    locator: string;
    required_contents: { exact_match?: string; must_include?: string[] };
  }[];
  for (const target of targets) {
    if (target.url.startsWith('func'))
      return { unscored: `program_html url '${target.url}' needs the live site` };
    const html = pageHtml(output, target.url);
    if (html === undefined)
      return {
        unscored: `program_html needs the HTML of page '${target.url}' (metadata.html or metadata.pages)`,
      };
    const located = await locate(html, target.locator);
    if (located === undefined)
      return { unscored: `program_html locator '${target.locator}' needs a browser` };
    const selected = unescapeHtml(located);
    const required = target.required_contents;
    if (required.exact_match !== undefined)
      score *= webArenaExactMatch(required.exact_match, selected) ? 1 : 0;
    else
      for (const content of required.must_include ?? [])
        score *= content.split(' |OR| ').some((c) => webArenaMustInclude(c, selected, false)) ? 1 : 0;
  }
  return { score };
}

/** The product of the task's evaluators, as EvaluatorComb does; unscored only when no scored part is 0. */
export async function scoreWebArena(
  reference: Record<string, unknown>,
  output: TargetOutput,
  { judge }: { judge?: LanguageModelV3 } = {},
): Promise<Score> {
  const evaluation = reference.eval as Record<string, unknown>;
  const intent = String(reference.intent ?? '');
  const answer = /stop \[(.*)\]\s*$/s.exec(output.output)?.[1] ?? output.output;
  const parts: Record<string, Partial> = {};
  for (const type of evaluation.eval_types as string[]) {
    if (type === 'string_match') parts[type] = await stringMatch(evaluation, intent, answer, judge);
    else if (type === 'url_match') {
      const url = output.metadata?.url;
      parts[type] =
        typeof url === 'string'
          ? { score: webArenaUrlMatch(String(evaluation.reference_url), url) }
          : { unscored: 'url_match needs the final page URL (metadata.url)' };
    } else parts[type] = await programHtml(evaluation, output);
  }
  const values = Object.values(parts);
  const details = { parts, answer };
  if (values.some((p) => 'score' in p && p.score === 0)) return { score: 0, pass: false, details };
  const missing = values.flatMap((p) => ('unscored' in p ? [p.unscored] : []));
  if (missing.length > 0) return unscored(missing.join('; '), details);
  const score = values.reduce((product, p) => product * ('score' in p ? p.score : 1), 1);
  return { score, pass: score === 1, details };
}
