// The generated web shop that rewards understanding: a consistent catalogue, satisfiable tasks the
// careful policy's parser reads exactly, pinned rewards for known purchases (also through the real
// HTTP shop), pagination, and the heuristic-vs-careful spread on a fixed seeded task set.
import { afterEach, describe, expect, it } from 'vitest';
import {
  carefulShopPolicy,
  generateCatalogue,
  generateTasks,
  heuristicShopPolicy,
  inStock,
  modelPolicy,
  type Product,
  parseShopInstruction,
  productTypes,
  runEval,
  type ShopTask,
  satisfiesGoal,
  taskSuccess,
  type WebShopEnvironment,
  webShopEnvironment,
  webShopReward,
} from '../src/eval/index.js';
import { createScriptedModel } from '../src/model/index.js';

const shirt: Product = {
  asin: 'B000000010',
  title: 'Linea Aero 110 wrinkle-free shirt',
  category: 'clothing',
  productType: 'shirt',
  price: 24.99,
  attributes: ['cotton', 'wrinkle-free'],
  options: { size: ['S', 'M', 'L'], color: ['navy', 'white', 'grey'] },
  description: 'Linea Aero 110 wrinkle-free shirt. Material: cotton. Features: wrinkle-free.',
  material: 'cotton',
  stock: 5,
  soldOut: { color: ['grey'] },
};
const task: ShopTask = {
  id: 'shirt-1',
  instruction: 'i need a wrinkle-free cotton shirt in navy, size M, and price lower than 30.00 dollars',
  asin: shirt.asin,
  productType: 'shirt',
  category: 'clothing',
  goalAttributes: ['cotton', 'wrinkle-free'],
  goalOptions: { size: 'M', color: 'navy' },
  priceUpper: 30,
  kind: 'spec',
};
const buy = (product: Product, options: Record<string, string>) =>
  webShopReward(task, product, { asin: product.asin, options });

describe('WebShop reward for known purchases (hand-computed, 2 attributes + 2 options + price = 5)', () => {
  it('perfect, wrong colour, over price, missing attribute', () => {
    expect(buy(shirt, { size: 'M', color: 'navy' })).toEqual({
      reward: 1,
      typeMatch: 1,
      attributeHits: 2,
      optionHits: 2,
      priceOk: true,
      inStock: true,
    });
    expect(buy(shirt, { size: 'M', color: 'white' }).reward).toBeCloseTo(0.8, 10); // (2 + 1 + 1) / 5
    expect(buy({ ...shirt, price: 34.99 }, { size: 'M', color: 'navy' }).reward).toBeCloseTo(0.8, 10);
    const polyester = {
      ...shirt,
      attributes: ['polyester', 'wrinkle-free'],
      description: 'Material: polyester. Features: wrinkle-free.',
    };
    expect(buy(polyester, { size: 'M', color: 'navy' }).reward).toBeCloseTo(0.8, 10);
    // Over the cap and the wrong size: (2 + 1 + 0) / 5.
    expect(buy({ ...shirt, price: 31 }, { size: 'L', color: 'navy' }).reward).toBeCloseTo(0.6, 10);
  });

  it('out of stock or a sold-out colour is 0; the wrong type is scaled by 0.5 or 0.1', () => {
    expect(buy({ ...shirt, stock: 0 }, { size: 'M', color: 'navy' })).toMatchObject({
      reward: 0,
      inStock: false,
    });
    expect(buy(shirt, { size: 'M', color: 'grey' })).toMatchObject({ reward: 0, inStock: false });
    const jacket: Product = {
      ...shirt,
      asin: 'B000000011',
      productType: 'rain jacket',
      attributes: ['nylon', 'waterproof'],
      title: 'Nimbus rain jacket',
      description: 'Material: nylon.',
    };
    // Same category: 0.5 × (0 attributes + 2 options + price) / 5 = 0.3.
    expect(buy(jacket, { size: 'M', color: 'navy' }).reward).toBeCloseTo(0.3, 10);
    const backpack: Product = {
      ...jacket,
      category: 'bags',
      productType: 'backpack',
      options: { color: ['navy'] },
    };
    // Another category: 0.1 × (color + price) / 5 = 0.04.
    expect(buy(backpack, { color: 'navy' }).reward).toBeCloseTo(0.04, 10);
  });
});

