// Drives N concurrent streams from several client processes (bench/gateway/stream-client.ts), each
// holding at most a share of the sockets so that no process nears its descriptor limit, and samples
// the processes under test (gateway or simulator pids) every 250 ms: descriptors, RSS, and RSS at
// the moment the most streams were in flight. Returns the merged client results.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpuSeconds, rssMb } from './processes.js';

export interface LoadResult {
  ttfts: number[];
  chunks: number;
  announced: number;
  failed: number;
  errors: [string, number][];
  seconds: number;
  /** Most streams open at once, summed over the client processes (sampled). */
  peakInFlight: number;
  /** The measured processes' summed RSS at the in-flight peak, and before the run. */
  rssAtPeakMb: number;
  rssIdleMb: number;
  /** The probe before the run, and once `probeAt` streams were open (with how many were). */
  probeIdle?: number;
  probeAtPeak?: number;
  probeInFlight: number;
  /** Peak descriptors per sampled process, and per client process. */
  peakFds: number[];
  clientFds: number[];
  /** User + system CPU seconds of the sampled processes during the run. */
  cpuSeconds: number;
}

export const fdsOf = (pid: number): number => {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return 0;
  }
};

export async function runLoad(options: {
  url: string;
  /** When given, client process c sends to urls[c % urls.length] instead of url. */
  urls?: readonly string[];
  key?: string;
  model: string;
  streams: number;
  clients: number;
  rampMs: number;
  /** The processes whose memory, descriptors and CPU are measured. */
  pids: number[];
  /**
   * Memory is read at the in-flight peak: the measured processes' RSS each time more streams are
   * open than ever before in this run, and `probe` (e.g. the gateway's heap used after a full GC)
   * once, when at least `probeAt` streams are open (also read before the run).
   */
  probeAt: number;
  probe?: () => Promise<number>;
}): Promise<LoadResult> {
  const { pids, clients } = options;
  const sum = (f: (pid: number) => number) => pids.reduce((s, pid) => s + f(pid), 0);
  const rssIdleMb = sum(rssMb);
  const probeIdle = await options.probe?.();
  const cpuBefore = sum(cpuSeconds);
  const opens = new Array<number>(clients).fill(0);
  const peakFds = pids.map(fdsOf);
  let peakInFlight = 0;
  let rssAtPeakMb = rssIdleMb;
  const probed: { inFlight: number; value: number | undefined } = { inFlight: 0, value: undefined };
  let probing = false;
  const sampler = setInterval(() => {
    pids.forEach((pid, i) => {
      peakFds[i] = Math.max(peakFds[i], fdsOf(pid));
    });
    const inFlight = opens.reduce((a, b) => a + b, 0);
    if (inFlight > peakInFlight) {
      peakInFlight = inFlight;
      rssAtPeakMb = sum(rssMb);
    }
    if (options.probe && !probing && probed.value === undefined && inFlight >= options.probeAt) {
      probing = true;
      options
        .probe()
        .then((value) => {
          probed.value = value;
          probed.inFlight = inFlight;
        })
        .catch(() => undefined);
    }
  }, 250);
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: clients }, (_, c) => {
      const count = Math.floor(options.streams / clients) + (c < options.streams % clients ? 1 : 0);
      return new Promise<{
        ttfts: number[];
        chunks: number;
        announced: number;
        failed: number;
        errors: [string, number][];
        peakFds: number;
      }>((resolve, reject) => {
        const child = spawn(process.execPath, ['bin/run-ts.js', 'bench/gateway/stream-client.ts'], {
          env: {
            ...process.env,
            GANTRY_BENCH_CLIENT: JSON.stringify({
              url: options.urls ? options.urls[c % options.urls.length] : options.url,
              key: options.key,
              model: options.model,
              count,
              rampMs: options.rampMs,
              tag: String(c),
            }),
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let buffer = '';
        child.stdout.on('data', (d: Buffer) => {
          buffer += d.toString();
          let nl = buffer.indexOf('\n');
          while (nl !== -1) {
            const line = buffer.slice(0, nl);
            buffer = buffer.slice(nl + 1);
            if (line.startsWith('open ')) opens[c] = Number(line.slice(5));
            else if (line.startsWith('result ')) resolve(JSON.parse(line.slice(7)));
            nl = buffer.indexOf('\n');
          }
        });
        child.on('exit', (code) => {
          if (code !== 0) reject(new Error(`stream client ${c} exited with ${code}`));
        });
      });
    }),
  );
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const ttfts = results.flatMap((r) => r.ttfts).sort((a, b) => a - b);
  const errors = new Map<string, number>();
  for (const r of results) for (const [e, n] of r.errors) errors.set(e, (errors.get(e) ?? 0) + n);
  return {
    ttfts,
    chunks: results.reduce((s, r) => s + r.chunks, 0),
    announced: results.reduce((s, r) => s + r.announced, 0),
    failed: results.reduce((s, r) => s + r.failed, 0),
    errors: [...errors],
    seconds,
    peakInFlight,
    rssAtPeakMb,
    rssIdleMb,
    peakFds,
    clientFds: results.map((r) => r.peakFds),
    cpuSeconds: sum(cpuSeconds) - cpuBefore,
    probeIdle,
    probeAtPeak: probed.value,
    probeInFlight: probed.inFlight,
  };
}

export const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
