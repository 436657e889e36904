import { GantryError } from '../../../errors/index.js';
import { seededRandom } from '../../../random/index.js';
import { fitAttribute, fitsCovered, type PriceTier, priceTiers, productTypes } from './vocabulary.js';
// A generated product catalogue, deterministic for a seed, in WebShop's shape (a type, attributes,
// options, a price) with what makes shopping need reading: a material, what it fits (a backpack for
// laptops up to 17 inches fits a 15-inch laptop; a sleeve fits only its own size), price tiers, and
// stock (some products are out of stock and cannot be bought). Titles name only some of this; the
// product page has all of it.

export interface Product {
  asin: string;
  title: string;
  category: string;
  productType: string;
  price: number;
  /** Material, features and compatibility ('cotton', 'waterproof', 'fits 15-inch laptop'). */
  attributes: string[];
  /** Option name → values (size, color...). */
  options: Record<string, string[]>;
  description: string;
  brand?: string;
  material?: string;
  /** What it fits at most ('17-inch laptop', 'pixel 8'); `attributes` lists every fit it covers. */
  fits?: string;
  priceTier?: PriceTier;
  /** Units in stock; 0 is out of stock (the shop refuses to sell it). Absent: in stock. */
  stock?: number;
  /** Option values listed but sold out (option name → values): the shop refuses them. */
  soldOut?: Record<string, string[]>;
}

export const inStock = (product: Pick<Product, 'stock'>) => product.stock === undefined || product.stock > 0;

/** Can this product be bought with these options: in stock, and no chosen value sold out? */
export const available = (
  product: Pick<Product, 'stock' | 'soldOut'>,
  options: Record<string, string> = {},
) =>
  inStock(product) &&
  Object.entries(options).every(([name, value]) => !product.soldOut?.[name]?.includes(value));

export function pickSome<T>(random: () => number, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0)
    chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return chosen;
}

const seriesNames = ['Aero', 'Vista', 'Core', 'Terra', 'Nova', 'Pulse', 'Metro', 'Orbit', 'Drift', 'Echo'];

export function generateCatalogue({
  seed = 1,
  size = 2000,
  outOfStockRate = 0.2,
  soldOutRate = 0.15,
}: {
  seed?: number;
  size?: number;
  /** Share of products with stock 0. */
  outOfStockRate?: number;
  /** Share of listed option values (a colour, a size) sold out; each option keeps one available. */
  soldOutRate?: number;
} = {}): Product[] {
  if (!Number.isInteger(size) || size < 0)
    throw new GantryError(
      'EVAL_ENVIRONMENT_INVALID',
      `The web shop's catalogue size ${size} is not a count.`,
      {
        hint: 'Use a whole number of products such as 2000.',
      },
    );
  for (const [name, rate] of [
    ['outOfStockRate', outOfStockRate],
    ['soldOutRate', soldOutRate],
  ] as const) {
    if (!(rate >= 0 && rate < 1))
      throw new GantryError(
        'EVAL_ENVIRONMENT_INVALID',
        `The web shop's ${name} ${rate} is not a share in [0, 1).`,
        {
          hint: `Use a share such as 0.2 for ${name}; 1 would leave nothing to buy.`,
        },
      );
  }
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  return Array.from({ length: size }, (_, i) => {
    const spec = productTypes[i % productTypes.length];
    const brand = pick(spec.brands);
    // The model number starts at 100, so it never reads as a laptop size in a title.
    const model = `${pick(seriesNames)} ${100 + i}`;
    const material = pick(spec.materials);
    const features = pickSome(random, spec.features, 1 + Math.floor(random() * 3)).filter(
      (feature, k, all) =>
        !spec.exclusive?.some(
          (group) => group.includes(feature) && all.slice(0, k).some((f) => group.includes(f)),
        ),
    );
    const fits = spec.fits ? pick(spec.fits.values) : undefined;
    const fitAttributes = spec.fits && fits ? fitsCovered(spec.fits, fits).map(fitAttribute) : [];
    const options = Object.fromEntries(
      Object.entries(spec.options).map(([name, values]) => [
        name,
        pickSome(random, values, Math.max(2, Math.ceil(values.length * 0.6))),
      ]),
    );
    const soldOut: Record<string, string[]> = {};
    for (const [name, values] of Object.entries(options)) {
      const gone = values.filter(() => random() < soldOutRate).slice(0, values.length - 1);
      if (gone.length > 0) soldOut[name] = gone;
    }
    const tier = Math.floor(random() * priceTiers.length);
    const [low, high] = spec.priceRange;
    const price = Math.floor(low + ((tier + random()) / priceTiers.length) * (high - low)) + 0.99;
    const fitText = spec.fits && fits ? ` ${spec.fits.title(fits)}` : '';
    const title = `${brand} ${model} ${features[0]} ${spec.productType}${fitText}`;
    return {
      asin: `B${String(100000 + i * 7919).padStart(9, '0')}`,
      title,
      category: spec.category,
      productType: spec.productType,
      price,
      attributes: [material, ...features, ...fitAttributes],
      options,
      description: `${title}. Material: ${material}. Features: ${features.join(', ')}.`,
      brand,
      material,
      ...(fits ? { fits } : {}),
      priceTier: priceTiers[tier],
      stock: random() < outOfStockRate ? 0 : 1 + Math.floor(random() * 40),
      ...(Object.keys(soldOut).length > 0 ? { soldOut } : {}),
    };
  });
}