describe('generated catalogue and tasks', () => {
  const products = generateCatalogue({ seed: 11, size: 3000 });
  const tasks = generateTasks(products, { seed: 12, count: 60 });

  it('is reproducible and consistent', () => {
    expect(generateCatalogue({ seed: 11, size: 50 })).toEqual(products.slice(0, 50));
    expect(new Set(products.map((p) => p.title)).size).toBe(products.length);
    const outOfStock = products.filter((p) => !inStock(p)).length / products.length;
    expect(outOfStock).toBeGreaterThan(0.15);
    expect(outOfStock).toBeLessThan(0.25);
    for (const p of products) {
      const spec = productTypes.find((t) => t.productType === p.productType)!;
      expect(p.attributes).toContain(p.material);
      expect(p.attributes.includes('long sleeve') && p.attributes.includes('short sleeve')).toBe(false);
      expect(p.price).toBeGreaterThanOrEqual(spec.priceRange[0]);
      expect(p.price).toBeLessThanOrEqual(spec.priceRange[1]);
      for (const [name, values] of Object.entries(p.options))
        expect(values.some((v) => !p.soldOut?.[name]?.includes(v))).toBe(true);
      if (p.productType === 'backpack') {
        // Fits its own size and every smaller laptop, nothing larger.
        const own = Number.parseInt(p.fits!, 10);
        for (const size of [13, 14, 15, 16, 17])
          expect(p.attributes.includes(`fits ${size}-inch laptop`)).toBe(size <= own);
      }
      if (p.productType === 'laptop sleeve')
        expect(p.attributes.filter((a) => a.startsWith('fits '))).toEqual([`fits ${p.fits}`]);
    }
  });

  it('rejects settings that leave nothing to buy with EVAL_ENVIRONMENT_INVALID', () => {
    expect(() => generateCatalogue({ outOfStockRate: 1 })).toThrow(
      expect.objectContaining({ code: 'EVAL_ENVIRONMENT_INVALID' }),
    );
    expect(() => generateCatalogue({ size: -1 })).toThrow(/not a count/);
    expect(() => generateTasks([{ ...products[0], stock: 0 }], { count: 1 })).toThrow(
      /none of the 1 products/,
    );
  });

  it('draws satisfiable tasks; a cheapest task names the cheapest match; the parser reads each exactly', () => {
    expect(new Set(tasks.map((t) => t.kind))).toEqual(new Set(['spec', 'cheapest']));
    for (const t of tasks) {
      const target = products.find((p) => p.asin === t.asin)!;
      expect(satisfiesGoal(target, t)).toBe(true);
      if (t.kind === 'cheapest') {
        const cheaper = products.filter(
          (p) => p.price < t.priceUpper && satisfiesGoal(p, { ...t, priceUpper: Number.POSITIVE_INFINITY }),
        );
        expect(cheaper).toEqual([]);
      }
      const goal = parseShopInstruction(t.instruction)!;
      expect(goal.productType).toBe(t.productType);
      expect([...goal.attributes].sort()).toEqual([...t.goalAttributes].sort());
      expect(goal.options).toEqual(t.goalOptions);
      expect(goal.cheapest).toBe(t.kind === 'cheapest');
      if (t.kind === 'spec') expect(goal.priceUpper).toBe(t.priceUpper);
    }
    expect(tasks.find((t) => t.kind === 'cheapest' && t.productType === 'backpack')?.instruction).toMatch(
      /^find the cheapest .*backpack that fits a 1\d-inch laptop, in \w+$/,
    );
  });
});

