// Stage: maps the requested alias to its route and checks the key may use it.
import { GantryError } from '../../errors/index.js';
import type { Route } from '../routing/index.js';
import type { Stage } from './gateway-context.js';

export function resolveRoute(routes: ReadonlyMap<string, Route>): Stage {
  // Not an async function (no promise of its own on the common path); errors are rejections.
  return (context, next) => {
    const route = routes.get(context.model);
    const allowed = context.key?.models;
    if (!route) {
      // A key restricted to some models is told only about those.
      const served = allowed ?? [...routes.keys()];
      return reject(
        'GATEWAY_MODEL_NOT_FOUND',
        `The model '${shorten(context.model)}' does not exist on this gateway.`,
        {
          hint: `GET /v1/models lists the models served (${served.slice(0, 10).join(', ') || 'none configured'}).`,
          details: { param: 'model' },
        },
      );
    }
    if (allowed && !allowed.includes(context.model)) {
      return reject(
        'GATEWAY_MODEL_FORBIDDEN',
        `This API key may not use the model '${shorten(context.model)}'.`,
        {
          hint: `Its models are: ${allowed.join(', ')}.`,
          details: { param: 'model' },
        },
      );
    }
    context.route = route;
    return next(context);
  };
}

function reject(...args: ConstructorParameters<typeof GantryError>): Promise<never> {
  return Promise.reject(new GantryError(...args));
}

/** Client text echoed in an error, cut to a readable length. */
function shorten(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}
