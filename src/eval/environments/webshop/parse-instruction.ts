// Reads a shopping instruction into a goal with the shop's vocabulary: the product type named, the
// materials and features of that type it mentions, what it must fit, the options ("in navy",
// "size M", "color black"), the price cap ("price lower than 30.00 dollars") and whether it asks for
// the cheapest. The careful policy's understanding; no model involved.
import { fitAttribute, productTypes } from './vocabulary.js';

export interface ParsedGoal {
  productType: string;
  attributes: string[];
  options: Record<string, string>;
  priceUpper: number;
  cheapest: boolean;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const longestFirst = (items: readonly string[]) => [...items].sort((a, b) => b.length - a.length);

export function parseShopInstruction(instruction: string): ParsedGoal | undefined {
  let text = instruction.toLowerCase();
  const spec = longestFirst(productTypes.map((t) => t.productType))
    .map((name) => productTypes.find((t) => t.productType === name)!)
    .find((t) => new RegExp(`\\b${escapeRegExp(t.productType)}\\b`).test(text));
  if (!spec) return undefined;
  const priceUpper = Number(/price lower than ([\d.]+)/.exec(text)?.[1] ?? Number.POSITIVE_INFINITY);
  text = text.replace(/,? and price lower than [\d.]+ dollars/, '');
  const attributes: string[] = [];
  const fit = / fits (?:an? )?([^,]+?)(?:,|$)/.exec(text)?.[1];
  if (fit && spec.fits?.values.includes(fit)) attributes.push(fitAttribute(fit));
  text = text.replace(/ that fits [^,]+/, '');
  const options: Record<string, string> = {};
  for (const [name, values] of Object.entries(spec.options)) {
    for (const value of longestFirst(values)) {
      const v = escapeRegExp(value.toLowerCase());
      const phrase =
        name === 'color' ? `\\b(?:in|color) ${v}\\b` : `\\b${escapeRegExp(name)}:? ${v}(?=$|[ ,])`;
      const match = new RegExp(phrase).exec(text);
      if (!match) continue;
      options[name] = value;
      text = text.replace(match[0], ' ');
      break;
    }
  }
  for (const word of longestFirst([...spec.materials, ...spec.features])) {
    const pattern = new RegExp(`\\b${escapeRegExp(word)}\\b`);
    if (!pattern.test(text)) continue;
    attributes.push(word);
    text = text.replace(pattern, ' ');
  }
  return {
    productType: spec.productType,
    attributes,
    options,
    priceUpper,
    cheapest: /\bcheapest\b/.test(text),
  };
}
