// vLLM's --goodput syntax: 'ttft:500 tpot:50 e2el:2000' (ms), spaces or commas between.
import { GantryError } from '../errors/index.js';
import type { Slo } from './calculate-metrics.js';

const keys = { ttft: 'ttftMs', tpot: 'tpotMs', e2el: 'e2elMs' } as const;

export function parseGoodput(text: string): Slo {
  const slo: Slo = {};
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const [name, value] = part.split(':');
    const key = keys[name as keyof typeof keys];
    const ms = Number(value);
    if (!key || !Number.isFinite(ms) || ms <= 0) {
      throw new GantryError('USAGE_INVALID', `'${part}' is not a goodput SLO.`, {
        hint: "Write each SLO as name:milliseconds with name ttft, tpot or e2el, for example --goodput 'ttft:500,tpot:50'.",
        details: { goodput: text },
      });
    }
    slo[key] = ms;
  }
  return slo;
}
