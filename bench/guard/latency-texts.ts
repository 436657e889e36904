// The guard latency benches' texts: the test split of deepset, JailbreakBench and the benign prompts, then
// Presidio's synthetic test records (the same sources and order as `gantry guard eval`'s latency part).
import * as guard from '../../src/guard/index.js';

/** The source texts, whole. */
export function latencySources(): string[] {
  const d = guard.locateDatasets();
  const rows = [
    ...guard.loadDeepset(d),
    ...guard.loadJailbreakBench(d),
    ...guard.loadBenignPrompts(d),
  ].filter((r) => r.split === 'test');
  const presidio = guard.loadPresidioSynth(d).filter((r) => r.split === 'test');
  return rows.map((r) => r.text).concat(presidio.map((r) => r.text));
}

/** LATENCY_TEXTS (default `count`) texts cut or repeated to `size` characters (1 KB by default). */
export function latencyTexts(count = 300, size = 1024): string[] {
  return guard.kilobyteTexts(latencySources(), Number(process.env.LATENCY_TEXTS ?? count), size);
}
