// The customer-service environment: database-state checks pinned on hand-built cases, the actions'
// physical limits, pass^k arithmetic, the naive-vs-careful spread, and an agent (Gantry's runtime with a
// scripted model) and a model-played customer through the existing adapters.
import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { createScriptedModel } from '../../../model/index.js';
import { runEval } from '../../runner/index.js';
import { passHatK, taskSuccess } from '../../scorers/index.js';
import { agentPolicy } from '../agent-policy.js';
import {
  addRetailCustomer as addCustomer,
  addRetailOrder as addOrder,
  applyRetailAction as applyAction,
  carefulSupportPolicy,
  cloneRetailDatabase as cloneDatabase,
  customerServiceEnvironment,
  databaseDiff,
  retailDice as dice,
  generateRetailDatabase,
  judgeSupportOutcome,
  modelUser,
  naiveSupportPolicy,
  type RetailAction,
  type RetailDatabase,
  type SupportTask,
  supportTasks,
} from './index.js';

/** A small database built by hand: one customer, a delivered order (10 days ago) and a shipped one. */
function handBuilt(): RetailDatabase {
  const { db } = generateRetailDatabase({ seed: 1, customers: 0 });
  db.customers.C1 = { id: 'C1', name: 'Dana Ruiz', email: 'dana@example.com', zip: '94110' };
  const item = (itemId: string, productId: string, name: string, price: number) => ({
    itemId,
    productId,
    name,
    options: {},
    price,
    refunded: false,
  });
  const headphones = db.products.P100.variants[0];
  db.orders.W1000 = {
    id: 'W1000',
    customerId: 'C1',
    status: 'delivered',
    placedDay: 385,
    deliveredDay: 390,
    items: [
      { ...item(headphones.itemId, 'P100', 'wireless headphones', 89), options: { ...headphones.options } },
      item('I9999', 'P400', 'water bottle', 24.5),
    ],
    refunds: [],
    exchanges: [],
  };
  db.orders.W2000 = {
    id: 'W2000',
    customerId: 'C1',
    status: 'shipped',
    placedDay: 398,
    deliveredDay: null,
    items: [item('I8888', 'P500', 'desk lamp', 45)],
    refunds: [],
    exchanges: [],
  };
  return db;
}

