// Stage: maps the requested alias to its route and checks the key may use it.
import { GantryError } from '../../errors/index.js';
import type { Route } from '../routing/index.js';
import type { Stage } from './gateway-context.js';

export function resolveRoute(routes: ReadonlyMap<string, Route>): Stage {
  return async (context, next) => {
    const route = routes.get(context.model);
    if (!route) {
      throw new GantryError(
        'GATEWAY_MODEL_NOT_FOUND',
        `The model '${context.model}' does not exist on this gateway.`,
        {
          hint: `GET /v1/models lists the models served (${[...routes.keys()].slice(0, 10).join(', ') || 'none configured'}).`,
          details: { param: 'model' },
        },
      );
    }
    const allowed = context.key?.models;
    if (allowed && !allowed.includes(context.model)) {
      throw new GantryError(
        'GATEWAY_MODEL_FORBIDDEN',
        `This API key may not use the model '${context.model}'.`,
        {
          hint: `Its models are: ${allowed.join(', ')}.`,
          details: { param: 'model' },
        },
      );
    }
    context.route = route;
    await next(context);
  };
}
