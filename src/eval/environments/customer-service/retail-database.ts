// The customer-service environment's database: customers, products with variants, and orders with
// their refunds and exchanges. Plain data (deep-clonable, comparable), generated from a seed per trial.
import { seededRandom } from '../../../random/index.js';

export type OrderStatus = 'pending' | 'shipped' | 'delivered' | 'cancelled';

export interface Customer {
  id: string;
  name: string;
  email: string;
  zip: string;
}

export interface Variant {
  itemId: string;
  options: Record<string, string>;
  price: number;
  available: boolean;
}

export interface Product {
  id: string;
  name: string;
  variants: Variant[];
}

export interface OrderItem {
  itemId: string;
  productId: string;
  name: string;
  options: Record<string, string>;
  price: number;
  refunded: boolean;
}

export interface Refund {
  itemIds: string[];
  amount: number;
}

export interface Exchange {
  fromItemId: string;
  toItemId: string;
  priceDifference: number;
}

export interface Order {
  id: string;
  customerId: string;
  status: OrderStatus;
  placedDay: number;
  deliveredDay: number | null;
  items: OrderItem[];
  refunds: Refund[];
  exchanges: Exchange[];
}

export interface RetailDatabase {
  /** Day number of "today"; order days count from the same origin. */
  today: number;
  customers: Record<string, Customer>;
  products: Record<string, Product>;
  orders: Record<string, Order>;
}

const catalogue: { id: string; name: string; option: string; values: string[]; price: number }[] = [
  { id: 'P100', name: 'wireless headphones', option: 'color', values: ['black', 'white', 'blue'], price: 89 },
  { id: 'P200', name: 'running shoes', option: 'size', values: ['8', '9', '10', '11'], price: 74 },
  { id: 'P300', name: 'rain jacket', option: 'size', values: ['S', 'M', 'L', 'XL'], price: 120 },
  { id: 'P400', name: 'water bottle', option: 'color', values: ['green', 'steel', 'red'], price: 24 },
  { id: 'P500', name: 'desk lamp', option: 'color', values: ['black', 'white'], price: 45 },
  { id: 'P600', name: 'backpack', option: 'size', values: ['20L', '30L', '40L'], price: 65 },
];
const firstNames = ['Dana', 'Omar', 'Mei', 'Lucas', 'Aisha', 'Jonas', 'Priya', 'Tomas', 'Sara', 'Kenji'];
const lastNames = ['Ruiz', 'Haddad', 'Chen', 'Silva', 'Okafor', 'Berg', 'Nair', 'Novak', 'Levi', 'Sato'];

/** A seeded random source with the few helpers the generators need. */
export interface Dice {
  next(): number;
  integer(minimum: number, maximum: number): number;
  pick<T>(values: readonly T[]): T;
  chance(probability: number): boolean;
}

export function dice(seed: number): Dice {
  const next = seededRandom(seed);
  const integer = (minimum: number, maximum: number) =>
    minimum + Math.floor(next() * (maximum - minimum + 1));
  return {
    next,
    integer,
    pick: (values) => values[integer(0, values.length - 1)],
    chance: (probability) => next() < probability,
  };
}

function uniqueId(taken: Record<string, unknown>, prefix: string, random: Dice): string {
  for (;;) {
    const id = `${prefix}${random.integer(1000, 9999)}`;
    if (!(id in taken)) return id;
  }
}

export function addCustomer(db: RetailDatabase, random: Dice): Customer {
  const id = uniqueId(db.customers, 'C', random);
  const first = random.pick(firstNames);
  const last = random.pick(lastNames);
  const customer = {
    id,
    name: `${first} ${last}`,
    email: `${first}.${last}${id.slice(1)}@example.com`.toLowerCase(),
    zip: String(random.integer(10000, 99999)),
  };
  db.customers[id] = customer;
  return customer;
}

export interface NewOrder {
  customerId: string;
  status: OrderStatus;
  /** For delivered orders: days since delivery. */
  deliveredDaysAgo?: number;
  itemCount?: number;
  exchanges?: number;
}

export function addOrder(db: RetailDatabase, random: Dice, spec: NewOrder): Order {
  const id = uniqueId(db.orders, 'W', random);
  const products = Object.values(db.products);
  const chosen: Product[] = [];
  while (chosen.length < (spec.itemCount ?? 2)) {
    const product = random.pick(products);
    if (!chosen.includes(product)) chosen.push(product);
  }
  const deliveredDay =
    spec.status === 'delivered' ? db.today - (spec.deliveredDaysAgo ?? random.integer(1, 60)) : null;
  const placedDay = (deliveredDay ?? db.today) - random.integer(2, 6);
  const items = chosen.map((product) => {
    const variant = random.pick(product.variants);
    return {
      itemId: variant.itemId,
      productId: product.id,
      name: product.name,
      options: { ...variant.options },
      price: variant.price,
      refunded: false,
    };
  });
  const exchanges = Array.from({ length: spec.exchanges ?? 0 }, () => ({
    fromItemId: items[0].itemId,
    toItemId: items[0].itemId,
    priceDifference: 0,
  }));
  const order = {
    id,
    customerId: spec.customerId,
    status: spec.status,
    placedDay,
    deliveredDay,
    items,
    refunds: [],
    exchanges,
  };
  db.orders[id] = order;
  return order;
}

/** Products with every variant (some out of stock), and `customers` customers with 1–3 orders each. */
export function generateRetailDatabase({ seed, customers = 12 }: { seed: number; customers?: number }): {
  db: RetailDatabase;
  random: Dice;
} {
  const random = dice(seed);
  const db: RetailDatabase = { today: 400, customers: {}, products: {}, orders: {} };
  let serial = 0;
  for (const entry of catalogue) {
    db.products[entry.id] = {
      id: entry.id,
      name: entry.name,
      variants: entry.values.map((value) => ({
        itemId: `I${entry.id.slice(1)}${String(++serial).padStart(2, '0')}`,
        options: { [entry.option]: value },
        price: entry.price + random.integer(-2, 2) * 5,
        available: random.chance(0.8),
      })),
    };
  }
  const statuses: OrderStatus[] = ['pending', 'shipped', 'delivered', 'delivered', 'cancelled'];
  for (let i = 0; i < customers; i++) {
    const customer = addCustomer(db, random);
    for (let j = random.integer(1, 3); j > 0; j--)
      addOrder(db, random, { customerId: customer.id, status: random.pick(statuses) });
  }
  return { db, random };
}

export function cloneDatabase(db: RetailDatabase): RetailDatabase {
  return structuredClone(db);
}

/** Every path where `actual` differs from `expected`, as `orders.W1234.status: expected "delivered", got "cancelled"`. */
export function databaseDiff(expected: unknown, actual: unknown, path = ''): string[] {
  if (Object.is(expected, actual)) return [];
  const bothObjects =
    expected !== null && actual !== null && typeof expected === 'object' && typeof actual === 'object';
  if (!bothObjects || Array.isArray(expected) !== Array.isArray(actual)) {
    return [`${path || '(root)'}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
  }
  const keys = new Set([...Object.keys(expected as object), ...Object.keys(actual as object)]);
  return [...keys].flatMap((key) =>
    databaseDiff(
      (expected as Record<string, unknown>)[key],
      (actual as Record<string, unknown>)[key],
      path ? `${path}.${key}` : key,
    ),
  );
}
