// `cost.routes` aliases become routes of their own (so that /v1/models, key restrictions and limits
// see them like any alias); the routeByCost stage then swaps in the weak or strong route per request.
import type { GantryConfig } from '../config/index.js';
import { type CostRoutePlan, costRoutePlan } from '../cost/index.js';
import { GantryError } from '../errors/index.js';
import type { Route } from './routing/index.js';

export function addCostRoutes(config: GantryConfig, routes: Map<string, Route>): Map<string, CostRoutePlan> {
  const plans = new Map<string, CostRoutePlan>();
  for (const [alias, entry] of Object.entries(config.cost.routes)) {
    if (routes.has(alias)) {
      throw new GantryError(
        'COST_ROUTE_INVALID',
        `The cost route '${alias}' has the name of a gateway route or model.`,
        {
          hint: 'Give the cost route an alias of its own (clients call it by that name).',
        },
      );
    }
    for (const side of ['weak', 'strong'] as const) {
      if (!routes.has(entry[side])) {
        throw new GantryError(
          'COST_ROUTE_INVALID',
          `The cost route '${alias}' names the ${side} route '${entry[side]}', which the gateway does not serve.`,
          {
            hint: `Name a gateway route or model alias (served: ${[...routes.keys()].slice(0, 10).join(', ') || 'none'}).`,
          },
        );
      }
    }
    plans.set(alias, costRoutePlan(alias, entry));
  }
  for (const [alias, plan] of plans) {
    const strong = routes.get(plan.strong) as Route;
    routes.set(alias, { ...strong, name: alias });
  }
  return plans;
}
