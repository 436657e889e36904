// A scripted "careful" shopper (no model): it reads the instruction into a goal, searches for the type
// and attributes, reads every result page, opens the product pages in order of price and buys the
// first (so the cheapest) that is of the right type, has every attribute, offers every option, is in
// stock and within the cap. If nothing satisfies everything, it buys the product that meets the most
// constraints. It is the upper baseline next to heuristicShopPolicy(): what reading pages earns.
import type { EnvironmentPolicy } from '../environment-policy.js';
import { available, inStock, type Product } from './catalogue.js';
import { parseShopInstruction } from './parse-instruction.js';

interface SearchPage {
  results: { asin: string; title: string; price: number }[];
  pageCount?: number;
}

export interface CarefulShopPolicyOptions {
  /** Result pages read at most per search (10 results a page). */
  maximumPages?: number;
  /** Product pages opened at most. */
  maximumProducts?: number;
}

export function carefulShopPolicy({
  maximumPages = 100,
  maximumProducts = 300,
}: CarefulShopPolicyOptions = {}): EnvironmentPolicy {
  return async (task, tools) => {
    const tool = (name: string) => tools.find((t) => t.name === name)!;
    const goal = parseShopInstruction(task.instruction);
    if (!goal) return 'I could not tell which product the instruction asks for.';
    const query = [goal.productType, ...goal.attributes].join(' ');
    const listed = new Map<string, { asin: string; title: string; price: number }>();
    for (let page = 1; page <= maximumPages; page++) {
      const found = (await tool('search').execute({ query, page })) as SearchPage;
      for (const r of found.results) listed.set(r.asin, r);
      if (found.results.length === 0 || page >= (found.pageCount ?? page)) break;
    }
    const candidates = [...listed.values()]
      .filter((r) => r.price <= goal.priceUpper && r.title.toLowerCase().includes(goal.productType))
      .sort((a, b) => a.price - b.price)
      .slice(0, maximumProducts);
    const score = (p: Product) =>
      (p.productType === goal.productType ? 1 : 0) +
      goal.attributes.filter((a) => p.attributes.includes(a)).length +
      Object.entries(goal.options).filter(([n, v]) => p.options[n]?.includes(v) && available(p, { [n]: v }))
        .length +
      (p.price <= goal.priceUpper ? 1 : 0);
    const full = 2 + goal.attributes.length + Object.keys(goal.options).length;
    let best: { product: Product; score: number } | undefined;
    for (const candidate of candidates) {
      const { product } = (await tool('open_product').execute({ asin: candidate.asin })) as {
        product: Product;
      };
      if (!product || !inStock(product)) continue;
      const s = score(product);
      if (!best || s > best.score) best = { product, score: s };
      if (s === full) break;
    }
    if (!best) return 'Nothing in stock matches.';
    const { product } = best;
    const options = Object.fromEntries(
      Object.entries(product.options).map(([name, values]) => {
        const open = values.filter((v) => available(product, { [name]: v }));
        const wanted = goal.options[name];
        return [name, wanted && open.includes(wanted) ? wanted : (open[0] ?? values[0])];
      }),
    );
    const bought = (await tool('buy').execute({ asin: product.asin, options })) as { error?: string };
    if (bought.error) return `Could not buy ${product.asin}: ${bought.error}`;
    return `bought ${product.asin} (${product.title}) at $${product.price.toFixed(2)}`;
  };
}
