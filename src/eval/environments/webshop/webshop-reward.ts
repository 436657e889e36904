// WebShop's reward (princeton-nlp/WebShop web_agent_site/engine/goal.py `get_reward`):
//   reward = r_type · (attribute hits + option hits + [price ≤ cap]) / (|goal attributes| + |goal options| + 1).
// Our catalogue is structured, so r_type compares product types directly where WebShop compares spaCy
// nouns of query, category and title: 1 same type; 0.5 same category; 0.1 otherwise. An attribute counts
// when the product lists it, or (WebShop's fallback) when all its words appear in the title/description.
import type { Product, ShopTask } from './catalogue.js';

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
  const reward = (typeMatch * (attributeHits + optionHits + (priceOk ? 1 : 0))) / total;
  return { reward, typeMatch, attributeHits, optionHits, priceOk };
}
