// The web shop environment: a generated catalogue, tasks as eval examples, the local site, and a
// target that runs a policy in a fresh session per (example, trial) and reports WebShop's reward.
import { randomUUID } from 'node:crypto';
import { GantryError } from '../../../errors/index.js';
import type { EvalExample, Target, TrajectoryStep } from '../../types.js';
import type { EnvironmentPolicy } from '../environment-policy.js';
import { generateCatalogue, type Product } from './catalogue.js';
import { generateDecoys } from './decoys.js';
import { generateTasks, type ShopTask } from './shop-tasks.js';
import { webShopReward } from './webshop-reward.js';
import { startWebShopServer, type WebShopServer } from './webshop-server.js';
import { recordTools, webShopTools } from './webshop-tools.js';

export interface WebShopEnvironmentOptions {
  products?: Product[];
  tasks?: ShopTask[];
  seed?: number;
  /** Products generated (default 2000); ignored when `products` is given. */
  catalogueSize?: number;
  taskCount?: number;
  /** Share of generated products that are out of stock (default 0.2). */
  outOfStockRate?: number;
  /**
   * Add near-duplicates of each task's product: over the price cap, lacking a goal option, lacking a
   * goal attribute, out of stock.
   */
  decoys?: boolean;
}

export interface WebShopEnvironment {
  products: Product[];
  tasks: ShopTask[];
  examples(): EvalExample[];
  /** Starts the site on first use; close() stops it. */
  target(policy: EnvironmentPolicy, name?: string): Target;
  url(): Promise<string>;
  close(): Promise<void>;
}

export function webShopEnvironment({
  seed = 1,
  catalogueSize = 2000,
  taskCount = 10,
  outOfStockRate,
  decoys = false,
  ...given
}: WebShopEnvironmentOptions = {}): WebShopEnvironment {
  const generated = given.products ?? generateCatalogue({ seed, size: catalogueSize, outOfStockRate });
  const tasks = given.tasks ?? generateTasks(generated, { seed: seed + 1, count: taskCount });
  // Decoys first: on equal search scores they rank above the real product, as a careless agent deserves.
  const products = decoys ? [...generateDecoys(generated, tasks), ...generated] : generated;
  const byAsin = new Map(products.map((p) => [p.asin, p]));
  const byTask = new Map(tasks.map((t) => [t.id, t]));
  let server: Promise<WebShopServer> | undefined;
  const started = () => {
    server ??= startWebShopServer(products);
    return server;
  };
  return {
    products,
    tasks,
    examples: () => tasks.map((t) => ({ id: t.id, input: t.instruction, expected: t.asin, vars: { ...t } })),
    url: async () => (await started()).url,
    async close() {
      if (server) await (await server).close();
      server = undefined;
    },
    target(policy, name = 'webshop') {
      return {
        name,
        async run(_input, context) {
          const task = byTask.get(context.example.id);
          if (!task) {
            throw new GantryError(
              'EVAL_ENVIRONMENT_INVALID',
              `The web shop has no task '${context.example.id}'.`,
              {
                hint: 'Use the examples from webShopEnvironment().examples().',
              },
            );
          }
          const shop = await started();
          const sessionId = `${task.id}-${context.trial}-${randomUUID().slice(0, 8)}`;
          const trajectory: TrajectoryStep[] = [];
          const tools = recordTools(webShopTools(shop.url, sessionId), trajectory);
          const result = await policy({ id: task.id, instruction: task.instruction }, tools, context);
          const answer = typeof result === 'string' ? { output: result } : result;
          trajectory.push({ kind: 'answer', text: answer.output, at: Date.now() });
          const session = shop.session(sessionId);
          const purchased = session.purchased;
          const product = purchased && byAsin.get(purchased.asin);
          const reward =
            product && purchased
              ? webShopReward(task, product, purchased)
              : { reward: 0, typeMatch: 0, attributeHits: 0, optionHits: 0, priceOk: false, inStock: false };
          return {
            output: purchased
              ? `bought ${purchased.asin} ${JSON.stringify(purchased.options)}`
              : answer.output || 'no purchase',
            trajectory,
            usage: answer.usage,
            cost: answer.cost,
            metadata: {
              ...reward,
              purchased: purchased ?? null,
              visits: session.visits,
              success: reward.reward === 1,
            },
          };
        },
      };
    },
  };
}
