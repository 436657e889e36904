// The web shop and research environments end to end with scripted policies (a scripted model calling
// the tools, and the heuristic baselines), rewards checked against hand-computed cases.
import { afterEach, describe, expect, it } from 'vitest';
import {
  agentPolicy,
  agentTarget,
  extractCitations,
  generateCatalogue,
  generateTasks,
  heuristicResearchPolicy,
  heuristicShopPolicy,
  modelPolicy,
  type Product,
  researchEnvironment,
  researchReward,
  runEval,
  type ShopTask,
  taskSuccess,
  toolCallCorrectness,
  type WebShopEnvironment,
  webShopEnvironment,
  webShopReward,
} from '../src/eval/index.js';
import { createScriptedModel } from '../src/model/index.js';
import { hasTestCollection, type TestCollection } from '../src/rag/index.js';

const shoe: Product = {
  asin: 'B000000001',
  title: 'Stride lightweight breathable running shoes',
  category: 'shoes',
  productType: 'running shoes',
  price: 59.99,
  attributes: ['lightweight', 'breathable'],
  options: { size: ['8', '9'], color: ['black', 'white'] },
  description: 'Stride running shoes. Features: lightweight, breathable.',
};
const boot: Product = {
  asin: 'B000000002',
  title: 'Ridge waterproof hiking boots',
  category: 'shoes',
  productType: 'hiking boots',
  price: 89,
  attributes: ['waterproof'],
  options: { size: ['9'] },
  description: 'Ridge hiking boots. Features: waterproof.',
};
const task: ShopTask = {
  id: 'shop-1',
  instruction:
    'i need lightweight and waterproof running shoes in size 9 and color black, and price lower than 70.00 dollars',
  asin: shoe.asin,
  productType: 'running shoes',
  category: 'shoes',
  goalAttributes: ['lightweight', 'waterproof'],
  goalOptions: { size: '9', color: 'black' },
  priceUpper: 70,
};

describe('WebShop reward (hand-computed)', () => {
  it('1/2 attributes, 1/1 option, price ok, same type → 0.75', () => {
    const oneOption = { ...task, goalOptions: { size: '9' } };
    expect(
      webShopReward(oneOption, shoe, { asin: shoe.asin, options: { size: '9', color: 'white' } }).reward,
    ).toBeCloseTo(0.75, 4);
  });
  it('counts options, price and the type factor', () => {
    // (1 attr + 1 option + price) / (2 + 2 + 1) = 0.6
    expect(
      webShopReward(task, shoe, { asin: shoe.asin, options: { size: '9', color: 'white' } }).reward,
    ).toBeCloseTo(0.6, 4);
    // Same category, other type: 0.5 × (waterproof + size + no price) / 5 = 0.2
    expect(webShopReward(task, boot, { asin: boot.asin, options: { size: '9' } }).reward).toBeCloseTo(0.2, 4);
    // Everything matches but one attribute: (1 + 2 + 1) / 5 = 0.8
    expect(
      webShopReward(task, shoe, { asin: shoe.asin, options: { size: '9', color: 'black' } }),
    ).toMatchObject({
      reward: 0.8,
      attributeHits: 1,
      optionHits: 2,
      priceOk: true,
    });
  });
});

