// The tagger's two smoothing passes over its per-token labels, which repair fragmented addresses:
// hysteresis (a weak token next to a strong one joins it) and gap filling (a short run between two
// address pieces belongs to the address).
import type { TokenSpans } from './tokenize.js';

const weakProbability = 0.25;
const maximumAddressGap = 3;
/** Token t's text is one of `units` (one code unit each), read from the text without a string. */
function isOneOf(text: string, spans: TokenSpans, t: number, units: string): boolean {
  const from = spans.starts[t];
  return spans.ends[t] - from === 1 && units.includes(text[from]);
}

/** /^[,\n]$/ */
export function isSeparator(text: string, spans: TokenSpans, t: number): boolean {
  return isOneOf(text, spans, t, ',\n');
}

/** `probabilities`: k per token, token i's class c at i * k + c. */
export function smooth(
  text: string,
  spans: TokenSpans,
  labels: Uint8Array,
  probabilities: Float64Array,
  k: number,
): void {
  const address = 2;
  const n = spans.count;
  // Hysteresis, forward then backward, across separators.
  for (const step of [1, -1]) {
    const start = step === 1 ? 0 : n - 1;
    for (let i = start; i >= 0 && i < n; i += step) {
      if (labels[i] !== 0) continue;
      let j = i - step;
      while (j >= 0 && j < n && isSeparator(text, spans, j)) j -= step;
      const neighbour = labels[j];
      if (neighbour && neighbour > 0 && probabilities[i * k + neighbour] >= weakProbability)
        labels[i] = neighbour;
    }
  }
  // Gap filling between two address pieces (no sentence end in between).
  for (let i = 0; i < n; i++) {
    if (labels[i] !== address) continue;
    let j = i + 1;
    while (j < n && labels[j] !== address && j - i <= maximumAddressGap + 1) j++;
    if (j < n && labels[j] === address && j - i > 1) {
      // No token of the gap is /^[.?!;:]$/.
      let ended = false;
      for (let g = i + 1; g < j; g++) if (isOneOf(text, spans, g, '.?!;:')) ended = true;
      if (!ended) for (let k = i + 1; k < j; k++) labels[k] = address;
    }
  }
}
