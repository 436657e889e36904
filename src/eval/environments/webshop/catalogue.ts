import { seededRandom } from '../../../random/index.js';
// A generated product catalogue and shopping tasks, deterministic for a seed, in WebShop's shape:
// products with a type, attributes and options; tasks with goal attributes, goal options and a price cap.

export interface Product {
  asin: string;
  title: string;
  category: string;
  productType: string;
  price: number;
  attributes: string[];
  /** Option name → values (size, color...). */
  options: Record<string, string[]>;
  description: string;
}

export interface ShopTask {
  id: string;
  instruction: string;
  /** The product the task was drawn from (one of possibly several that satisfy it). */
  asin: string;
  productType: string;
  category: string;
  goalAttributes: string[];
  goalOptions: Record<string, string>;
  priceUpper: number;
}

interface TypeSpec {
  category: string;
  productType: string;
  brands: string[];
  attributes: string[];
  options: Record<string, string[]>;
  priceRange: [number, number];
}

const types: TypeSpec[] = [
  {
    category: 'shoes',
    productType: 'running shoes',
    brands: ['Stride', 'Fleetfoot', 'Apex'],
    attributes: ['lightweight', 'waterproof', 'breathable', 'cushioned', 'non-slip', 'wide fit'],
    options: { size: ['7', '8', '9', '10', '11'], color: ['black', 'white', 'blue', 'red'] },
    priceRange: [35, 140],
  },
  {
    category: 'shoes',
    productType: 'hiking boots',
    brands: ['Ridge', 'Summit', 'Trailhead'],
    attributes: ['waterproof', 'ankle support', 'leather', 'insulated', 'non-slip'],
    options: { size: ['7', '8', '9', '10', '11', '12'], color: ['brown', 'black', 'grey'] },
    priceRange: [60, 220],
  },
  {
    category: 'electronics',
    productType: 'wireless headphones',
    brands: ['Sonica', 'Auralis', 'Beatline'],
    attributes: ['noise cancelling', 'bluetooth 5.3', 'long battery life', 'foldable', 'built-in microphone'],
    options: { color: ['black', 'silver', 'white', 'navy'] },
    priceRange: [25, 350],
  },
  {
    category: 'grocery',
    productType: 'ground coffee',
    brands: ['Morning Peak', 'Roastery Co', 'Highland'],
    attributes: ['organic', 'fair trade', 'dark roast', 'decaf', 'low acid'],
    options: { size: ['12 ounce', '1 pound', '2 pound'], flavor: ['original', 'vanilla', 'hazelnut'] },
    priceRange: [8, 40],
  },
  {
    category: 'clothing',
    productType: 'rain jacket',
    brands: ['Nimbus', 'Drywear', 'Coastline'],
    attributes: ['waterproof', 'packable', 'hooded', 'breathable', 'lightweight'],
    options: { size: ['small', 'medium', 'large', 'x-large'], color: ['yellow', 'green', 'black', 'navy'] },
    priceRange: [30, 180],
  },
];

function pickSome<T>(random: () => number, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0)
    chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return chosen;
}

export function generateCatalogue({
  seed = 1,
  size = 200,
}: {
  seed?: number;
  size?: number;
} = {}): Product[] {
  const random = seededRandom(seed);
  return Array.from({ length: size }, (_, i) => {
    const spec = types[i % types.length];
    const brand = spec.brands[Math.floor(random() * spec.brands.length)];
    const attributes = pickSome(random, spec.attributes, 2 + Math.floor(random() * 2));
    const options = Object.fromEntries(
      Object.entries(spec.options).map(([name, values]) => [
        name,
        pickSome(random, values, Math.max(2, Math.ceil(values.length * 0.75))),
      ]),
    );
    const price =
      Math.round((spec.priceRange[0] + random() * (spec.priceRange[1] - spec.priceRange[0])) * 100) / 100;
    const title = `${brand} ${attributes.slice(0, 2).join(' ')} ${spec.productType}`;
    return {
      asin: `B${String(100000 + i * 7919).padStart(9, '0')}`,
      title,
      category: spec.category,
      productType: spec.productType,
      price,
      attributes,
      options,
      description: `${title}. Features: ${attributes.join(', ')}.`,
    };
  });
}

export function generateTasks(
  products: readonly Product[],
  { seed = 2, count = 10 }: { seed?: number; count?: number } = {},
): ShopTask[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const product = products[Math.floor(random() * products.length)];
    const goalAttributes = pickSome(random, product.attributes, Math.min(2, product.attributes.length));
    const goalOptions = Object.fromEntries(
      Object.entries(product.options).map(([name, values]) => [
        name,
        values[Math.floor(random() * values.length)],
      ]),
    );
    const priceUpper = Math.ceil(product.price * (1.1 + random() * 0.4));
    const optionText = Object.entries(goalOptions)
      .map(([name, value]) => `${name} ${value}`)
      .join(' and ');
    return {
      id: `shop-${i + 1}`,
      instruction: `i need ${goalAttributes.join(' and ')} ${product.productType} in ${optionText}, and price lower than ${priceUpper.toFixed(2)} dollars`,
      asin: product.asin,
      productType: product.productType,
      category: product.category,
      goalAttributes,
      goalOptions,
      priceUpper,
    };
  });
}

/**
 * Near-duplicates of each task's product that a careless agent buys: one priced above the cap, one
 * lacking a goal option value. Same title, so search cannot tell them apart; only the product page can.
 */
export function generateDecoys(products: readonly Product[], tasks: readonly ShopTask[]): Product[] {
  const byAsin = new Map(products.map((p) => [p.asin, p]));
  return tasks.flatMap((task, i) => {
    const original = byAsin.get(task.asin);
    if (!original) return [];
    const [optionName, optionValue] = Object.entries(task.goalOptions)[0] ?? [];
    const withoutOption = optionName
      ? { ...original.options, [optionName]: original.options[optionName].filter((v) => v !== optionValue) }
      : original.options;
    return [
      { ...original, asin: `A${String(2 * i).padStart(9, '0')}`, price: Math.ceil(task.priceUpper * 1.3) },
      { ...original, asin: `A${String(2 * i + 1).padStart(9, '0')}`, options: withoutOption },
    ];
  });
}
