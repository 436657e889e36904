// The code of the wire thread (a worker thread that owns the load generator's sockets; see
// threaded-pool.ts), kept as plain JavaScript so that it runs as an eval'd worker from the TypeScript
// sources (tsx) and from the compiled package alike. It does as little as it can per read: take
// performance.now(), copy the bytes into the outgoing batch (no allocation per read), and post the batch
// to the main thread within a millisecond (one exact-size copy of the batch, transferred). Its
// heap therefore barely grows, and the main thread's garbage collections and parsing never delay a stamp.
// Messages in: {op:'s', id, request} send, {op:'r', id, keep} the answer is complete (keep: reuse the
// connection), {op:'g'} collect garbage now (between runs), {op:'c'} close. Out: {ready, timeOrigin, tid}
// once, {settled, gc} after each 'g', then batches {meta: Float64Array [id, at, kind (0 data, 1 end,
// 2 error), length] per record, data, errors, gc: this thread's GC so far [pauses, total ms, longest ms,
// bytes allocated, the longest's kind, every kind seen (bits)], schedstat (option sched)}. Option spin:
// see turn() below.
export const wireThreadSource = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const tls = require('node:tls');
const { readFileSync, readlinkSync } = require('node:fs');
const { PerformanceObserver } = require('node:perf_hooks');

const { host, port, secure, timeoutMs, tlsOptions, spin, sched } = workerData;
let tid;
try {
  tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
} catch {
  tid = undefined; // not Linux
}
parentPort.postMessage({ ready: true, timeOrigin: performance.timeOrigin, tid });

// This thread's own GC pauses (count, total ms, longest ms), sent with every batch.
const gc = [0, 0, 0, 0, 0, 0];
const v8 = require('node:v8');
const heapAtStart = v8.getHeapStatistics().used_heap_size;
let gcFreed = 0;
const profiler = new v8.GCProfiler();
profiler.start();
setInterval(() => {
  for (const g of profiler.stop().statistics)
    gcFreed += g.beforeGC.heapStatistics.usedHeapSize - g.afterGC.heapStatistics.usedHeapSize;
  profiler.start();
}, 200).unref();
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc[0]++;
    gc[1] += entry.duration;
    if (entry.duration > gc[2]) gc[4] = entry.detail ? entry.detail.kind : 0;
    gc[2] = Math.max(gc[2], entry.duration);
    if (entry.detail) gc[5] |= entry.detail.kind; // every kind seen (bits: 1 scavenge, 4 mark-compact, ...)
  }
}).observe({ entryTypes: ['gc'] });

const shared = Buffer.allocUnsafe(256 * 1024);
const DATA = 256 * 1024;
const RECORDS = 4096;
let data = new Uint8Array(DATA); // staging, reused
const meta = new Float64Array(RECORDS * 4);
let used = 0;
let records = 0;
let errors = [];
let scheduled = false;

function flush() {
  scheduled = false;
  if (records === 0) return;
  // Exactly what was used goes out (a copy, transferred): staging buffers sized for the worst case
  // would make hundreds of MB/s of external memory, which drives V8 into back-to-back major GCs.
  const outMeta = meta.slice(0, records * 4);
  const outData = data.slice(0, used);
  gc[3] = v8.getHeapStatistics().used_heap_size - heapAtStart + gcFreed;
  // Option sched (diagnostics): this thread's time on its CPU and waiting for it, so that a stall in
  // its stamps can be told apart: preempted (waiting grew), busy (CPU grew), or neither (not running at
  // all: asleep and not yet woken, or its virtual CPU taken by the hypervisor).
  let schedstat;
  if (sched) {
    try {
      const fields = readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ');
      schedstat = [performance.now(), Number(fields[0]), Number(fields[1])];
    } catch {
      schedstat = undefined;
    }
  }
  parentPort.postMessage({ meta: outMeta, data: outData, errors, gc, schedstat }, [outMeta.buffer, outData.buffer]);
  used = 0;
  records = 0;
  errors = [];
}

function record(id, kind, at, bytes, n) {
  if (records === RECORDS || used + n > data.length) flush();
  if (n > data.length) data = new Uint8Array(n);
  const at4 = records * 4;
  meta[at4] = id;
  meta[at4 + 1] = at;
  meta[at4 + 2] = kind;
  meta[at4 + 3] = n;
  // A plain loop: Buffer#copy and TypedArray#set with a subarray allocate a view per call.
  for (let i = 0; i < n; i++) data[used + i] = bytes[i];
  used += n;
  records++;
  if (!scheduled) {
    scheduled = true;
    // Within 1 ms, not at once: the stamps are taken already, and one message per millisecond (not one
    // per read) keeps this thread's and the main thread's cost per read low.
    setTimeout(flush, 1);
  }
}

const idle = [];
const all = new Set();
const byId = new Map();
let closed = false;

function finish(connection, kind, message) {
  connection.dead = true;
  all.delete(connection);
  const at = idle.indexOf(connection);
  if (at >= 0) idle.splice(at, 1);
  const id = connection.id;
  if (id === undefined) return;
  connection.id = undefined;
  byId.delete(id);
  // A reused connection the server had closed meanwhile: the request goes again on a new one, once.
  if (connection.retry && !connection.received && !closed) return send(id, connection.retry, false);
  if (kind === 2) errors.push(message);
  record(id, kind, performance.now(), shared, 0);
}

