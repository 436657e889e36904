// The benchmark adapters: task files parsed (and refused with the line or task that is wrong), and each
// benchmark's official scoring rules on hand-worked cases, through runEval with a scripted agent.
import { describe, expect, it } from 'vitest';
import { createAgent } from '../../agent/index.js';
import { createScriptedModel } from '../../model/index.js';
import { runEval } from '../runner/index.js';
import { agentTarget } from '../targets/index.js';
import type { TargetOutput } from '../types.js';
import {
  benchmarkExamples,
  benchmarkScorer,
  cleanDbAnswer,
  compareDbAnswers,
  extractAgentBenchAnswer,
  parseBenchmarkTasks,
  parsePythonLiteral,
  pythonStr,
  scoreWebArena,
  summariseBenchmark,
  webArenaMustInclude,
  webArenaUrlMatch,
} from './index.js';

const out = (output: string, metadata?: Record<string, unknown>): TargetOutput => ({ output, metadata });
const jsonl = (...rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n');

describe('task files', () => {
  it('recognises each format and keeps where each task came from', () => {
    const gaia = parseBenchmarkTasks(jsonl({ task_id: 'a', Question: 'Q?', 'Final answer': '3' }), 'g.jsonl');
    expect(gaia[0]).toMatchObject({
      format: 'gaia',
      id: 'a',
      location: 'line 1',
      reference: { answer: '3' },
    });
    expect(gaia[0].prompt).toMatch(/FINAL ANSWER: \[YOUR FINAL ANSWER\][\s\S]*\n\nQ\?$/);
    const web = parseBenchmarkTasks(
      JSON.stringify([
        {
          task_id: 7,
          intent: 'Top product?',
          start_url: 'http://shop',
          eval: { eval_types: ['string_match'], reference_answers: { exact_match: 'X' } },
        },
      ]),
      'w.json',
    );
    expect(web[0]).toMatchObject({ format: 'webarena', id: 'webarena-7', location: 'task 1' });
    const agent = parseBenchmarkTasks(
      jsonl({ description: 'How many?', evaluation: { match: '3' } }),
      'a.jsonl',
    );
    expect(agent[0]).toMatchObject({
      format: 'agentbench',
      id: 'os-1',
      reference: { match: { answer: '3', strip: true } },
    });
  });

  it('refuses malformed files with the line or task and the field', () => {
    const error = (text: string, file: string, format?: string) => {
      try {
        parseBenchmarkTasks(text, file, format);
      } catch (e) {
        return e as { code: string; message: string; hint: string };
      }
      throw new Error('no error');
    };
    expect(error('{"Question": "a", "Final answer": "1"}\n{"Question": ', 'g.jsonl')).toMatchObject({
      code: 'EVAL_TASK_FILE_INVALID',
      message: expect.stringMatching(/^g\.jsonl, line 2: it is not valid JSON/),
    });
    expect(
      error(jsonl({ Question: 'a' }, { task_id: 'b', question: 'lower-case' }), 'g.jsonl', 'gaia'),
    ).toMatchObject({
      code: 'EVAL_TASK_FILE_INVALID',
      message: "g.jsonl, line 2: the GAIA task has no 'Question'.",
    });
    expect(
      error(
        JSON.stringify([
          { intent: 'x', eval: { eval_types: ['string_match', 'page_image'], reference_answers: {} } },
        ]),
        'w.json',
      ),
    ).toMatchObject({ message: "w.json, task 1: eval type 'page_image' is not supported." });
    expect(
      error(
        JSON.stringify([
          {
            intent: 'x',
            eval: { eval_types: ['string_match'], reference_answers: { must_include: 'Paris' } },
          },
        ]),
        'w.json',
      ),
    ).toMatchObject({ message: 'w.json, task 1: reference_answers.must_include is "Paris".' });
    expect(
      error(jsonl({ description: 'd', table: { table_name: 't' }, type: ['SELECT'], label: [] }), 'd.jsonl'),
    ).toMatchObject({
      message: expect.stringMatching(/^d\.jsonl, line 1: 'table' is not/),
    });
    expect(error(jsonl({ foo: 1 }), 'x.jsonl')).toMatchObject({ code: 'EVAL_TASK_FORMAT_UNKNOWN' });
    expect(error(jsonl({ Question: 'a' }), 'x.jsonl', 'mmlu')).toMatchObject({
      code: 'EVAL_TASK_FORMAT_UNKNOWN',
    });
    expect(
      error(jsonl({ task_id: 'a', Question: 'q' }, { task_id: 'a', Question: 'r' }), 'g.jsonl'),
    ).toMatchObject({
      message: "g.jsonl, line 2: task id 'a' repeats line 1.",
    });
    expect(error('', 'e.jsonl')).toMatchObject({ code: 'EVAL_TASK_FILE_INVALID' });
  });
});

describe('WebArena evaluators', () => {
  const task = (evaluation: Record<string, unknown>) => ({ intent: 'Which?', eval: evaluation });

  it('string_match: exact_match after quotes and case; must_include per phrase; one-character references as tokens', async () => {
    const exact = task({
      eval_types: ['string_match'],
      reference_answers: { exact_match: 'Quest Lumaflex Band' },
    });
    expect((await scoreWebArena(exact, out('  "quest lumaflex band" '))).score).toBe(1);
    expect((await scoreWebArena(exact, out('Quest Lumaflex Band.'))).score).toBe(0);
    const include = task({
      eval_types: ['string_match'],
      reference_answers: { must_include: ['Alice', 'Bob'] },
    });
    expect((await scoreWebArena(include, out('alice and bob'))).score).toBe(1);
    expect((await scoreWebArena(include, out('only Alice'))).score).toBe(0);
    // A lone one-character reference must be a token: "0" is not inside "10".
    expect(webArenaMustInclude('0', '10 items', true)).toBe(false);
    expect(webArenaMustInclude('0', 'there are 0 items.', true)).toBe(true);
    expect(webArenaMustInclude('0', '10 items', false)).toBe(true);
    // Tokens as NLTK's word_tokenize splits them (checked against NLTK 3 on 35 strings).
    expect(webArenaMustInclude('5', 'rated 5/10', true)).toBe(false);
    expect(webArenaMustInclude('5', 'x=5', true)).toBe(false);
    expect(webArenaMustInclude('0', 'it costs $0.', true)).toBe(true);
    expect(webArenaMustInclude('4', 'a,b 3, 4', true)).toBe(true);
    expect(webArenaMustInclude('1', '1,000 items', true)).toBe(false);
    // The answer may come as WebArena's stop action.
    expect((await scoreWebArena(exact, out('I found it.\nstop [Quest Lumaflex Band]'))).score).toBe(1);
  });

  it("fuzzy_match is unscored without a judge, decided by one with WebArena's prompt", async () => {
    const fuzzy = task({
      eval_types: ['string_match'],
      reference_answers: { fuzzy_match: ['about 40 dollars'] },
    });
    const none = await scoreWebArena(fuzzy, out('$40'));
    expect(none).toMatchObject({
      pass: false,
      details: { unscored: true },
      reason: 'unscored: fuzzy_match needs a judge model',
    });
    const judge = createScriptedModel([{ text: 'The answer is correct.' }, { text: 'Partially correct.' }]);
    expect((await scoreWebArena(fuzzy, out('$40'), { judge })).score).toBe(1);
    expect((await scoreWebArena(fuzzy, out('$45'), { judge })).score).toBe(0);
    expect(JSON.stringify(judge.calls[0].options.prompt)).toContain('reference answer: about 40 dollars');
    // N/A: an exact "N/A" needs no judge; a zero from another evaluator decides without one too.
    const na = task({
      eval_types: ['string_match'],
      reference_answers: { fuzzy_match: 'N/A' },
      string_note: 'no such order',
    });
    expect((await scoreWebArena(na, out('n/a'))).score).toBe(1);
    expect((await scoreWebArena(na, out('cannot find it'))).details?.unscored).toBe(true);
    const both = task({
      eval_types: ['string_match'],
      reference_answers: { must_include: ['x'], fuzzy_match: ['y'] },
    });
    expect(await scoreWebArena(both, out('nothing'))).toMatchObject({ score: 0, pass: false });
  });

  it('url_match: the reference base path inside the page URL, every reference query key matched', async () => {
    expect(
      webArenaUrlMatch('http://shop/catalog/product/view/id/5', 'http://shop/catalog/product/view/id/5/'),
    ).toBe(1);
    expect(webArenaUrlMatch('http://shop/search?q=shoes', 'http://shop/search?q=shoes&page=2')).toBe(1);
    expect(webArenaUrlMatch('http://shop/search?q=shoes', 'http://shop/search?q=boots')).toBe(0);
    expect(webArenaUrlMatch('http://a/x |OR| http://a/y', 'http://a/y/z')).toBe(1);
    const urlTask = task({ eval_types: ['url_match'], reference_url: 'http://shop/cart' });
    expect((await scoreWebArena(urlTask, out('done', { url: 'http://shop/cart' }))).score).toBe(1);
    expect((await scoreWebArena(urlTask, out('done'))).details?.unscored).toBe(true);
  });

  it('program_html on reported page HTML: querySelector locators, the whole page, unescaped', async () => {
    const html =
      '<html><body><h1 id="title">Order &amp; Co</h1><input id="qty" value="3"><ul><li>a</li><li>b</li></ul></body></html>';
    const htmlTask = (locator: string, required: Record<string, unknown>, url = 'last') =>
      task({ eval_types: ['program_html'], program_html: [{ url, locator, required_contents: required }] });
    const page = out('done', { url: 'http://shop/o/1', html });
    expect(
      (
        await scoreWebArena(
          htmlTask("document.querySelector('#title').outerText", { exact_match: 'order & co' }),
          page,
        )
      ).score,
    ).toBe(1);
    expect(
      (await scoreWebArena(htmlTask('document.querySelector("#qty").value', { exact_match: '3' }), page))
        .score,
    ).toBe(1);
    expect(
      (
        await scoreWebArena(
          htmlTask("document.querySelectorAll('li')[1].textContent", { must_include: ['B |OR| c'] }),
          page,
        )
      ).score,
    ).toBe(1);
    expect((await scoreWebArena(htmlTask('', { must_include: ['Order & Co'] }), page)).score).toBe(1);
    expect(
      (
        await scoreWebArena(
          htmlTask("document.querySelector('#missing').outerText", { exact_match: '' }),
          page,
        )
      ).score,
    ).toBe(1);
    const pages = out('done', { pages: { 'http://shop/o/2': '<p id="s">Shipped</p>' } });
    expect(
      (
        await scoreWebArena(
          htmlTask("document.querySelector('#s').outerText", { exact_match: 'shipped' }, 'http://shop/o/2/'),
          pages,
        )
      ).score,
    ).toBe(1);
    expect(
      (
        await scoreWebArena(
          htmlTask('func:shopping_get_sku_latest_review_rating("X")', { exact_match: '5' }),
          page,
        )
      ).details?.unscored,
    ).toBe(true);
    expect((await scoreWebArena(htmlTask('', { exact_match: 'x' }), out('done'))).details?.unscored).toBe(
      true,
    );
  });
});

describe('AgentBench', () => {
  it('OS answers come from the last "Act: answer(...)"; exact after strip, or regex', async () => {
    expect(extractAgentBenchAnswer('Think: count.\n\nAct: answer( 220 )')).toBe(' 220 ');
    expect(extractAgentBenchAnswer('Act: answer(1)\nAct: bash')).toBe(undefined);
    const [exact, regex, check] = parseBenchmarkTasks(
      jsonl(
        { description: 'Count files', evaluation: { match: '220' } },
        { description: 'A user name', evaluation: { match: { regex: '^user\\d+$', strip: true } } },
        {
          description: 'Make a file',
          evaluation: { check: [null, { language: 'python', file: 'check/x.py' }] },
        },
      ),
      'os.jsonl',
    );
    const scorer = benchmarkScorer();
    const score = (example: ReturnType<typeof benchmarkExamples>[number], text: string) =>
      Promise.resolve(scorer.score(example, out(text), { latencyMs: 0 }));
    const [e1, e2, e3] = benchmarkExamples([exact, regex, check]);
    await expect(score(e1, 'Think: done.\nAct: answer( 220 )')).resolves.toMatchObject({ pass: true });
    await expect(score(e1, 'Act: answer(221)')).resolves.toMatchObject({ pass: false });
    await expect(score(e1, '220')).resolves.toMatchObject({ pass: true });
    await expect(score(e2, 'Act: answer(user42)')).resolves.toMatchObject({ pass: true });
    await expect(score(e3, 'Act: finish')).resolves.toMatchObject({ details: { unscored: true } });
  });

  it('DBBench comparison: MySQL and Python list text, special values, floats within 0.01, sets', () => {
    expect(cleanDbAnswer("[('Tom',), ('Ann',)]")).toEqual(['Tom', 'Ann']);
    expect(cleanDbAnswer('[(293.0,)]')).toEqual(['293.0']);
    // str() of numbers as Python prints them (values checked against Python 3).
    expect(cleanDbAnswer('[(1.50,)]')).toEqual(['1.5']);
    expect(cleanDbAnswer('[1e5, 1_000, 1e-5]')).toEqual(['100000.0', '1000', '1e-05']);
    expect(cleanDbAnswer("[('a', 1)]")).toEqual([]); // multi-column rows are dropped, as in the reference
    expect(cleanDbAnswer('1,234')).toEqual(['1234']);
    expect(cleanDbAnswer(' 45% ')).toEqual(['45']);
    expect(cleanDbAnswer(['None', null, 'x'])).toEqual(['0', '0', 'x']);
    expect(compareDbAnswers('293', ['293.004'])).toBe(true);
    expect(compareDbAnswers('293', ['293.02'])).toBe(false);
    expect(compareDbAnswers('null', ['0'])).toBe(true);
    expect(compareDbAnswers("['Ann', 'Tom']", ['Tom', 'Ann'])).toBe(true);
    expect(compareDbAnswers("['Ann', 'Ann', 'Tom']", ['Tom', 'Ann'])).toBe(true); // sets
    expect(compareDbAnswers('[1.0, 2.0, 2.0]', ['2', '1', '2.001'])).toBe(true);
    expect(compareDbAnswers('[1.0, 2.0]', ['2', '1', '2'])).toBe(false); // numbers: a multiset
    expect(compareDbAnswers('Tom', ['tom'])).toBe(false);
  });

  it('Python literals round-trip through str()', () => {
    expect(pythonStr(parsePythonLiteral('[(\'a\',), (1, None), True, "q"]'))).toBe(
      "[('a',), (1, None), True, 'q']",
    );
    expect(() => parsePythonLiteral('[1, ')).toThrow(SyntaxError);
  });
});

describe('an agent on task files (scripted model)', () => {
  it('scores GAIA, counts unscored apart, and computes pass^k over scored tasks', async () => {
    const tasks = parseBenchmarkTasks(
      jsonl(
        { task_id: 'n', Question: 'How many legs has a spider?', 'Final answer': '8' },
        { task_id: 's', Question: 'Capital of France?', 'Final answer': 'Paris' },
        { task_id: 'h', Question: 'Hidden.', 'Final answer': '?' },
      ),
      'gaia.jsonl',
    );
    const model = createScriptedModel(
      [
        { text: 'Spiders have eight legs.\nFINAL ANSWER: 8' },
        { text: 'FINAL ANSWER: 8.0' },
        { text: 'FINAL ANSWER: paris' },
        { text: 'FINAL ANSWER: Lyon' },
        { text: 'FINAL ANSWER: 1' },
        { text: 'FINAL ANSWER: 2' },
      ],
      {},
    );
    const run = await runEval({
      target: agentTarget(createAgent({ name: 'gaia', model, limits: { steps: 2 } })),
      examples: benchmarkExamples(tasks),
      scorers: [benchmarkScorer()],
      repeat: 2,
      concurrency: 1,
    });
    model.assertComplete();
    const summary = summariseBenchmark(run.results);
    expect(summary).toMatchObject({ tasks: 3, results: 6, scored: 4, unscored: 2, errors: 0 });
    const passes = run.results.map((r) => `${r.exampleId}${r.trial}:${r.scores.benchmark.pass}`);
    expect(passes).toEqual(['n0:true', 'n1:true', 's0:true', 's1:false', 'h0:false', 'h1:false']);
    expect(summary.passed).toBe(3);
    expect(summary.accuracy).toBe(0.75);
    // n: 2/2, s: 1/2 → pass^1 = (1 + 0.5)/2, pass^2 = (1 + 0)/2.
    expect(summary.passHatK).toEqual({ 1: 0.75, 2: 0.5 });
    expect(summary.unscoredReasons).toEqual({
      'unscored: the task has no public answer (GAIA test split)': 2,
    });
  });
});
