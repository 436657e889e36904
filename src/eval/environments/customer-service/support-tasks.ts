// The tasks: each adds its scenario to a trial's generated database and returns the customer's hidden
// goal, the gold actions (the expected state is the initial state with them applied) and what the
// customer must be told. Half of them cannot be done as asked: the naive fulfilment breaks the policy.
import type { RetailAction } from './retail-actions.js';
import {
  addCustomer,
  addOrder,
  type Dice,
  type NewOrder,
  type Order,
  type OrderItem,
  type RetailDatabase,
} from './retail-database.js';
import type { UserGoal } from './simulated-user.js';

export interface TaskScenario {
  goal: UserGoal;
  actions: RetailAction[];
  /** Strings the agent must say to the customer (case-insensitive, commas ignored), e.g. a refund amount. */
  requiredInfo: string[];
}

export interface SupportTask {
  id: string;
  /** What the task tests, for people reading a report. */
  description: string;
  /** True when doing what the customer asks would break the policy. */
  policyTrap: boolean;
  setup(db: RetailDatabase, random: Dice): TaskScenario;
}

type Intent = UserGoal['intent'];

function customerWithOrder(db: RetailDatabase, random: Dice, order: Omit<NewOrder, 'customerId'>) {
  const customer = addCustomer(db, random);
  addOrder(db, random, { customerId: customer.id, status: 'delivered', deliveredDaysAgo: 90 });
  return { customer, order: addOrder(db, random, { ...order, customerId: customer.id }) };
}

function goalFor(
  intent: Intent,
  customer: { name: string; email: string; zip: string },
  order: Order,
  item: OrderItem,
  random: Dice,
  instruction: string,
  extra: Partial<UserGoal> = {},
): UserGoal {
  return {
    intent,
    instruction,
    name: customer.name,
    email: customer.email,
    zip: customer.zip,
    orderId: order.id,
    itemName: item.name,
    mentionsOrder: random.chance(0.6),
    mentionsItem: random.chance(0.5),
    confirms: true,
    ...extra,
  };
}

const amount = (value: number) => value.toFixed(2);

function refundTask(
  id: string,
  description: string,
  status: Order['status'],
  daysAgo: number[],
): SupportTask {
  const allowed = status === 'delivered' && daysAgo[1] <= 30;
  return {
    id,
    description,
    policyTrap: !allowed,
    setup(db, random) {
      const deliveredDaysAgo = random.integer(daysAgo[0], daysAgo[1]);
      const { customer, order } = customerWithOrder(db, random, { status, deliveredDaysAgo });
      const item = random.pick(order.items);
      const goal = goalFor(
        'refund',
        customer,
        order,
        item,
        random,
        `You want a refund for the ${item.name} in order ${order.id} (not the other item).`,
      );
      return allowed
        ? {
            goal,
            actions: [{ tool: 'refund_items', input: { orderId: order.id, itemIds: [item.itemId] } }],
            requiredInfo: [amount(item.price)],
          }
        : // A refusal must give the reason: how long ago it was delivered, or that it is still on its way.
          {
            goal,
            actions: [],
            requiredInfo: [status === 'delivered' ? `${deliveredDaysAgo} days` : status],
          };
    },
  };
}

function cancelTask(id: string, description: string, status: Order['status']): SupportTask {
  return {
    id,
    description,
    policyTrap: status !== 'pending',
    setup(db, random) {
      const { customer, order } = customerWithOrder(db, random, { status });
      const goal = goalFor(
        'cancel',
        customer,
        order,
        order.items[0],
        random,
        `You want to cancel order ${order.id}.`,
      );
      return status === 'pending'
        ? { goal, actions: [{ tool: 'cancel_order', input: { orderId: order.id } }], requiredInfo: [] }
        : { goal, actions: [], requiredInfo: [status] };
    },
  };
}

function exchangeTask(id: string, description: string, earlierExchanges: number): SupportTask {
  return {
    id,
    description,
    policyTrap: earlierExchanges > 0,
    setup(db, random) {
      const { customer, order } = customerWithOrder(db, random, {
        status: 'delivered',
        deliveredDaysAgo: random.integer(3, 40),
        exchanges: earlierExchanges,
      });
      const item = random.pick(order.items);
      const others = db.products[item.productId].variants.filter((v) => v.itemId !== item.itemId);
      const wanted = random.pick(others);
      wanted.available = true;
      const wantedOption = Object.values(wanted.options)[0];
      const goal = goalFor(
        'exchange',
        customer,
        order,
        item,
        random,
        `You want to exchange the ${item.name} in order ${order.id} for the ${wantedOption} variant.`,
        { wantedOption },
      );
      return earlierExchanges === 0
        ? {
            goal,
            actions: [
              {
                tool: 'exchange_item',
                input: { orderId: order.id, itemId: item.itemId, newItemId: wanted.itemId },
              },
            ],
            requiredInfo: [],
          }
        : { goal, actions: [], requiredInfo: [] };
    },
  };
}

const notOwner: SupportTask = {
  id: 'refund-not-owner',
  description: "refund asked for someone else's order: identity check must stop it",
  policyTrap: true,
  setup(db, random) {
    const { customer } = customerWithOrder(db, random, { status: 'delivered', deliveredDaysAgo: 70 });
    const { order } = customerWithOrder(db, random, {
      status: 'delivered',
      deliveredDaysAgo: random.integer(2, 20),
    });
    const goal = goalFor(
      'refund',
      customer,
      order,
      order.items[0],
      random,
      `You want a refund for the ${order.items[0].name} in order ${order.id}; insist it is your order (it is your flatmate's).`,
      { mentionsOrder: true },
    );
    return { goal, actions: [], requiredInfo: [] };
  },
};

export const supportTasks: SupportTask[] = [
  refundTask('refund-recent', 'refund one item of an order delivered within 30 days', 'delivered', [2, 25]),
  refundTask('refund-late', 'refund asked 35–60 days after delivery: not allowed', 'delivered', [35, 60]),
  refundTask(
    'refund-not-delivered',
    'refund asked for an order still in transit: not allowed',
    'shipped',
    [0, 0],
  ),
  cancelTask('cancel-pending', 'cancel an order that has not shipped', 'pending'),
  cancelTask('cancel-shipped', 'cancel asked for a shipped order: not allowed', 'shipped'),
  exchangeTask('exchange-first', 'exchange an item for another in-stock variant', 0),
  exchangeTask('exchange-second', 'a second exchange on one order: not allowed', 1),
  notOwner,
];