function connect() {
  const connection = { socket: undefined, id: undefined, received: false, retry: undefined, dead: false };
  const read = (n, buffer) => {
    const at = performance.now();
    if (connection.id === undefined) {
      connection.socket.destroy(); // bytes nobody asked for
      return true;
    }
    connection.received = true;
    record(connection.id, 0, at, buffer, n);
    return true;
  };
  connection.socket = secure
    ? tls.connect({ ...tlsOptions, host, port, ...(net.isIP(host) ? {} : { servername: host }), noDelay: true })
    : net.connect({ host, port, noDelay: true, onread: { buffer: shared, callback: read } });
  if (secure) connection.socket.on('data', (chunk) => read(chunk.length, chunk));
  connection.socket.on('error', (error) => {
    finish(connection, 2, error.message || error.code || 'connection failed');
    connection.socket.destroy();
  });
  connection.socket.on('timeout', () => {
    finish(connection, 2, 'no data for ' + timeoutMs + ' ms (timed out)');
    connection.socket.destroy();
  });
  connection.socket.on('end', () => finish(connection, 1));
  connection.socket.on('close', () => {
    if (!connection.dead) finish(connection, 1);
  });
  all.add(connection);
  return connection;
}

// Spinning (option spin): while any exchange is in flight the loop never sleeps (an immediate each turn
// makes libuv poll with a zero timeout), so a read is stamped without waiting for this thread to be
// woken. For a thread alone on its core: it burns that core while requests are in flight. Each turn
// first busy-waits ~25 µs on plain arithmetic (no allocation): unthrottled, a turn took ~2.8 µs and left
// ~364 bytes of garbage (Node's immediate), ~130 MB/s, a scavenge every half second; throttled, a run's
// garbage stays well inside the 64 MB young generation. A read waits at most one such wait.
let spinning = false;
let sink = 0;
let spinLoops = 0;
function burn(loops) {
  for (let i = 0; i < loops; i++) sink = (sink * 31 + i) | 0;
}
if (spin) {
  // Loops per ~25 µs of burn() itself (the function each turn runs), from the best of a few tries.
  let best = Infinity;
  for (let t = 0; t < 20; t++) {
    const started = performance.now();
    burn(100000);
    best = Math.min(best, performance.now() - started);
  }
  spinLoops = Math.max(1, Math.round((100000 * 0.025) / Math.max(best, 1e-3)));
}
function turn() {
  burn(spinLoops);
  if (byId.size > 0 && !closed) setImmediate(turn);
  else spinning = false;
}

function send(id, request, mayRetry) {
  if (spin && !spinning) {
    spinning = true;
    setImmediate(turn);
  }
  const reused = mayRetry ? idle.pop() : undefined;
  const connection = reused || connect();
  connection.id = id;
  connection.received = false;
  connection.retry = reused ? request : undefined;
  byId.set(id, connection);
  connection.socket.setTimeout(timeoutMs);
  connection.socket.write(request);
}

parentPort.on('message', (message) => {
  if (message.op === 's') {
    if (closed) {
      errors.push('the connection pool is closed');
      return record(message.id, 2, performance.now(), shared, 0);
    }
    return send(message.id, Buffer.from(message.request.buffer, message.request.byteOffset, message.request.byteLength), true);
  }
  if (message.op === 'r') {
    const connection = byId.get(message.id);
    if (!connection) return;
    byId.delete(message.id);
    connection.id = undefined;
    connection.retry = undefined;
    if (message.keep && !connection.dead && !closed) {
      connection.socket.setTimeout(0);
      idle.push(connection);
    } else connection.socket.destroy();
    return;
  }
  if (message.op === 'g') {
    // Between a warm-up and a run: two young-generation collections, so that what lives on (the
    // connections made during the warm-up) is promoted and the run starts with an empty young
    // generation; otherwise the run's first scavenge copies all of it (~10 ms at 1,000 connections).
    let collect = globalThis.gc;
    if (typeof collect !== 'function') {
      try {
        v8.setFlagsFromString('--expose-gc');
        collect = require('node:vm').runInNewContext('gc');
      } catch {
        collect = undefined;
      } finally {
        v8.setFlagsFromString('--no-expose-gc');
      }
    }
    const counted = gc[0] + 3;
    if (typeof collect === 'function') {
      collect({ type: 'minor' });
      collect({ type: 'minor' });
      // And a full collection: it finishes any incremental marking begun during the warm-up (which
      // would otherwise end in a mark-compact pause during the run) and sizes the old generation's limit
      // from what now lives there.
      collect();
    }
    // Answer once the GC observer has counted the three (its entries come asynchronously), or 500 ms on.
    const settled = typeof collect === 'function';
    const until = performance.now() + 500;
    const answer = () => {
      if (settled && gc[0] < counted && performance.now() < until) return setTimeout(answer, 5);
      parentPort.postMessage({ settled, gc });
    };
    return answer();
  }
  if (message.op === 'c') {
    closed = true;
    for (const connection of all) {
      connection.dead = true;
      connection.socket.destroy();
    }
    all.clear();
    idle.length = 0;
    flush();
    parentPort.close();
  }
});
`;
