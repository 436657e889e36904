// Shopping tasks drawn from a catalogue, deterministic for a seed. Two kinds:
// - 'spec': a material, a feature, what it must fit, every option, and a price cap a little above the
//   drawn product's price ("i need a wrinkle-free cotton shirt in navy, size M, and price lower than
//   30.00 dollars");
// - 'cheapest': features, a fit and a colour, no cap in words; the goal price is the price of the
//   cheapest in-stock product that satisfies the rest, so only comparing every match across the result
//   pages earns the price term ("find the cheapest waterproof backpack that fits a 15-inch laptop, in navy").
// Every task is satisfiable: its `asin` is in stock and satisfies it.
import { GantryError } from '../../../errors/index.js';
import { seededRandom } from '../../../random/index.js';
import { available as canBuy, inStock, type Product, pickSome } from './catalogue.js';
import { fitAttribute, fitsCovered, productTypes } from './vocabulary.js';

export interface ShopTask {
  id: string;
  instruction: string;
  /** A product that satisfies the task (for 'cheapest', the cheapest one). */
  asin: string;
  productType: string;
  category: string;
  goalAttributes: string[];
  goalOptions: Record<string, string>;
  priceUpper: number;
  kind?: 'spec' | 'cheapest';
}

export type ShopGoal = Pick<ShopTask, 'productType' | 'goalAttributes' | 'goalOptions' | 'priceUpper'>;

/** Does the product meet every constraint of the goal (type, attributes, options, price, stock)? */
export function satisfiesGoal(product: Product, goal: ShopGoal): boolean {
  return (
    product.productType === goal.productType &&
    canBuy(product, goal.goalOptions) &&
    product.price <= goal.priceUpper &&
    goal.goalAttributes.every((a) => product.attributes.includes(a)) &&
    Object.entries(goal.goalOptions).every(([name, value]) => product.options[name]?.includes(value))
  );
}

const article = (noun: string) => (/^[aeiou]/.test(noun) ? 'an' : 'a');
/** 'a shirt', 'an aluminium ... pair of ...': shoes and headphones come in pairs. */
const articleFor = (phrase: string, productType: string) =>
  productType.endsWith('s') ? 'a pair of' : article(phrase);

function describe(
  productType: string,
  attributes: string[],
  options: Record<string, string>,
  fit: string | undefined,
): string {
  const words = attributes.filter((a) => !a.startsWith('fits ')).join(' ');
  const noun = `${words} ${productType}`.trim();
  const fitText = fit ? ` that fits ${article(fit)} ${fit}` : '';
  const optionText = [
    options.color ? ` in ${options.color}` : '',
    options.size ? `, size ${options.size}` : '',
    ...Object.entries(options)
      .filter(([name]) => name !== 'color' && name !== 'size')
      .map(([name, value]) => `, ${name} ${value}`),
  ].join('');
  return `${noun}${fitText}${fitText && optionText ? ',' : ''}${optionText}`;
}

export function generateTasks(
  products: readonly Product[],
  { seed = 2, count = 10 }: { seed?: number; count?: number } = {},
): ShopTask[] {
  const random = seededRandom(seed);
  const available = products.filter(inStock);
  if (count > 0 && available.length === 0)
    throw new GantryError(
      'EVAL_ENVIRONMENT_INVALID',
      `No web shop task can be drawn: none of the ${products.length} products is in stock.`,
      { hint: 'Give products with stock above 0 (or no stock field), or a lower outOfStockRate.' },
    );
  return Array.from({ length: count }, (_, i) => {
    const product = available[Math.floor(random() * available.length)];
    const spec = productTypes.find((t) => t.productType === product.productType);
    const kind: 'spec' | 'cheapest' = random() < 0.5 ? 'cheapest' : 'spec';
    const features = product.attributes.filter(
      (a) => !a.startsWith('fits ') && a !== product.material && spec?.features.includes(a) !== false,
    );
    const fit =
      spec?.fits && product.fits
        ? fitsCovered(spec.fits, product.fits)[
            Math.floor(random() * fitsCovered(spec.fits, product.fits).length)
          ]
        : undefined;
    const chosen = pickSome(random, features, kind === 'cheapest' ? 1 + Math.floor(random() * 2) : 1);
    const goalAttributes = [
      ...(kind === 'spec' && product.material ? [product.material] : []),
      ...chosen,
      ...(fit ? [fitAttribute(fit)] : []),
    ];
    const optionNames = Object.keys(product.options).filter(
      (name) => kind === 'spec' || name === 'color' || Object.keys(product.options).length === 1,
    );
    const goalOptions = Object.fromEntries(
      optionNames.map((name) => {
        const values = product.options[name].filter((v) => !product.soldOut?.[name]?.includes(v));
        return [name, values[Math.floor(random() * values.length)]];
      }),
    );
    const base = { productType: product.productType, goalAttributes, goalOptions };
    let target = product;
    let priceUpper: number;
    if (kind === 'cheapest') {
      const matches = available.filter((p) =>
        satisfiesGoal(p, { ...base, priceUpper: Number.POSITIVE_INFINITY }),
      );
      target = matches.reduce((best, p) => (p.price < best.price ? p : best), product);
      priceUpper = target.price;
    } else {
      priceUpper = Math.ceil(product.price * (1.05 + random() * 0.25));
    }
    const what = describe(product.productType, goalAttributes, goalOptions, fit);
    const instruction =
      kind === 'cheapest'
        ? `find the cheapest ${what}`
        : `i need ${articleFor(what, product.productType)} ${what}, and price lower than ${priceUpper.toFixed(2)} dollars`;
    return {
      id: `shop-${i + 1}`,
      instruction,
      asin: target.asin,
      productType: product.productType,
      category: product.category,
      goalAttributes,
      goalOptions,
      priceUpper,
      kind,
    };
  });
}