describe('web shop with the generated catalogue', () => {
  let env: WebShopEnvironment | undefined;
  afterEach(async () => env?.close());

  it('pages every search match, 10 a page; the best item can be on page 2 or later', async () => {
    env = webShopEnvironment({ seed: 5, catalogueSize: 1000, taskCount: 12 });
    const url = await env.url();
    const get = async (path: string) =>
      (await (await fetch(`${url}/s/pager/${path}`, { headers: { accept: 'application/json' } })).json()) as {
        total: number;
        pageCount: number;
        results: { asin: string }[];
      };
    const first = await get('search?q=waterproof+backpack');
    expect(first.results).toHaveLength(10);
    expect(first.pageCount).toBe(Math.ceil(first.total / 10));
    const seen = new Set<string>();
    for (let page = 1; page <= first.pageCount; page++)
      for (const r of (await get(`search?q=waterproof+backpack&page=${page}`)).results) seen.add(r.asin);
    expect(seen.size).toBe(first.total);
    expect((await get(`search?q=waterproof+backpack&page=${first.pageCount + 1}`)).results).toEqual([]);
    // Where the target lands when one searches the instruction's words (what the heuristic does).
    const positions: number[] = [];
    for (const t of env.tasks) {
      const query = encodeURIComponent(t.instruction.replace(/, and price lower than.*$/, ''));
      const all: string[] = [];
      const head = await get(`search?q=${query}`);
      for (let page = 1; page <= head.pageCount; page++)
        all.push(...(await get(`search?q=${query}&page=${page}`)).results.map((r) => r.asin));
      positions.push(all.indexOf(t.asin));
    }
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions.filter((p) => p >= 10).length).toBeGreaterThanOrEqual(3);
  });

  it('refuses out-of-stock products and sold-out options (409); such a session has no purchase', async () => {
    env = webShopEnvironment({
      products: [shirt, { ...shirt, asin: 'B000000012', stock: 0 }],
      tasks: [task],
    });
    const url = await env.url();
    const add = (path: string) =>
      fetch(`${url}/s/stock/${path}`, { headers: { accept: 'application/json' } });
    const out = await add('cart/add/B000000012?size=M&color=navy');
    expect(out.status).toBe(409);
    expect(((await out.json()) as { error: string }).error).toMatch(/out of stock/);
    const grey = await add('cart/add/B000000010?size=M&color=grey');
    expect(grey.status).toBe(409);
    expect(((await grey.json()) as { error: string }).error).toMatch(/sold out in color grey/);
    const html = await (await fetch(`${url}/s/stock/item/B000000012`)).text();
    expect(html).toContain('Out of stock');
    expect(html).toContain('grey</a> (sold out)');
    expect(env.products.length).toBe(2);
  });

  it('the heuristic buys a decoy; the careful policy reads pages and buys the real product', async () => {
    const run = async (policy: ReturnType<typeof carefulShopPolicy>) => {
      env = webShopEnvironment({ products: [shirt], tasks: [task], decoys: true });
      const result = await runEval({
        target: env.target(policy),
        examples: env.examples(),
        scorers: [taskSuccess()],
      });
      await env.close();
      return result.results[0].output?.metadata;
    };
    // Decoys of the shirt: A0 over the cap, A1 without size M (the first goal option), A2 without
    // cotton, A3 out of stock; all rank above it in search.
    const careful = await run(carefulShopPolicy());
    expect(careful).toMatchObject({ reward: 1, purchased: { asin: shirt.asin, options: task.goalOptions } });
    const heuristic = await run(heuristicShopPolicy());
    // It skips the over-priced decoy and buys the one lacking size M: first size S, first colour navy.
    expect(heuristic?.purchased).toEqual({ asin: 'A000000001', options: { size: 'S', color: 'navy' } });
    expect(heuristic?.reward).toBeCloseTo(0.8, 10); // (2 attributes + color + price) / 5
  });

  it('separates the heuristic from the careful policy on a fixed seeded task set', async () => {
    const means: Record<string, number> = {};
    for (const [name, policy] of [
      ['heuristic', heuristicShopPolicy()],
      ['careful', carefulShopPolicy()],
    ] as const) {
      env = webShopEnvironment({ seed: 5, catalogueSize: 1000, taskCount: 12 });
      const run = await runEval({
        target: env.target(policy),
        examples: env.examples(),
        scorers: [taskSuccess()],
        concurrency: 4,
      });
      expect(run.summary.errors).toBe(0);
      means[name] = run.summary.scorers['task-success'].mean;
      await env.close();
    }
    expect(means.heuristic).toBeLessThanOrEqual(0.5);
    expect(means.careful).toBeGreaterThanOrEqual(0.9);
    // Pinned on this seed: heuristic 0.3278 (12 tasks), careful 1.
    expect(means.heuristic).toBeCloseTo(0.3278, 4);
    expect(means.careful).toBe(1);
  }, 60_000);

  it('runs a scripted model through modelPolicy on a generated task', async () => {
    env = webShopEnvironment({ seed: 5, catalogueSize: 1000, taskCount: 1 });
    const [t] = env.tasks;
    const model = createScriptedModel([
      { toolCalls: [{ toolName: 'search', input: { query: t.productType } }] },
      { toolCalls: [{ toolName: 'open_product', input: { asin: t.asin } }] },
      { toolCalls: [{ toolName: 'buy', input: { asin: t.asin, options: t.goalOptions } }] },
      { text: 'Bought it.' },
    ]);
    const run = await runEval({
      target: env.target(modelPolicy({ model })),
      examples: env.examples(),
      scorers: [taskSuccess({ threshold: 1 })],
    });
    model.assertComplete();
    expect(run.results[0].output?.metadata).toMatchObject({ reward: 1, success: true });
  });
});
