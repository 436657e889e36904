// CPU cost of all prompt signals (promptSignals: suffix, token soup, intent, framing, pre-emption), this
// tree against an older one, side by side on the same texts (1 KB cuts of task rows), alternating,
// fastest of 3 per text; and the token-soup measure alone.
// Usage: SIGNALS_BASELINE=<folder holding an older src/> npx tsx bench/guard/jailbreak-signals-cost.ts [texts]
import { promptSignals } from '../../src/guard/signals/prompt-signals.js';
import { tokenSoup } from '../../src/guard/signals/token-soup.js';
import { baselineSignal, compareSignalCost, cpuMsPerKb, quantile, signalTexts } from './signal-cost.js';

const old = await baselineSignal('guard/signals/prompt-signals.ts', 'promptSignals');
const texts = signalTexts(Number(process.argv[2] ?? 300));
compareSignalCost('promptSignals', old, promptSignals, texts);
const soup = texts.map((text) => cpuMsPerKb(tokenSoup, text));
console.log(
  `tokenSoup alone CPU ms/KB p50 ${quantile(soup, 0.5).toFixed(4)}, p99 ${quantile(soup, 0.99).toFixed(4)}`,
);
