// The response filter (guard hooks) applied to translated answers: whole texts and streamed deltas.
import { GantryError } from '../../errors/index.js';
import type { DeltaResult, ResponseFilter } from '../hooks.js';

/** The filtered text of a whole answer; throws GATEWAY_BLOCKED when the filter stops it. */
export function filterWholeText(filter: ResponseFilter, text: string): string {
  const first = filter.delta(text);
  const last = filter.end();
  if (typeof first !== 'string') throw blocked(first.stop);
  if (typeof last !== 'string') throw blocked(last.stop);
  return first + last;
}

/** A delta's filtered text, or the GantryError that ends the stream. */
export function filterDelta(result: DeltaResult): string | GantryError {
  return typeof result === 'string' ? result : blocked(result.stop);
}

function blocked(reason: string): GantryError {
  return new GantryError('GATEWAY_BLOCKED', `The answer was stopped by a gateway policy: ${reason}`, {
    hint: 'Change the request, or ask the gateway operator about the policy.',
  });
}
