// Stage: maps the requested alias to its route and checks the key may use it.
import { GantryError } from '../../errors/index.js';
import type { Route } from '../routing/index.js';
import type { Stage } from './gateway-context.js';

export function resolveRoute(routes: ReadonlyMap<string, Route>): Stage {
  // Not an async function (no promise of its own on the common path); errors are rejections.
  return (context, next) => {
    const route = routes.get(context.model);
    if (!route) {
      return reject(
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
      return reject('GATEWAY_MODEL_FORBIDDEN', `This API key may not use the model '${context.model}'.`, {
        hint: `Its models are: ${allowed.join(', ')}.`,
        details: { param: 'model' },
      });
    }
    context.route = route;
    return next(context);
  };
}

function reject(...args: ConstructorParameters<typeof GantryError>): Promise<never> {
  return Promise.reject(new GantryError(...args));
}