describe('database-state checks', () => {
  it('a matching final state with the required facts said succeeds', () => {
    const initial = handBuilt();
    const expected = cloneDatabase(initial);
    const actual = cloneDatabase(initial);
    const gold: RetailAction = { tool: 'refund_items', input: { orderId: 'W1000', itemIds: ['I9999'] } };
    expect(applyAction(expected, gold)).toEqual({ orderId: 'W1000', refunded: ['I9999'], amount: 24.5 });
    applyAction(actual, gold);
    expect(judgeSupportOutcome(expected, actual, ['Refunded $24.50.'], ['24.50'])).toEqual({
      success: true,
      databaseMatches: true,
      differences: [],
      missingInfo: [],
      violations: [],
    });
    // The amount never said: the state matches but the trial fails.
    const silent = judgeSupportOutcome(expected, actual, ['Done.'], ['24.50']);
    expect(silent).toMatchObject({ success: false, databaseMatches: true, missingInfo: ['24.50'] });
  });

  it('refunding the whole order instead of the one item is caught, path by path', () => {
    const initial = handBuilt();
    const expected = cloneDatabase(initial);
    applyAction(expected, { tool: 'refund_items', input: { orderId: 'W1000', itemIds: ['I9999'] } });
    const actual = cloneDatabase(initial);
    const all = [initial.orders.W1000.items[0].itemId, 'I9999'];
    applyAction(actual, { tool: 'refund_items', input: { orderId: 'W1000', itemIds: all } });
    expect(databaseDiff(expected, actual)).toEqual([
      'orders.W1000.items.0.refunded: expected false, got true',
      `orders.W1000.refunds.0.itemIds.0: expected "I9999", got "${all[0]}"`,
      'orders.W1000.refunds.0.itemIds.1: expected undefined, got "I9999"',
      'orders.W1000.refunds.0.amount: expected 24.5, got 113.5',
    ]);
  });

  it('cancelling a shipped order (allowed by the tool, not by the policy) changes the state the check compares', () => {
    const expected = handBuilt();
    const actual = cloneDatabase(expected);
    expect(applyAction(actual, { tool: 'cancel_order', input: { orderId: 'W2000' } })).toMatchObject({
      status: 'cancelled',
      amount: 45,
    });
    const outcome = judgeSupportOutcome(expected, actual, ['Cancelled.'], []);
    expect(outcome.success).toBe(false);
    expect(outcome.differences).toEqual(['orders.W2000.status: expected "shipped", got "cancelled"']);
  });

  it('strict mode also fails a matching state reached without verifying the owner', () => {
    const db = handBuilt();
    const violation = ['cancel_order on order W2000 without verifying its owner'];
    expect(judgeSupportOutcome(db, db, [], [], violation).success).toBe(true);
    expect(judgeSupportOutcome(db, db, [], [], violation, true).success).toBe(false);
  });

  it('the actions refuse only what the system cannot do', () => {
    const db = handBuilt();
    expect(
      applyAction(db, { tool: 'refund_items', input: { orderId: 'W1000', itemIds: ['I9999'] } }).error,
    ).toBe(undefined);
    expect(
      applyAction(db, { tool: 'refund_items', input: { orderId: 'W1000', itemIds: ['I9999'] } }).error,
    ).toBe('Item I9999 of order W1000 is already refunded.');
    expect(applyAction(db, { tool: 'cancel_order', input: { orderId: 'W1000' } }).error).toBe(
      'Order W1000 is delivered and cannot be cancelled.',
    );
    const headphones = db.orders.W1000.items[0];
    const [, second] = db.products.P100.variants;
    second.available = false;
    expect(
      applyAction(db, {
        tool: 'exchange_item',
        input: { orderId: 'W1000', itemId: headphones.itemId, newItemId: second.itemId },
      }).error,
    ).toBe(`Variant ${second.itemId} of wireless headphones is out of stock.`);
    second.available = true;
    const exchanged = applyAction(db, {
      tool: 'exchange_item',
      input: { orderId: 'W1000', itemId: headphones.itemId, newItemId: second.itemId },
    });
    expect(exchanged.error).toBe(undefined);
    expect(db.orders.W1000.items[0]).toMatchObject({ itemId: second.itemId, options: second.options });
    expect(db.orders.W1000.exchanges).toHaveLength(1);
  });

  it('the same seed builds the same database; another seed another one', () => {
    const a = generateRetailDatabase({ seed: 5 }).db;
    expect(databaseDiff(a, generateRetailDatabase({ seed: 5 }).db)).toEqual([]);
    expect(databaseDiff(a, generateRetailDatabase({ seed: 6 }).db).length).toBeGreaterThan(0);
  });
});

describe('pass^k arithmetic (τ-bench: C(c,k)/C(n,k), averaged over tasks)', () => {
  it('matches hand-computed values', () => {
    expect(passHatK([{ n: 4, c: 2 }], 1)).toBe(0.5);
    expect(passHatK([{ n: 4, c: 2 }], 2)).toBeCloseTo(1 / 6, 12); // C(2,2)/C(4,2)
    expect(passHatK([{ n: 4, c: 2 }], 3)).toBe(0); // fewer passes than k
    expect(passHatK([{ n: 8, c: 3 }], 2)).toBeCloseTo(3 / 28, 12); // C(3,2)/C(8,2)
    expect(passHatK([{ n: 8, c: 7 }], 4)).toBeCloseTo(35 / 70, 12); // C(7,4)/C(8,4)
    expect(
      passHatK(
        [
          { n: 8, c: 8 },
          { n: 8, c: 0 },
        ],
        8,
      ),
    ).toBe(0.5);
    expect(() => passHatK([{ n: 3, c: 1 }], 4)).toThrow(/k ≤ n/);
  });
});

