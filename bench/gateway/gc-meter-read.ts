// Reads the totals bench/gateway/gc-meter.cjs keeps in a server process (preloaded with
// `--require ./bench/gateway/gc-meter.cjs`): SIGUSR2 makes the process write them to its file.
import { readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface GcTotals {
  minor: number;
  minorMs: number;
  major: number;
  majorMs: number;
  newSpaceBytes: number;
  rssBytes: number;
}

/** The process's GC totals so far; NaN in every field when it wrote none within a second. */
export async function readGcMeter(pid: number, file = `/tmp/gc-meter-${pid}.json`): Promise<GcTotals> {
  rmSync(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 40; i++) {
    await sleep(25);
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as GcTotals;
    } catch {
      // not written yet
    }
  }
  const none = Number.NaN;
  return { minor: none, minorMs: none, major: none, majorMs: none, newSpaceBytes: none, rssBytes: none };
}
