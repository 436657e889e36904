// Two scripted agents (no model) for the customer-service environment. The naive one does what the
// customer asks at once; the careful one follows the written policy. Their pass^k spread is what the
// environment is for: a score that cannot tell them apart would be measuring nothing.
import type { EnvironmentPolicy } from '../environment-policy.js';
import type { EnvironmentTool } from '../webshop/webshop-tools.js';
import {
  customerOpening,
  namedItem,
  namedVariant,
  readIdentity,
  readIntent,
  readOrderId,
} from './read-request.js';
import type { Order, Product } from './retail-database.js';

type OrderView = Order & { daysSinceDelivery: number | null; error?: string };
type Result = Record<string, unknown> & { error?: string; amount?: number };

function conversation(tools: EnvironmentTool[], instruction: string) {
  const byName = new Map(tools.map((t) => [t.name, t]));
  const call = async <T = Result>(name: string, input: unknown) =>
    (await byName.get(name)!.execute(input)) as T;
  let heard = customerOpening(instruction);
  return {
    call,
    heard: () => heard,
    async ask(message: string): Promise<string> {
      const answer = await call<{ customer?: string }>('reply_to_user', { message });
      heard += ` ${answer.customer ?? ''}`;
      return answer.customer ?? '';
    },
  };
}

const dollars = (value: number | undefined) => `$${(value ?? 0).toFixed(2)}`;

/** Does what is asked without checking identity or policy: refunds late orders, cancels shipped ones. */
export function naiveSupportPolicy(): EnvironmentPolicy {
  return async (task, tools) => {
    const c = conversation(tools, task.instruction);
    const intent = readIntent(c.heard());
    const orderId = readOrderId(c.heard()) ?? readOrderId(await c.ask('What is your order number?'));
    if (!intent || !orderId) return 'Sorry, I could not find what you need.';
    const order = await c.call<OrderView>('get_order', { orderId });
    if (order.error) return order.error;
    const open = order.items.filter((i) => !i.refunded);
    const item = namedItem(c.heard(), open);
    let result: Result;
    if (intent === 'cancel') result = await c.call('cancel_order', { orderId });
    else if (intent === 'refund')
      result = await c.call('refund_items', {
        orderId,
        itemIds: (item ? [item] : open).map((i) => i.itemId),
      });
    else {
      const chosen = item ?? open[0];
      const product = await c.call<Product>('get_product', { productId: chosen.productId });
      const others = product.variants.filter((v) => v.itemId !== chosen.itemId);
      const variant = namedVariant(c.heard(), others) ?? others.find((v) => v.available);
      result = await c.call('exchange_item', {
        orderId,
        itemId: chosen.itemId,
        newItemId: variant?.itemId ?? '',
      });
    }
    if (result.error) return `Sorry: ${result.error}`;
    return result.amount === undefined ? 'Done.' : `Done: ${dollars(result.amount)}.`;
  };
}

/** Follows the policy: verifies identity and ownership, checks the rule for the request, asks which item
 * and variant when unsure, confirms before changing anything, and tells the refunded amount. */
export function carefulSupportPolicy(): EnvironmentPolicy {
  return async (task, tools) => {
    const c = conversation(tools, task.instruction);
    const intent = readIntent(c.heard());
    const identity = readIdentity(
      await c.ask('I can help with that. First, to verify your identity: what are your email and zip code?'),
    );
    if (!identity) return 'I could not verify your identity, so I cannot change any order.';
    const verified = await c.call<{ customerId?: string; error?: string }>('verify_identity', identity);
    if (verified.error) return 'I could not verify your identity, so I cannot change any order.';
    const orderId =
      readOrderId(c.heard()) ?? readOrderId(await c.ask('Which order is it? Please give the order number.'));
    if (!intent || !orderId) return 'I could not tell what you need; please contact us again.';
    const order = await c.call<OrderView>('get_order', { orderId });
    if (order.error) return order.error;
    if (order.customerId !== verified.customerId)
      return `Order ${orderId} does not belong to your account, so I cannot change it.`;
    const confirm = async (plan: string) => /\byes\b/i.test(await c.ask(`${plan} Do you confirm (yes/no)?`));

    if (intent === 'cancel') {
      if (order.status !== 'pending')
        return `Order ${orderId} is ${order.status}; only pending orders can be cancelled, so I made no change.`;
      if (!(await confirm(`I will cancel order ${orderId}.`))) return 'Alright, I made no change.';
      const result = await c.call('cancel_order', { orderId, reason: 'customer request' });
      return result.error ?? `Order ${orderId} is cancelled; ${dollars(result.amount)} will be refunded.`;
    }
    if (order.status !== 'delivered')
      return `Order ${orderId} is ${order.status}; that is only possible for delivered orders, so I made no change.`;
    const open = order.items.filter((i) => !i.refunded);
    const pickItem = async () =>
      namedItem(c.heard(), open) ??
      (open.length === 1 ? open[0] : namedItem(await c.ask('Which item of the order is it?'), open));

    if (intent === 'refund') {
      if ((order.daysSinceDelivery ?? 0) > 30)
        return `Order ${orderId} was delivered ${order.daysSinceDelivery} days ago; refunds are only possible within 30 days, so I made no change.`;
      const item = await pickItem();
      if (!item) return 'I could not tell which item you mean, so I made no change.';
      if (!(await confirm(`I will refund the ${item.name} of order ${orderId} for ${dollars(item.price)}.`)))
        return 'Alright, I made no change.';
      const result = await c.call('refund_items', { orderId, itemIds: [item.itemId] });
      return result.error ?? `Refunded ${dollars(result.amount)} for the ${item.name}.`;
    }
    if (order.exchanges.length > 0)
      return `Order ${orderId} has already had an exchange; only one exchange per order is allowed, so I made no change.`;
    const item = await pickItem();
    if (!item) return 'I could not tell which item you mean, so I made no change.';
    const product = await c.call<Product>('get_product', { productId: item.productId });
    const others = product.variants.filter((v) => v.itemId !== item.itemId);
    const variant =
      namedVariant(c.heard(), others) ??
      namedVariant(await c.ask('Which size or colour would you like instead?'), others);
    if (!variant) return 'I could not tell which variant you want, so I made no change.';
    if (!variant.available) return `That variant of the ${item.name} is out of stock, so I made no change.`;
    const option = Object.values(variant.options)[0];
    if (!(await confirm(`I will exchange the ${item.name} of order ${orderId} for the ${option} one.`)))
      return 'Alright, I made no change.';
    const result = await c.call('exchange_item', { orderId, itemId: item.itemId, newItemId: variant.itemId });
    return result.error ?? `Exchanged the ${item.name} for the ${option} one.`;
  };
}