describe('naive vs careful scripted policies', () => {
  const trials = 6;
  const environment = customerServiceEnvironment();
  const runWith = (policy: ReturnType<typeof naiveSupportPolicy>) =>
    runEval({
      target: environment.target(policy),
      examples: environment.examples(),
      scorers: [taskSuccess()],
      repeat: trials,
      concurrency: 1,
    });
  const passes = (run: Awaited<ReturnType<typeof runWith>>, id: string) =>
    run.results.filter((r) => r.exampleId === id && r.scores['task-success'].pass).length;

  it('the careful policy passes every trial; the naive one fails every policy trap', async () => {
    const careful = await runWith(carefulSupportPolicy());
    const naive = await runWith(naiveSupportPolicy());
    expect(careful.summary.passHatK?.[1]).toBe(1);
    expect(careful.summary.passHatK?.[trials]).toBe(1);
    for (const task of supportTasks.filter((t) => t.policyTrap))
      expect(passes(naive, task.id), task.id).toBe(0);
    expect(passes(naive, 'cancel-pending')).toBe(trials);
    // pass^k is the mean of C(c,k)/C(n,k) over the per-task counts the run produced.
    const counts = supportTasks.map((t) => ({ n: trials, c: passes(naive, t.id) }));
    for (const k of [1, 2, trials]) expect(naive.summary.passHatK?.[k]).toBeCloseTo(passHatK(counts, k), 12);
    expect(naive.summary.passHatK?.[1]).toBeLessThan(0.5);
    // Unnamed items make the naive policy refund the whole order in some trials: pass^k falls with k.
    expect(naive.summary.passHatK?.[trials]).toBeLessThan(naive.summary.passHatK?.[1] ?? 0);
    const late = naive.results.find((r) => r.exampleId === 'refund-late')!;
    expect(late.output?.metadata).toMatchObject({ success: false, databaseMatches: false, policyTrap: true });
    const metadata = late.output?.metadata as { differences: string[]; violations: string[] };
    expect(metadata.differences.some((d) => /refunded: expected false, got true/.test(d))).toBe(true);
    expect(metadata.violations[0]).toMatch(/^refund_items on order W\d{4} without verifying/);
  });

  it('an unknown task is an EVAL_ENVIRONMENT_INVALID error', async () => {
    const target = environment.target(naiveSupportPolicy());
    const context = {
      example: { id: 'nope', input: '' },
      trial: 0,
      seed: 0,
      signal: new AbortController().signal,
    };
    await expect(target.run('', context)).rejects.toMatchObject({ code: 'EVAL_ENVIRONMENT_INVALID' });
  });
});

/** One pending order the customer names in the first message, for scripted-model runs. */
const cancelTask: SupportTask = {
  id: 'cancel-named',
  description: 'cancel a pending order named in the first message',
  policyTrap: false,
  setup(db, random) {
    const customer = addCustomer(db, random);
    const order = addOrder(db, random, { customerId: customer.id, status: 'pending' });
    return {
      goal: {
        intent: 'cancel',
        instruction: `You want to cancel order ${order.id}.`,
        name: customer.name,
        email: customer.email,
        zip: customer.zip,
        orderId: order.id,
        itemName: order.items[0].name,
        mentionsOrder: true,
        mentionsItem: true,
        confirms: true,
      },
      actions: [{ tool: 'cancel_order', input: { orderId: order.id } }],
      requiredInfo: [order.id],
    };
  },
};

const promptText = (options: LanguageModelV3CallOptions) => JSON.stringify(options.prompt);
const lastMatch = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].at(-1)?.[1] ?? '';

