// A deterministic baseline policy (no model): search with the instruction, open the results, buy the
// first product whose type is named in the instruction and whose price is under the cap, choosing the
// options the instruction names as "size 9" / "color black" (else the first listed). It reads no stock,
// no second result page, no attribute; it shows what "no intelligence" scores next to the careful
// policy (carefulShopPolicy), and drives end-to-end tests.
import type { EnvironmentPolicy } from '../environment-policy.js';

interface SearchPage {
  results: { asin: string; title: string; price: number }[];
}
interface ItemPage {
  product: {
    asin: string;
    productType: string;
    price: number;
    attributes: string[];
    options: Record<string, string[]>;
  };
}

export function heuristicShopPolicy({
  maximumProducts = 5,
}: {
  maximumProducts?: number;
} = {}): EnvironmentPolicy {
  return async (task, tools) => {
    const tool = (name: string) => tools.find((t) => t.name === name)!;
    const instruction = task.instruction.toLowerCase();
    const cap = Number(/price lower than ([\d.]+)/.exec(instruction)?.[1] ?? Number.POSITIVE_INFINITY);
    const query = instruction.replace(/, and price lower than.*$/, '');
    const page = (await tool('search').execute({ query })) as SearchPage;
    for (const result of page.results.slice(0, maximumProducts)) {
      const { product } = (await tool('open_product').execute({ asin: result.asin })) as ItemPage;
      if (!instruction.includes(product.productType) || product.price > cap) continue;
      const options: Record<string, string> = {};
      for (const [name, values] of Object.entries(product.options)) {
        const wanted = values.find((v) => instruction.includes(`${name} ${v.toLowerCase()}`));
        options[name] = wanted ?? values[0];
      }
      await tool('buy').execute({ asin: product.asin, options });
      return `bought ${product.asin}`;
    }
    return 'nothing suitable found';
  };
}
