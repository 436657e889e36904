// Where the ITL skew at N concurrent streams comes from (issue 21). Per chunk: the one-way delay from
// the lean simulator's CLOCK_MONOTONIC stamp (taken just before its write) to the generator's arrival
// stamp, on the same clock; a gap's skew is the difference of two consecutive chunks' delays. The
// generator is traced: every read's arrival, every parsing pass, every GC pause; each chunk's delay is
// split into time spent parsing (other reads), in GC, and the rest (stamping the reads ahead of it in
// the same batch, the kernel, waiting for the core). Run pinned: `taskset -c 0 node bin/run-ts.js
// bench/backend/skew-trace.ts`; the simulator is pinned to core 1.
// Two skews per gap: against the simulator's stamp taken just before its write (as before: the
// simulator's own lateness counts against the generator), and the generator's own, against the end of
// that write (the lean simulator reports it with the next chunk), which is what the done-means asks.
// Env: BENCH_STREAMS=1000, BENCH_PLACEMENTS=isolated (or pinned, thread, spin; a list runs each in turn),
// BENCH_SLICES=0.2 (ms per parsing pass; 0 = one pass for all, as before), BENCH_ROUNDS=1,
// BENCH_ITL_MS=50, BENCH_CHUNKS=20, BENCH_SCHED=0, BENCH_WIRE_NICE (unset), BENCH_RT (unset).
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { runLoad, summarise, syntheticPrompts } from '../../src/bench-backend/index.js';
import {
  isolateMainThread,
  isolateThreads,
  niceThread,
  parseCpuList,
  placeAllThreads,
  realtimeMainThread,
} from '../../src/bench-backend/thread-placement.js';
import { ShardedPool, ThreadedPool, wireTiming, wireTrace } from '../../src/bench-backend/wire/index.js';
import { type Started, start, stop } from '../gateway/processes.js';
import { cores, mono, overlap, schedstat, stalls, threads, ticks } from './skew-probes.js';

const streams = Number(process.env.BENCH_STREAMS ?? 1000);
const slices = (process.env.BENCH_SLICES ?? '0.2').split(',').map(Number);
const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
// Thread placement per run: `pinned` = every thread of the generator on core 0 (as `taskset -c 0`);
// `isolated` = its main thread alone on core 0, its other threads (V8 platform workers, libuv's pool)
// on core 1 with the simulator; `thread` = the sockets on a wire thread (ThreadedPool) alone on core 0,
// the main thread and the helpers on core 1 with the simulator; `spin` = as `thread`, the wire thread
// polling without sleeping while requests are in flight (ThreadedPool's `spin`); `nice` = as `thread`, the
// wire thread at nice -10 (or BENCH_WIRE_NICE).
const placements = (process.env.BENCH_PLACEMENTS ?? 'isolated').split(',');
// Diagnostic only (never the headline): BENCH_RT=<priority> puts the generator's main thread (alone) in
// the real-time FIFO class for the measured run, so that other work on core 0 does not preempt it.
const rtPriority = Number(process.env.BENCH_RT ?? 0);
const itlMs = Number(process.env.BENCH_ITL_MS ?? 50);
// BENCH_SCHED=1: the wire thread reads its scheduler counters with each batch (~1 per ms) to explain
// its stalls. Off by default: the reads allocate, and with them on the wire thread made one ~3.7 ms
// collection inside every measured run (none without them; docs/benchmarks.md, fifth pass).
const withSched = process.env.BENCH_SCHED === '1';
// BENCH_WIRE_NICE=<n> (e.g. -10): the wire thread's nice value in every placement with one (a
// normal-class priority; below 0 needs CAP_SYS_NICE), so that it preempts other work on its core sooner
// when woken. Unset: left as it is, except in placement `nice` (-10).
const wireNice = process.env.BENCH_WIRE_NICE === undefined ? undefined : Number(process.env.BENCH_WIRE_NICE);
const tokens = Number(process.env.BENCH_CHUNKS ?? 20);
// On a machine with more cores: BENCH_WIRE_CORE (default 0) is "core 0" of the layouts above (the wire
// thread's, or the main thread's), BENCH_MAIN_CORE (default 1) is "core 1" (the other threads'), and
// BENCH_SIM_CORE (default 1) the simulator's; give the simulator a core of its own there.
// BENCH_WIRE_CORE may list several cores (2,5): then the wire layouts run one wire thread per core
// (ShardedPool, the requests dealt out in turn), each alone on its own.
const wireCores = parseCpuList(process.env.BENCH_WIRE_CORE ?? '0');
const wireCore = wireCores[0];
const mainCore = Number(process.env.BENCH_MAIN_CORE ?? 1);
const simCore = Number(process.env.BENCH_SIM_CORE ?? 1);
const out = (line: string) => process.stdout.write(`${line}\n`);
const f = (n: number, d = 3) => n.toFixed(d);
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

