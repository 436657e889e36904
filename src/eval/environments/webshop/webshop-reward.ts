// WebShop's reward (princeton-nlp/WebShop web_agent_site/engine/goal.py `get_reward`):
//   reward = r_type · (attribute hits + option hits + [price ≤ cap]) / (|goal attributes| + |goal options| + 1).
// Our catalogue is structured, so r_type compares product types directly where WebShop compares spaCy
// nouns of query, category and title: 1 same type; 0.5 same category; 0.1 otherwise. An attribute counts
// when the product lists it, or (WebShop's fallback) when all its words appear in the title/description.
// One addition for stock, which WebShop does not model: an out-of-stock product, or a sold-out option
// value, is never delivered, so buying one (the shop refuses; a reward computed anyway) is 0.
import { available, type Product } from './catalogue.js';
import type { ShopTask } from './shop-tasks.js';

export interface Purchase {
  asin: string;
  options: Record<string, string>;
}

export interface WebShopReward {
  reward: number;
  typeMatch: number;
  attributeHits: number;
  optionHits: number;
  priceOk: boolean;
  /** In stock with the chosen options (none sold out). */
  inStock: boolean;
}

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .filter(Boolean);

export function webShopReward(
  task: Pick<ShopTask, 'productType' | 'category' | 'goalAttributes' | 'goalOptions' | 'priceUpper'>,
  product: Product,
  purchase: Purchase,
): WebShopReward {
  const typeMatch =
    product.productType === task.productType ? 1 : product.category === task.category ? 0.5 : 0.1;
  const text = new Set(words(`${product.title} ${product.description}`));
  const attributeHits = task.goalAttributes.filter(
    (attribute) => product.attributes.includes(attribute) || words(attribute).every((w) => text.has(w)),
  ).length;
  const optionHits = Object.entries(task.goalOptions).filter(
    ([name, value]) => purchase.options[name]?.toLowerCase() === value.toLowerCase(),
  ).length;
  const priceOk = product.price <= task.priceUpper;
  const total = task.goalAttributes.length + Object.keys(task.goalOptions).length + 1;
  const inStock = available(product, purchase.options);
  const reward = inStock ? (typeMatch * (attributeHits + optionHits + (priceOk ? 1 : 0))) / total : 0;
  return { reward, typeMatch, attributeHits, optionHits, priceOk, inStock };
}
