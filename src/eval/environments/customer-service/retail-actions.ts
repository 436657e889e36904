// The database's write actions. They enforce only what the system physically prevents (an unknown
// order, an item refunded twice, a variant out of stock); the written policy is the agent's job, so a
// careless agent can break it, and the final database state shows that it did.
import type { Order, RetailDatabase } from './retail-database.js';

export type ActionResult = Record<string, unknown> & { error?: string };

export interface RefundInput {
  orderId: string;
  itemIds: string[];
}
export interface CancelInput {
  orderId: string;
  reason?: string;
}
export interface ExchangeInput {
  orderId: string;
  itemId: string;
  newItemId: string;
}

export type RetailAction =
  | { tool: 'refund_items'; input: RefundInput }
  | { tool: 'cancel_order'; input: CancelInput }
  | { tool: 'exchange_item'; input: ExchangeInput };

const money = (value: number) => Math.round(value * 100) / 100;

function findOrder(db: RetailDatabase, orderId: string): Order | { error: string } {
  const order = db.orders[orderId.replace(/^#/, '')];
  return order ?? { error: `No order '${orderId}'.` };
}

export function refundItems(db: RetailDatabase, { orderId, itemIds }: RefundInput): ActionResult {
  const order = findOrder(db, orderId);
  if ('error' in order) return order;
  if (order.status === 'cancelled') return { error: `Order ${order.id} is cancelled.` };
  if (itemIds.length === 0) return { error: 'Name at least one item id.' };
  const items = [];
  for (const itemId of itemIds) {
    const item = order.items.find((i) => i.itemId === itemId);
    if (!item) return { error: `Order ${order.id} has no item '${itemId}'.` };
    if (item.refunded) return { error: `Item ${itemId} of order ${order.id} is already refunded.` };
    items.push(item);
  }
  for (const item of items) item.refunded = true;
  const amount = money(items.reduce((sum, item) => sum + item.price, 0));
  order.refunds.push({ itemIds: [...itemIds], amount });
  return { orderId: order.id, refunded: itemIds, amount };
}

export function cancelOrder(db: RetailDatabase, { orderId }: CancelInput): ActionResult {
  const order = findOrder(db, orderId);
  if ('error' in order) return order;
  if (order.status === 'cancelled' || order.status === 'delivered')
    return { error: `Order ${order.id} is ${order.status} and cannot be cancelled.` };
  order.status = 'cancelled';
  const amount = money(order.items.reduce((sum, item) => sum + item.price, 0));
  return { orderId: order.id, status: 'cancelled', amount };
}

export function exchangeItem(
  db: RetailDatabase,
  { orderId, itemId, newItemId }: ExchangeInput,
): ActionResult {
  const order = findOrder(db, orderId);
  if ('error' in order) return order;
  const item = order.items.find((i) => i.itemId === itemId);
  if (!item) return { error: `Order ${order.id} has no item '${itemId}'.` };
  if (item.refunded) return { error: `Item ${itemId} is refunded and cannot be exchanged.` };
  const variant = db.products[item.productId]?.variants.find((v) => v.itemId === newItemId);
  if (!variant) return { error: `'${newItemId}' is not a variant of ${item.name}.` };
  if (!variant.available) return { error: `Variant ${newItemId} of ${item.name} is out of stock.` };
  if (newItemId === itemId) return { error: 'The new variant is the one already ordered.' };
  const priceDifference = money(variant.price - item.price);
  order.exchanges.push({ fromItemId: itemId, toItemId: newItemId, priceDifference });
  item.itemId = newItemId;
  item.options = { ...variant.options };
  item.price = variant.price;
  return { orderId: order.id, exchanged: itemId, for: newItemId, options: variant.options, priceDifference };
}

export function applyAction(db: RetailDatabase, action: RetailAction): ActionResult {
  switch (action.tool) {
    case 'refund_items':
      return refundItems(db, action.input);
    case 'cancel_order':
      return cancelOrder(db, action.input);
    case 'exchange_item':
      return exchangeItem(db, action.input);
  }
}