async function place(placement: string, wireTids?: (number | undefined)[]): Promise<string> {
  if (placement === 'thread' || placement === 'spin' || placement === 'nice') {
    const tids = (wireTids ?? []).filter((tid): tid is number => tid !== undefined);
    if (tids.length === 0 || tids.length < (wireTids?.length ?? 0))
      return 'thread: no wire thread id (not Linux?)';
    const placed = await isolateThreads(
      tids.map((tid, i) => ({ tid, cpus: [wireCores[i]] })),
      [mainCore],
    );
    const wires = tids.length > 1 ? `${tids.length} wire threads` : 'wire thread';
    return placed.ok
      ? `${placement} (${wires}${placement === 'spin' ? ', spinning,' : ''} alone on core ${wireCores.join(',')}, main and ${placed.moved.length - 1} other threads on core ${mainCore}; simulator on core ${simCore})`
      : `thread FAILED: ${placed.reason}`;
  }
  if (placement === 'pinned') {
    const failed = placeAllThreads([wireCore]);
    return failed ? `pinned: ${failed}` : `pinned (all threads on core ${wireCore})`;
  }
  const placed = await isolateMainThread([wireCore], [mainCore]);
  return placed.ok
    ? `isolated (main thread on core ${wireCore}, ${placed.moved.length} other threads on core ${mainCore})`
    : `isolated FAILED: ${placed.reason}`;
}

