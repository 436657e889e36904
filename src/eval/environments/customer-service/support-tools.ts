// The agent's tools in one conversation: reads and writes over this trial's database, identity
// verification, and reply_to_user, the only channel to the simulated customer.
import { z } from 'zod';
import type { EnvironmentTool } from '../webshop/webshop-tools.js';
import { type ActionResult, applyAction, type RetailAction } from './retail-actions.js';
import type { RetailDatabase } from './retail-database.js';
import { type SimulatedUser, userStop } from './simulated-user.js';

export interface SupportSession {
  db: RetailDatabase;
  user: SimulatedUser;
  verifiedCustomerId?: string;
  /** The conversation as the customer saw it. */
  transcript: { role: 'agent' | 'customer'; text: string }[];
  /** Changes made to an order whose owner was not verified first (rule 1 of the policy). */
  violations: string[];
  ended: boolean;
}

const orderView = (db: RetailDatabase, orderId: string) => {
  const order = db.orders[orderId.replace(/^#/, '')];
  if (!order) return { error: `No order '${orderId}'.` };
  return {
    ...order,
    daysSinceDelivery: order.deliveredDay === null ? null : db.today - order.deliveredDay,
    exchangeCount: order.exchanges.length,
  };
};

export function supportTools(session: SupportSession): EnvironmentTool[] {
  const { db } = session;
  const write = (action: RetailAction): ActionResult => {
    const owner = db.orders[action.input.orderId.replace(/^#/, '')]?.customerId;
    if (owner && owner !== session.verifiedCustomerId)
      session.violations.push(`${action.tool} on order ${action.input.orderId} without verifying its owner`);
    return applyAction(db, action);
  };
  const orderId = z.string().describe('order id, e.g. W1234');
  return [
    {
      name: 'verify_identity',
      description: "Verify the customer's identity from their email and zip code. Returns their customer id.",
      input: z.object({ email: z.string(), zip: z.string() }),
      execute: async ({ email, zip }: { email: string; zip: string }) => {
        const customer = Object.values(db.customers).find(
          (c) => c.email === email.trim().toLowerCase() && c.zip === zip.trim(),
        );
        if (!customer) return { error: 'No customer with this email and zip code.' };
        session.verifiedCustomerId = customer.id;
        return { customerId: customer.id, name: customer.name };
      },
    },
    {
      name: 'list_orders',
      description: "List a customer's orders (id, status, item names).",
      input: z.object({ customerId: z.string() }),
      execute: async ({ customerId }: { customerId: string }) =>
        Object.values(db.orders)
          .filter((o) => o.customerId === customerId)
          .map((o) => ({ orderId: o.id, status: o.status, items: o.items.map((i) => i.name) })),
    },
    {
      name: 'get_order',
      description:
        'Read an order: owner, status, items (item id, name, options, price, refunded), delivery, days since delivery, exchanges.',
      input: z.object({ orderId }),
      execute: async ({ orderId }: { orderId: string }) => orderView(db, orderId),
    },
    {
      name: 'get_product',
      description: "Read a product's variants (item id, options, price, in stock).",
      input: z.object({ productId: z.string() }),
      execute: async ({ productId }: { productId: string }) =>
        db.products[productId] ?? { error: `No product '${productId}'.` },
    },
    {
      name: 'refund_items',
      description: 'Refund items of an order (by item id). Returns the amount refunded.',
      input: z.object({ orderId, itemIds: z.array(z.string()) }),
      execute: async (input: { orderId: string; itemIds: string[] }) =>
        write({ tool: 'refund_items', input }),
    },
    {
      name: 'cancel_order',
      description: 'Cancel an order that has not been delivered.',
      input: z.object({ orderId, reason: z.string().optional() }),
      execute: async (input: { orderId: string; reason?: string }) => write({ tool: 'cancel_order', input }),
    },
    {
      name: 'exchange_item',
      description: 'Exchange an item of an order for another variant (item id) of the same product.',
      input: z.object({ orderId, itemId: z.string(), newItemId: z.string() }),
      execute: async (input: { orderId: string; itemId: string; newItemId: string }) =>
        write({ tool: 'exchange_item', input }),
    },
    {
      name: 'reply_to_user',
      description: "Send a message to the customer and get their answer (the conversation's only channel).",
      input: z.object({ message: z.string() }),
      execute: async ({ message }: { message: string }) => {
        if (session.ended) return { error: 'The customer has left the conversation.' };
        session.transcript.push({ role: 'agent', text: message });
        const answer = await session.user.reply(message);
        session.transcript.push({ role: 'customer', text: answer });
        if (answer.includes(userStop)) session.ended = true;
        return { customer: answer.replace(userStop, '').trim(), conversationEnded: session.ended };
      },
    },
  ] as EnvironmentTool[];
}