describe('web shop environment', () => {
  let env: WebShopEnvironment | undefined;
  afterEach(async () => env?.close());

  it('serves real HTML pages for people and JSON for tools', async () => {
    env = webShopEnvironment({ products: [shoe, boot], tasks: [task] });
    const url = await env.url();
    const html = await (await fetch(`${url}/s/demo/search?q=running+shoes`)).text();
    expect(html).toContain(
      '<a href="/s/demo/item/B000000001">Stride lightweight breathable running shoes</a>',
    );
    const response = await fetch(`${url}/s/demo/item/B000000001`, {
      headers: { accept: 'application/json' },
    });
    const item = (await response.json()) as { product: Product };
    expect(item.product.options.size).toEqual(['8', '9']);
    const bad = await fetch(`${url}/s/demo/cart/add/B000000001?size=12`, {
      headers: { accept: 'application/json' },
    });
    expect(bad.status).toBe(400);
  });

  it('runs a scripted model agent end to end and scores the purchase', async () => {
    env = webShopEnvironment({ products: [shoe, boot], tasks: [task] });
    const model = createScriptedModel([
      { toolCalls: [{ toolName: 'search', input: { query: 'lightweight waterproof running shoes' } }] },
      { toolCalls: [{ toolName: 'open_product', input: { asin: 'B000000001' } }] },
      {
        toolCalls: [
          { toolName: 'buy', input: { asin: 'B000000001', options: { size: '9', color: 'black' } } },
        ],
      },
      { text: 'Bought the Stride running shoes, size 9, black.' },
    ]);
    const run = await runEval({
      target: env.target(modelPolicy({ model })),
      examples: env.examples().map((e) => ({
        ...e,
        vars: {
          ...e.vars,
          expectedToolCalls: [
            { toolName: 'search' },
            { toolName: 'buy', input: { asin: 'B000000001', options: { size: '9' } } },
          ],
        },
      })),
      scorers: [taskSuccess({ threshold: 0.8 }), toolCallCorrectness({ ordered: true })],
      concurrency: 1,
    });
    model.assertComplete();
    const [result] = run.results;
    expect(result.status).toBe('ok');
    expect(result.output?.metadata).toMatchObject({
      reward: 0.8,
      purchased: { asin: 'B000000001', options: { size: '9', color: 'black' } },
    });
    expect(result.scores['task-success']).toMatchObject({ score: 0.8, pass: true });
    expect(result.scores['tool-calls']).toMatchObject({ score: 1, pass: true });
    expect(result.output?.trajectory?.map((s) => s.toolCall?.toolName ?? s.kind)).toEqual([
      'search',
      'open_product',
      'buy',
      'answer',
    ]);
    expect(result.output?.metadata?.visits).toContain('item/B000000001');
  });

  it("runs Gantry's agent runtime as the policy (the agent adapter)", async () => {
    env = webShopEnvironment({ products: [shoe, boot], tasks: [task] });
    const model = createScriptedModel([
      { toolCalls: [{ toolName: 'search', input: { query: 'running shoes' } }] },
      {
        toolCalls: [
          { toolName: 'buy', input: { asin: 'B000000001', options: { size: '9', color: 'white' } } },
        ],
      },
      { text: 'Done.' },
    ]);
    const run = await runEval({
      target: env.target(agentPolicy({ model })),
      examples: env.examples(),
      scorers: [taskSuccess()],
    });
    model.assertComplete();
    expect(run.results[0].status).toBe('ok');
    // (1 attribute + size + price) / 5 = 0.6
    expect(run.results[0].output?.metadata?.reward).toBeCloseTo(0.6, 4);
    expect(run.results[0].output?.trajectory?.map((s) => s.toolCall?.toolName ?? s.kind)).toEqual([
      'search',
      'buy',
      'answer',
    ]);
  });

  it('adds decoys that only a careful agent avoids (hand-computed reward of the decoy bought)', async () => {
    env = webShopEnvironment({ products: [shoe, boot], tasks: [task], decoys: true });
    // Over the cap, lacking a goal option, lacking a goal attribute, out of stock; then the real ones.
    expect(env.products.map((p) => p.asin)).toEqual([
      'A000000000',
      'A000000001',
      'A000000002',
      'A000000003',
      shoe.asin,
      boot.asin,
    ]);
    expect(env.products[2].attributes).toEqual(['breathable']); // 'lightweight' dropped, from the title too
    expect(env.products[2].title).toBe('Stride breathable running shoes');
    expect(env.products[3].stock).toBe(0);
    expect(env.products[0].price).toBe(91); // ceil(70 × 1.3): over the cap
    expect(env.products[1].options.size).toEqual(['8']); // the goal size is missing
    const run = await runEval({
      target: env.target(heuristicShopPolicy()),
      examples: env.examples(),
      scorers: [taskSuccess()],
    });
    const meta = run.results[0].output?.metadata;
    // It skips the over-priced decoy, then buys the one without size 9: (lightweight + color + price) / 5.
    expect(meta?.purchased).toEqual({ asin: 'A000000001', options: { size: '8', color: 'black' } });
    expect(meta?.reward).toBeCloseTo(0.6, 4);
  });

  it('runs the heuristic policy over generated tasks, reproducibly for a seed', async () => {
    expect(generateCatalogue({ seed: 7, size: 20 })).toEqual(generateCatalogue({ seed: 7, size: 20 }));
    env = webShopEnvironment({ seed: 3, catalogueSize: 100, taskCount: 6 });
    const run = await runEval({
      target: env.target(heuristicShopPolicy()),
      examples: env.examples(),
      scorers: [taskSuccess({ threshold: 0.5 })],
      concurrency: 3,
    });
    expect(run.summary.errors).toBe(0);
    for (const r of run.results) {
      const t = env.tasks.find((x) => x.id === r.exampleId)!;
      const bought = env.products.find(
        (p) => p.asin === (r.output?.metadata?.purchased as { asin: string } | null)?.asin,
      );
      if (bought)
        expect(r.output?.metadata?.reward).toBeCloseTo(
          webShopReward(t, bought, r.output?.metadata?.purchased as never).reward,
          10,
        );
    }
    // The generated shop needs reading (stock, sold-out options, fits, cheapest): on this small seed the
    // heuristic's mean is pinned; test/eval-webshop.test.ts pins the heuristic-vs-careful spread.
    expect(run.summary.scorers['task-success'].mean).toBeCloseTo(0.6278, 4);
    expect(generateTasks(env.products, { seed: 4, count: 6 })).toEqual(env.tasks);
  });
});

