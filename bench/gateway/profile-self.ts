// `node bin/run-ts.js bench/gateway/profile-self.ts <folder> <bare requests> <gw requests>`: after
// profile.ts, the self time by function of the main thread's profiles in <folder>/bare and
// <folder>/gw, in µs per request (the request counts profile.ts printed), side by side, largest
// gateway-minus-bare first: where the gateway-only CPU goes. Functions are keyed by name and file
// (line dropped, so the same function in both processes lines up). WINDOW_S=<seconds> counts only the
// samples of the profile's last seconds (the measured load: profile.ts stops each server right after
// it); idle samples are left out. TOP=<n> rows (40).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [dir, bareRequests, gwRequests] = process.argv.slice(2);
const selfMicros = (name: string): Map<string, number> => {
  const folder = join(dir, name);
  const file =
    readdirSync(folder)
      .filter((f) => f.endsWith('.cpuprofile'))
      .sort()
      .find((f) => f.includes('.0.001.')) ?? readdirSync(folder)[0];
  const profile = JSON.parse(readFileSync(join(folder, file), 'utf8')) as Profile;
  const key = new Map<number, string>();
  for (const n of profile.nodes) {
    const url = n.callFrame.url.replace(/^.*\/(node_modules|src|bench)\//, '$1/');
    key.set(n.id, `${n.callFrame.functionName || '(anonymous)'} ${url}`);
  }
  // Only the samples of the last WINDOW_S seconds (the measured load, not start-up and warm-up).
  const from = profile.endTime - Number(process.env.WINDOW_S ?? 1e9) * 1e6;
  const totals = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < from) return;
    const k = key.get(id) ?? '?';
    totals.set(k, (totals.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  totals.delete('(idle) ');
  return totals;
};
const bare = selfMicros('bare');
const gw = selfMicros('gw');
const nb = Number(bareRequests);
const ng = Number(gwRequests);
const rows = [...new Set([...bare.keys(), ...gw.keys()])].map((k) => {
  const b = (bare.get(k) ?? 0) / nb;
  const g = (gw.get(k) ?? 0) / ng;
  return { k, b, g, d: g - b };
});
const sum = (m: Map<string, number>, n: number) => [...m.values()].reduce((s, x) => s + x, 0) / n;
process.stdout.write(
  `total sampled µs/request: bare ${sum(bare, nb).toFixed(1)}, gateway ${sum(gw, ng).toFixed(1)}\n\n`,
);
process.stdout.write('| function | bare µs/req | gateway µs/req | gateway − bare |\n|---|---|---|---|\n');
for (const r of rows.sort((x, y) => y.d - x.d).slice(0, Number(process.env.TOP ?? 40)))
  process.stdout.write(`| ${r.k} | ${r.b.toFixed(2)} | ${r.g.toFixed(2)} | ${r.d.toFixed(2)} |\n`);