async function traced(url: string, sliceMs: number, placement: string) {
  const chunks = streams * 2 * tokens;
  const sent = new Float64Array(chunks);
  const got = new Float64Array(chunks);
  const stream = new Int32Array(chunks);
  // Each chunk's stamp-to-written time in the simulator (lag_ms, carried by the next chunk of its stream
  // or by the usage chunk); NaN where it never came.
  const written = new Float64Array(chunks).fill(Number.NaN);
  const lastOf = new Int32Array(chunks).fill(-1);
  let n = 0;
  const ids = new Map<string, number>();
  const reads = new Float64Array(chunks * 2);
  let r = 0;
  const passStart = new Float64Array(chunks * 2);
  const passEnd = new Float64Array(chunks * 2);
  const passReads = new Int32Array(chunks * 2);
  let p = 0;
  const gcStart: number[] = [];
  const gcEnd: number[] = [];
  const gcKind: number[] = [];
  const offset = mono();
  wireTiming.sliceMs = sliceMs;
  const prompts = (k: number) => syntheticPrompts(k, 16, tokens);
  const backend = { label: 'lean', url, model: 'm' };
  const wireThread = placement === 'thread' || placement === 'spin' || placement === 'nice';
  let placed = '';
  let rtTid = process.pid;
  let rt = '';
  let wireSched = [0, 0];
  // One wire thread for the warm-up and the measured run, so that its code is compiled before the run.
  const wireOptions = { spin: placement === 'spin', sched: withSched };
  const origin = new URL(new URL(url).origin);
  const wirePool = !wireThread
    ? undefined
    : wireCores.length > 1
      ? new ShardedPool(wireCores.length, origin, undefined, undefined, wireOptions)
      : new ThreadedPool(origin, undefined, undefined, wireOptions);
  if (wirePool) {
    const tids =
      wirePool instanceof ShardedPool ? await wirePool.wireThreadIds : [await wirePool.wireThreadId];
    const tid = tids[0];
    if (tid !== undefined) rtTid = tid;
    placed = await place(placement, tids);
    const nice = placement === 'nice' ? (wireNice ?? -10) : wireNice;
    if (nice !== undefined && tid !== undefined) {
      const refused = tids.map((t) => (t === undefined ? 'no thread id' : niceThread(t, nice))).find(Boolean);
      placed += refused ? `, wire thread nice not applied: ${refused}` : `, wire thread at nice ${nice}`;
    }
  }
  if (!wireThread) await place(placement); // before the warm-up: threads it creates inherit the placement
  await runLoad(backend, {
    arrival: { kind: 'concurrency', concurrency: streams },
    prompts: prompts(streams),
    pool: wirePool,
  });
  if (!wireThread) placed = await place(placement); // again, for threads created meanwhile
  // The warm-up's connections promoted and the wire thread's young generation emptied before the run.
  const settled = wirePool ? await wirePool.settle() : false;
  if (wirePool && !settled) placed += ' (wire thread: could not collect before the run)';
  const wireGcBefore = [...(wirePool?.wireGc ?? [0, 0, 0, 0, 0, 0])];
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcStart.push(e.startTime);
      gcEnd.push(e.startTime + e.duration);
      gcKind.push((e as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0);
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  wireTrace.onRead = (at) => {
    if (r < reads.length) reads[r++] = at;
  };
  const schedAt: number[] = [];
  const schedCpu: number[] = [];
  const schedWait: number[] = [];
  wireTrace.onSched = (at, c, w) => {
    schedAt.push(at);
    schedCpu.push(c);
    schedWait.push(w);
  };
  wireTrace.onPass = (a, b, k) => {
    if (p < passStart.length) {
      passStart[p] = a;
      passEnd[p] = b;
      passReads[p++] = k;
    }
  };
  if (rtPriority > 0)
    rt = `, ${wireThread ? 'wire' : 'main'} thread ${realtimeMainThread(rtPriority, rtTid) ?? `SCHED_FIFO ${rtPriority}`}`;
  const profiler = new v8.GCProfiler();
  const heapBefore = v8.getHeapStatistics().used_heap_size;
  profiler.start();
  const cpu = process.cpuUsage();
  const before = threads();
  const coresBefore = cores();
  const result = await runLoad(backend, {
    arrival: { kind: 'concurrency', concurrency: streams },
    prompts: prompts(streams * 2),
    pool: wirePool,
    onChunk: (event, at) => {
      const s = event.sent_mono_ms as number | undefined;
      const id = event.id as string;
      let k = ids.get(id);
      if (k !== undefined && lastOf[k] >= 0 && typeof event.lag_ms === 'number')
        written[lastOf[k]] = event.lag_ms;
      if (s === undefined || n >= chunks) return;
      if (k === undefined) {
        k = ids.size;
        ids.set(id, k);
      }
      lastOf[k] = n;
      if (wireThread && (n & 1023) === 0) wireSched = schedstat(rtTid) ?? wireSched;
      sent[n] = s;
      got[n] = at + offset;
      stream[n++] = k;
    },
  });
  const used = process.cpuUsage(cpu);
  const after = threads();
  const coresAfter = cores();
  const wireGc = wirePool?.wireGc;
  await wirePool?.close();
  if (rtPriority > 0) realtimeMainThread(0, rtTid);
  // Bytes allocated on the JS heap during the run: growth plus what every GC freed.
  const gcStats = profiler.stop()?.statistics ?? [];
  let allocated = v8.getHeapStatistics().used_heap_size - heapBefore;
  for (const g of gcStats)
    allocated += g.beforeGC.heapStatistics.usedHeapSize - g.afterGC.heapStatistics.usedHeapSize;
  const perThread: string[] = [];
  for (const [tid, [name, c, w]] of after) {
    const [, c0, w0] = before.get(tid) ?? [name, 0, 0];
    if (c - c0 > 1e6 || w - w0 > 1e6)
      perThread.push(
        `${tid === String(process.pid) ? 'main' : tid === String(rtTid) ? 'wire' : name} cpu ${f((c - c0) / 1e6, 1)} wait ${f((w - w0) / 1e6, 1)}`,
      );
  }
  wireTrace.onRead = undefined;
  wireTrace.onPass = undefined;
  wireTrace.onSched = undefined;
  gc.disconnect();
  // Per chunk: delay and its parts; per gap (consecutive chunks of one request): skew and its parts.
  const delay = new Float64Array(n);
  // The generator's own delay: from the end of the simulator's write(2) (when the bytes were in its
  // socket) to its stamp. Where the simulator's write time is unknown, from the stamp before the write.
  // A simulator preempted after its write(2) but before its second stamp makes that stamp late and the
  // delay too small (even negative): such delays are counted (below the floor that chunks with a tight
  // write window, < 0.05 ms, show: the 1st percentile of theirs), not corrected, since the bytes could
  // have come anywhere in the window; the worst case below bounds what that leaves out.
  const own = new Float64Array(n);
  const parsing = new Float64Array(n);
  const inGc = new Float64Array(n);
  const gs = Float64Array.from(gcStart.map((x) => x + offset));
  const ge = Float64Array.from(gcEnd.map((x) => x + offset));
  const ps = passStart.map((x) => x + offset);
  const pe = passEnd.map((x) => x + offset);
  for (let i = 0; i < n; i++) {
    delay[i] = got[i] - sent[i];
    own[i] = delay[i] - (Number.isNaN(written[i]) ? 0 : written[i]);
    parsing[i] = overlap(ps, pe, p, sent[i], got[i]);
    inGc[i] = overlap(gs, ge, gs.length, sent[i], got[i]);
  }
  const tight: number[] = [];
  for (let i = 0; i < n; i++) if (written[i] < 0.05) tight.push(own[i]);
  tight.sort((a, b) => a - b);
  const floor = tight.length > 0 ? tight[Math.floor(tight.length * 0.01)] : Number.NEGATIVE_INFINITY;
  let belowFloor = 0;
  for (let i = 0; i < n; i++) if (own[i] < floor && !(written[i] < 0.05)) belowFloor++;
  const last = new Int32Array(ids.size).fill(-1);
  const skew: number[] = [];
  const skewOwn: number[] = [];
  const skewWorst: number[] = [];
  const parts: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const k = stream[i];
    const j = last[k];
    last[k] = i;
    if (j < 0) continue;
    skew.push(delay[i] - delay[j]);
    skewOwn.push(Math.abs(own[i] - own[j]));
    // Worst case for the generator: each chunk's delivery anywhere inside its write window.
    skewWorst.push(Math.max(Math.abs(delay[i] - own[j]), Math.abs(own[i] - delay[j])));
    parts.push([parsing[i] - parsing[j], inGc[i] - inGc[j], 0]);
  }
  const abs = skew.map(Math.abs);
  const s = summarise(abs);
  const d = summarise(Array.from(delay));
  // The tail: gaps with |skew| above the p99, what their difference is made of (signed, averaged).
  let tp = 0;
  let tg = 0;
  let tn = 0;
  for (let i = 0; i < skew.length; i++) {
    if (abs[i] < s.p99) continue;
    const sign = Math.sign(skew[i]);
    tp += sign * parts[i][0];
    tg += sign * parts[i][1];
    tn++;
  }
  // The slowest 1 % of chunks by the generator's own delay (from the end of the simulator's write): was
  // the generator busy (stamping other reads, parsing) while their bytes waited in its socket, or did it
  // stamp nothing at all meanwhile (off its core, or not yet woken)?
  const slow = summarise(Array.from(own)).p99;
  const readsMono = reads.subarray(0, r).map((x) => x + offset);
  const lag = written;
  let lagSum = 0;
  let lagN = 0;
  let lagMax = 0;
  let lagOver = 0;
  let slowN = 0;
  let idleSum = 0;
  let idleMostly = 0;
  let readsIn = 0;
  for (let i = 0; i < n; i++) if (lag[i] > 0.1) lagOver++;
  for (let i = 0; i < n; i++) {
    if (own[i] < slow) continue;
    slowN++;
    if (!Number.isNaN(lag[i])) {
      lagSum += lag[i];
      lagN++;
    }
    // Longest stretch inside [written, got] with neither a read stamped nor a parsing pass running.
    const from = sent[i] + (Number.isNaN(lag[i]) ? 0 : lag[i]);
    let lo = 0;
    let hi = readsMono.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (readsMono[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    let prev = from;
    let longest = 0;
    let k = lo;
    for (; k < readsMono.length && readsMono[k] <= got[i]; k++) {
      const busy = overlap(ps, pe, p, prev, readsMono[k]);
      longest = Math.max(longest, readsMono[k] - prev - busy);
      prev = readsMono[k];
    }
    readsIn += k - lo;
    idleSum += longest;
    if (longest > own[i] / 2) idleMostly++;
  }
  const later: string[] = [];
  later.push(`  threads (ms on CPU, ms runnable but waiting for the core): ${perThread.join('; ')}`);
  if (wireThread)
    later.push(
      `  wire thread GC pauses in the measured run: ${(wireGc?.[0] ?? 0) - wireGcBefore[0]}, ${f((wireGc?.[1] ?? 0) - wireGcBefore[1])} ms (kinds seen before ${wireGcBefore[5]}, after ${wireGc?.[5]}); heap allocated in the run ${f(((wireGc?.[3] ?? 0) - wireGcBefore[3]) / 1024 / 1024, 1)} MB\n` +
        `  wire thread (whole life, sampled near the end): cpu ${f(wireSched[0] / 1e6, 1)} ms, wait ${f(wireSched[1] / 1e6, 1)} ms; its GC pauses ${wireGc?.[0]}, total ${f(wireGc?.[1] ?? 0)} ms, longest ${f(wireGc?.[2] ?? 0)} ms (kind ${wireGc?.[4]}); its heap allocation (approx) ${f((wireGc?.[3] ?? 0) / 1024 / 1024, 1)} MB`,
    );
  for (let i = 0; i < n; i++) if (lag[i] > lagMax) lagMax = lag[i];
  later.push(
    `  simulator stamp-to-written (its own lateness): over 0.1 ms for ${lagOver} of ${n} chunks; slowest 1 % ${f(lagSum / Math.max(1, lagN))} ms on average; largest of all ${f(lagMax)} ms`,
  );
  later.push(
    `  slowest 1 % by own delay (${slowN} chunks, >= ${f(slow)} ms): reads stamped while waiting ${f(readsIn / Math.max(1, slowN), 1)} on average; longest stretch with no stamp ${f(idleSum / Math.max(1, slowN))} ms on average; ${idleMostly} of them waited mostly with no stamp at all (generator off its core or not woken)`,
  );
  let stallTotals: number[] | undefined;
  if (schedAt.length > 0) {
    const explained = stalls(
      readsMono,
      sent,
      lag,
      got,
      own,
      slow,
      schedAt.map((x) => x + offset),
      schedCpu,
      schedWait,
    );
    later.push(...explained.lines);
    stallTotals = explained.totals;
  }
  const cpuLine: string[] = [];
  const stolen: number[] = [];
  for (let c = 0; c < coresAfter.length; c++) {
    const [busy, steal] = coresAfter[c].map((x, k) => ((x - (coresBefore[c]?.[k] ?? 0)) * 1000) / ticks);
    stolen.push(steal);
    cpuLine.push(`core ${c} busy ${f(busy, 0)} ms, stolen by the hypervisor ${f(steal, 0)} ms`);
  }
  later.push(`  cores over the run (all processes): ${cpuLine.join('; ')}`);
  // Reads in stamp order against the simulator's send order: adjacent pairs inverted.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => got[a] - got[b]);
  let inverted = 0;
  let invertedBy = 0;
  for (let i = 1; i < n; i++) {
    const gap = sent[order[i]] - sent[order[i - 1]];
    if (gap < 0) {
      inverted++;
      invertedBy = Math.max(invertedBy, -gap);
    }
  }
  // Time per read inside a poll batch: consecutive read stamps with no parsing pass between them.
  const perRead: number[] = [];
  let q = 0;
  for (let i = 1; i < r; i++) {
    while (q < p && passEnd[q] <= reads[i - 1]) q++;
    if (q < p && passStart[q] < reads[i]) continue;
    perRead.push(reads[i] - reads[i - 1]);
  }
  const pr = summarise(perRead);
  const passLen = summarise(Array.from(passEnd.subarray(0, p), (e, i) => e - passStart[i]));
  const passN = summarise(Array.from(passReads.subarray(0, p)));
  const gcLen = summarise(gcEnd.map((e, i) => e - gcStart[i]));
  const gcTotal = gcEnd.reduce((a, e, i) => a + e - gcStart[i], 0);
  out(
    `${placed}${rt}, slice ${sliceMs || 'none (main)'} ms: skew p50/p99/max ${f(s.p50)} / ${f(s.p99)} / ${f(s.max, 2)} ms (${s.count} gaps, failed ${result.metrics.failed}); ` +
      `one-way delay p50/p99/max ${f(d.p50)} / ${f(d.p99)} / ${f(d.max, 2)} ms`,
  );
  const so = summarise(skewOwn);
  const sw = summarise(skewWorst);
  const over = (xs: number[]) => xs.filter((x) => x > 1).length;
  summary.push(
    `| ${summary.length + 1} | ${placement} | **${f(so.p99)}** | ${f(s.p99)} | ${f(sw.p99)} | ${over(abs)} / ${over(skewOwn)} | ` +
      `${stallTotals ? stallTotals.map((x) => f(x, 1)).join(' / ') : 'n/a'} | ${stolen.map((x) => f(x, 0)).join(' / ')} | ` +
      `${wireThread ? (wireGc?.[0] ?? 0) - wireGcBefore[0] : 'n/a'} | ${load()} |`,
  );
  out(
    `  generator's own skew (from the end of each simulator write): p50/p99/max ${f(so.p50)} / ${f(so.p99)} / ${f(so.max, 2)} ms; worst case over the write windows p99 ${f(sw.p99)} ms; ` +
      `gaps over 1 ms: ${abs.filter((x) => x > 1).length} as before, ${skewOwn.filter((x) => x > 1).length} own; ` +
      `own delays below the tight-window floor ${f(floor)} ms (a late second stamp): ${belowFloor} chunks`,
  );
  out(
    `  tail (|skew| >= p99, ${tn} gaps), mean of the later-minus-earlier difference: parsing ${f(tn ? tp / tn : 0)} ms, GC ${f(tn ? tg / tn : 0)} ms, other ${f(tn ? s.p99 - (tp + tg) / tn : 0)} ms (approx)`,
  );
  out(
    `  parsing passes ${p}: length p50/p99/max ${f(passLen.p50)} / ${f(passLen.p99)} / ${f(passLen.max, 2)} ms, reads per pass p50/p99/max ${passN.p50} / ${passN.p99} / ${passN.max}; ` +
      `reads ${r}, stamp-to-stamp inside a batch p50/p99 ${f(pr.p50 * 1000, 1)} / ${f(pr.p99 * 1000, 1)} µs`,
  );
  out(
    `  GC pauses ${gcLen.count} (kinds ${[...new Set(gcKind)].join(',')}): p50/max ${f(gcLen.p50)} / ${f(gcLen.max)} ms, total ${f(gcTotal, 1)} ms; ` +
      `reads out of send order (adjacent) ${inverted} of ${n}, by up to ${f(invertedBy)} ms; CPU ${f((used.user + used.system) / n, 1)} µs/chunk; JS heap allocated ${f(allocated / n / 1024, 2)} KB/chunk; load ${load()}`,
  );
  for (const line of later) out(line);
}

/** One markdown row per run, printed together at the end. */
const summary: string[] = [];

const started: Started[] = [];
try {
  out(
    `load average at start: ${load()}; node ${process.version}; ${streams} streams, ITL ${itlMs} ms, ${tokens} chunks`,
  );
  const sim = await start(
    ['bin/run-ts.js', 'bench/backend/lean-simulator.ts', JSON.stringify({ ttftMs: 50, itlMs, tokens })],
    { core: simCore },
  );
  started.push(sim);
  // Under `chrt` the simulator inherits the real-time class; BENCH_SIM_NORMAL=1 puts it back in the
  // normal class (then the kernel's softirq thread on its core is not starved while it writes a burst).
  if (process.env.BENCH_SIM_NORMAL === '1')
    spawnSync('chrt', ['-o', '-a', '-p', '0', String(sim.pid)], { stdio: 'ignore' });
  for (let round = 0; round < rounds; round++)
    for (const placement of placements) for (const slice of slices) await traced(sim.url, slice, placement);
  out(
    '\n| run | layout | own skew p99 ms | as before p99 | worst case p99 | gaps > 1 ms (before / own) | stalls on CPU / waiting / neither ms | stolen ms per core | wire GC in run | load |',
  );
  out('|---|---|---|---|---|---|---|---|---|---|');
  for (const row of summary) out(row);
} finally {
  for (const s of started) await stop(s).catch(() => {});
}
