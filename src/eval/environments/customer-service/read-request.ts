// Reads what the scripted policies need from the customer's words: the intent, an order id, an email
// and zip code, which of an order's items, and a wanted option value.
import type { OrderItem, Variant } from './retail-database.js';

export type Intent = 'refund' | 'cancel' | 'exchange';

export function readIntent(text: string): Intent | undefined {
  const t = text.toLowerCase();
  if (/exchange|swap/.test(t)) return 'exchange';
  if (/cancel/.test(t)) return 'cancel';
  if (/refund|return|money back/.test(t)) return 'refund';
  return undefined;
}

export const readOrderId = (text: string) => /\b#?(W\d{4})\b/.exec(text)?.[1];

export function readIdentity(text: string): { email: string; zip: string } | undefined {
  const email = /[\w.+-]+@[\w-]+(\.[\w-]+)+/.exec(text)?.[0];
  const zip = /zip(?: code)?(?: is)?\s*:?\s*(\d{5})/i.exec(text)?.[1];
  return email && zip ? { email: email.replace(/\.$/, ''), zip } : undefined;
}

export const namedItem = (text: string, items: readonly OrderItem[]) =>
  items.find((item) => text.toLowerCase().includes(item.name));

/** The variant named as "the <value> one" (how the scripted customer asks for one). */
export const namedVariant = (text: string, variants: readonly Variant[]) =>
  variants.find((v) =>
    Object.values(v.options).some((value) => text.toLowerCase().includes(`the ${value.toLowerCase()} one`)),
  );

/** The customer's first message, from the instruction the environment gives the agent. */
export const customerOpening = (instruction: string) =>
  instruction.split('The customer writes: ').at(-1) ?? instruction;