describe('an agent through agentPolicy with a scripted model', () => {
  it('verifies, confirms, cancels: the state matches and the run passes', async () => {
    const model = createScriptedModel([
      {
        toolCalls: [
          { toolName: 'reply_to_user', input: { message: 'Please tell me your email and zip code.' } },
        ],
      },
      (options) => {
        const text = promptText(options);
        const email = lastMatch(text, /email is ([\w.@-]+?)\.? and/g);
        const zip = lastMatch(text, /zip code is (\d{5})/g);
        return { toolCalls: [{ toolName: 'verify_identity', input: { email, zip } }] };
      },
      (options) => {
        const orderId = lastMatch(promptText(options), /order (W\d{4})/g);
        return {
          toolCalls: [
            {
              toolName: 'reply_to_user',
              input: { message: `I will cancel order ${orderId}. Do you confirm (yes/no)?` },
            },
          ],
        };
      },
      (options) => ({
        toolCalls: [
          { toolName: 'cancel_order', input: { orderId: lastMatch(promptText(options), /order (W\d{4})/g) } },
        ],
      }),
      (options) => ({ text: `Order ${lastMatch(promptText(options), /order (W\d{4})/g)} is cancelled.` }),
    ]);
    const environment = customerServiceEnvironment({ tasks: [cancelTask], strict: true });
    const run = await runEval({
      target: environment.target(agentPolicy({ model, limits: { steps: 8 } })),
      examples: environment.examples(),
      scorers: [taskSuccess()],
    });
    model.assertComplete();
    const result = run.results[0];
    expect(result.error).toBe(null);
    expect(result.output?.metadata).toMatchObject({ success: true, databaseMatches: true, violations: [] });
    expect(
      result.output?.trajectory?.filter((s) => s.kind === 'tool-call').map((s) => s.toolCall?.toolName),
    ).toEqual(['reply_to_user', 'verify_identity', 'reply_to_user', 'cancel_order']);
    const transcript = result.output?.metadata?.transcript as { role: string; text: string }[];
    expect(transcript.map((m) => m.role)).toEqual([
      'customer',
      'agent',
      'customer',
      'agent',
      'customer',
      'agent',
    ]);
    expect(transcript[4].text).toBe('Yes, please go ahead.');
    // The instruction the agent was given carries the written policy.
    expect(promptText(model.calls[0].options)).toContain(
      'only pending orders (not yet shipped) can be cancelled',
    );
  });

  it('an agent that skips verification fails in strict mode although the state matches', async () => {
    const model = createScriptedModel([
      (options) => ({
        toolCalls: [
          { toolName: 'cancel_order', input: { orderId: lastMatch(promptText(options), /order (W\d{4})/g) } },
        ],
      }),
      (options) => ({ text: `Cancelled ${lastMatch(promptText(options), /order (W\d{4})/g)}.` }),
    ]);
    const environment = customerServiceEnvironment({ tasks: [cancelTask], strict: true });
    const run = await runEval({
      target: environment.target(agentPolicy({ model })),
      examples: environment.examples(),
      scorers: [taskSuccess()],
    });
    expect(run.results[0].output?.metadata).toMatchObject({ success: false, databaseMatches: true });
    expect(run.summary.passRate).toBe(0);
  });
});

describe('a model playing the customer (modelUser)', () => {
  it('is given the hidden goal and talks through reply_to_user until it stops', async () => {
    const user = createScriptedModel([
      (options) => ({
        text: `Hi, please cancel order ${lastMatch(JSON.stringify(options.prompt), /cancel order (W\d{4})/g)}.`,
      }),
      (options) => {
        const system = JSON.stringify(options.prompt);
        return {
          text: `Sure: ${lastMatch(system, /your email ([\w.@-]+?), /g)}, zip ${lastMatch(system, /zip code (\d{5})/g)}.`,
        };
      },
      { text: 'Yes. ###STOP###' },
    ]);
    const environment = customerServiceEnvironment({ tasks: [cancelTask], user: modelUser({ model: user }) });
    const run = await runEval({
      target: environment.target(carefulSupportPolicy()),
      examples: environment.examples(),
      scorers: [taskSuccess()],
    });
    user.assertComplete();
    expect(run.results[0].output?.metadata).toMatchObject({ success: true, databaseMatches: true });
    const transcript = run.results[0].output?.metadata?.transcript as { role: string; text: string }[];
    expect(transcript[0].text).toMatch(/^Hi, please cancel order W\d{4}\.$/);
  });
});

describe('seeded dice', () => {
  it('is deterministic', () => {
    const a = dice(3);
    const b = dice(3);
    expect([a.integer(1, 100), a.pick(['x', 'y', 'z']), a.chance(0.5)]).toEqual([
      b.integer(1, 100),
      b.pick(['x', 'y', 'z']),
      b.chance(0.5),
    ]);
  });
});
