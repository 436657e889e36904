// Near-misses of each task's product that a careless agent buys, under the same or nearly the same
// title so that search cannot tell them apart; only the product page can: one priced over the cap,
// one lacking a goal option value, one lacking a goal attribute, one out of stock.
import type { Product } from './catalogue.js';
import type { ShopTask } from './shop-tasks.js';

const withoutPhrase = (text: string, phrase: string) =>
  text
    .replace(new RegExp(`\\b${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'gi'), '')
    .replace(/ {2,}/g, ' ')
    .replace(/ ([,.])/g, '$1')
    .trim();

export function generateDecoys(products: readonly Product[], tasks: readonly ShopTask[]): Product[] {
  const byAsin = new Map(products.map((p) => [p.asin, p]));
  return tasks.flatMap((task, i) => {
    const original = byAsin.get(task.asin);
    if (!original) return [];
    const asin = (k: number) => `A${String(4 * i + k).padStart(9, '0')}`;
    const [optionName, optionValue] = Object.entries(task.goalOptions)[0] ?? [];
    const withoutOption = optionName
      ? { ...original.options, [optionName]: original.options[optionName].filter((v) => v !== optionValue) }
      : original.options;
    // A compatibility attribute cannot go alone (a bag for 17 inches fits 15 inches), so drop another.
    const dropped = task.goalAttributes.find(
      (a) => original.attributes.includes(a) && !a.startsWith('fits '),
    );
    const decoys: Product[] = [
      { ...original, asin: asin(0), price: Math.ceil(task.priceUpper * 1.3) },
      { ...original, asin: asin(1), options: withoutOption },
    ];
    if (dropped)
      decoys.push({
        ...original,
        asin: asin(2),
        title: withoutPhrase(original.title, dropped),
        description: withoutPhrase(original.description, dropped),
        attributes: original.attributes.filter((a) => a !== dropped),
        material: original.material === dropped ? undefined : original.material,
      });
    decoys.push({ ...original, asin: asin(3), stock: 0 });
    return decoys;
  });
}
