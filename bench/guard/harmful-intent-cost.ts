// CPU cost of the harmful-intent signal, this tree against an older one, side by side on the same texts
// (1 KB cuts of benign and harmful task rows), alternating, fastest of 3 per text.
// Usage: SIGNALS_BASELINE=<folder holding an older src/> npx tsx bench/guard/harmful-intent-cost.ts [texts]
import { harmfulIntent } from '../../src/guard/signals/harmful-intent.js';
import { baselineSignal, compareSignalCost, signalTexts } from './signal-cost.js';

const old = await baselineSignal('guard/signals/harmful-intent.ts', 'harmfulIntent');
compareSignalCost('harmfulIntent', old, harmfulIntent, signalTexts(Number(process.argv[2] ?? 300)));