describe('agent target', () => {
  it('maps an agent run to output, trajectory, usage and cost', async () => {
    const { createAgent } = await import('../src/agent/index.js');
    const { defineTool } = await import('../src/tool/index.js');
    const { z } = await import('zod');
    const model = createScriptedModel([
      { toolCalls: [{ toolName: 'add', input: { a: 2, b: 2 } }], usage: { inputTokens: 5, outputTokens: 2 } },
      { text: 'The answer is 4.', usage: { inputTokens: 8, outputTokens: 4 } },
    ]);
    const add = defineTool({
      name: 'add',
      description: 'Adds',
      input: z.object({ a: z.number(), b: z.number() }),
      execute: ({ a, b }) => a + b,
    });
    const agent = createAgent({ name: 'calc', model, tools: [add] });
    const run = await runEval({
      target: agentTarget(agent),
      examples: [
        {
          id: 'sum',
          input: 'What is 2+2?',
          expected: '4',
          vars: { expectedToolCalls: [{ toolName: 'add', input: { a: 2, b: 2 } }] },
        },
      ],
      scorers: [toolCallCorrectness()],
    });
    const [result] = run.results;
    expect(result.output?.output).toBe('The answer is 4.');
    expect(result.output?.trajectory?.[0]).toMatchObject({
      kind: 'tool-call',
      toolCall: { toolName: 'add', input: { a: 2, b: 2 }, output: 4 },
    });
    expect(result.output?.usage).toEqual({ inputTokens: 13, outputTokens: 6 });
    expect(result.scores['tool-calls'].score).toBe(1);
  });
});

describe('research environment', () => {
  const collection: TestCollection = {
    name: 'tiny',
    documents: [
      {
        id: '1',
        title: 'Insulin and diabetes',
        text: 'Insulin regulates blood glucose. Diabetes follows its deficiency.',
      },
      { id: '2', title: 'Glucose metabolism', text: 'Glucose is metabolised in the liver and muscles.' },
      { id: '3', title: 'Bridges', text: 'Suspension bridges carry loads through cables.' },
    ],
    queries: [{ id: 'q1', text: 'what regulates blood glucose' }],
    judgedQueries: [{ id: 'q1', text: 'what regulates blood glucose' }],
    qrels: new Map([
      [
        'q1',
        new Map([
          ['1', 2],
          ['2', 1],
        ]),
      ],
    ]),
    notes: [],
  };

  it('scores citations and the answer by hand-computed cases', () => {
    expect(extractCitations('x [doc:1] y [2] [doc:1]')).toEqual(['1', '2']);
    const t = { id: 't', question: 'q', requiredSources: ['1', '2'], referenceAnswer: 'insulin' };
    // cites 1 (relevant) and 3 (not): P = 1/2, R = 1/2, F1 = 1/2; answer F1('Insulin does', 'insulin') = 2/3.
    const r = researchReward(t, 'Insulin does [doc:1] [doc:3]');
    expect(r.citationPrecision).toBe(0.5);
    expect(r.citationRecall).toBe(0.5);
    expect(r.answerF1).toBeCloseTo(2 / 3, 4);
    expect(r.reward).toBeCloseTo((0.5 + 2 / 3) / 2, 4);
  });

  it('runs a scripted model agent end to end with search and read tools', async () => {
    const env = researchEnvironment({ collection });
    const model = createScriptedModel([
      { toolCalls: [{ toolName: 'search_documents', input: { query: 'blood glucose regulation' } }] },
      { toolCalls: [{ toolName: 'read_document', input: { id: '1' } }] },
      { text: 'Insulin regulates blood glucose [doc:1].' },
    ]);
    const run = await runEval({
      target: env.target(modelPolicy({ model })),
      examples: env.examples(),
      scorers: [taskSuccess({ threshold: 0.5 })],
    });
    model.assertComplete();
    const meta = run.results[0].output?.metadata;
    // 1 of 1 cited is relevant; recall 1 / min(2, 5) = 0.5 → F1 = 2/3.
    expect(meta).toMatchObject({ citationPrecision: 1, citationRecall: 0.5, cited: ['1'] });
    expect(meta?.reward).toBeCloseTo(2 / 3, 4);
    const search = run.results[0].output?.trajectory?.[0].toolCall?.output as { id: string }[];
    expect(search[0].id).toBe('1');
  });

  it.skipIf(!hasTestCollection('med'))(
    'runs the heuristic policy on the MED collection from ../shared/datasets',
    async () => {
      const env = researchEnvironment({ collection: 'med', taskCount: 5 });
      const run = await runEval({
        target: env.target(heuristicResearchPolicy()),
        examples: env.examples(),
        scorers: [taskSuccess({ threshold: 0.3 })],
      });
      expect(run.summary.errors).toBe(0);
      const precision = run.results.map((r) => r.output?.metadata?.citationPrecision as number);
      expect(precision.reduce((a, b) => a + b, 0) / precision.length).toBeGreaterThan(0.5);
    },
  );
});
