// `node --expose-gc bin/run-ts.js bench/gateway/fast-cost.ts [<base checkout>]`: warm in-process CPU (µs per
// request) of the whole gateway as ratio.ts configures it (auth required, a key with limits and
// budget, metrics, usage rows with the span in them, batched SQLite inserts), driven through
// `gateway.handle(req, res)` with stand-in request/response objects and undici's Pool dispatch
// answered in process (requestJsonAnswer's handler called as the pool calls it): no sockets, so only
// the gateway's own work is counted. Variants in alternating rounds, 32 requests in flight:
// 'chain' (the stages), 'fast' (GANTRY_FAST=1 when the gateway is made), and with a checkout of
// another commit, 'base' (its gateway, same configuration).
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'undici';
import { parseConfig } from '../../src/config/index.js';
import { createGateway } from '../../src/gateway/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { createConfiguredTracer } from '../../src/trace/index.js';
import { benchAnswer } from './bench-answer.js';
import { benchGateway } from './bench-config.js';

const answer = Buffer.from(benchAnswer);
const headerText = [
  'Content-Type',
  'application/json',
  'Content-Length',
  String(answer.length),
  'Date',
  'Fri, 04 Dec 2026 15:00:00 GMT',
  'Connection',
  'keep-alive',
  'Keep-Alive',
  'timeout=60',
];
const noop = () => {};
type V1Handler = {
  onConnect(abort: () => void, context: object): void;
  onHeaders(status: number, headers: Buffer[], resume: () => void, text: string): boolean;
  onData(chunk: Buffer): boolean;
  onComplete(trailers: Buffer[]): void;
};
// The pool's answer one macrotask later, as from a socket read.
(Pool.prototype as unknown as { dispatch: unknown }).dispatch = (_options: unknown, handler: V1Handler) => {
  setImmediate(() => {
    handler.onConnect(noop, {});
    handler.onHeaders(
      200,
      headerText.map((t) => Buffer.from(t, 'latin1')),
      noop,
      'OK',
    );
    handler.onData(answer);
    handler.onComplete([]);
  });
  return true;
};

const body = Buffer.from(
  '{"model":"bench","messages":[{"role":"user","content":"Say hello to the benchmark."}],"max_tokens":16}',
);

class FakeRequest extends EventEmitter {
  method = 'POST';
  url = '/v1/chat/completions';
  constructor(public headers: Record<string, string>) {
    super();
  }
  resume(): this {
    return this;
  }
}

class FakeResponse extends EventEmitter {
  headersSent = false;
  writableEnded = false;
  writableFinished = false;
  statusCode = 0;
  raw: string[] = [];
  body = '';
  constructor(private readonly done: (res: FakeResponse) => void) {
    super();
  }
  writeHead(status: number, raw: string[] | Record<string, string>): this {
    this.statusCode = status;
    this.raw = Array.isArray(raw) ? raw : Object.entries(raw).flat();
    this.headersSent = true;
    return this;
  }
  end(text?: string): this {
    this.body = text ?? '';
    this.writableEnded = true;
    this.writableFinished = true;
    this.emit('close');
    this.done(this);
    return this;
  }
}

type Handle = (req: unknown, res: unknown) => boolean;
interface Made {
  handle: Handle;
  key: string;
}

interface Ablation {
  gateway?: Record<string, unknown>;
  top?: Record<string, unknown>;
  limits?: Record<string, number>;
}

const benchLimits = {
  requestsPerMinute: 1e9,
  tokensPerMinute: 1e12,
  concurrentRequests: 100_000,
  dailyBudgetUsd: 1e9,
};

async function make(modulesFrom: string, fast: boolean, ablation: Ablation = {}): Promise<Made> {
  const config = await import(join(modulesFrom, 'src/config/index.ts'));
  const gw = await import(join(modulesFrom, 'src/gateway/index.ts'));
  const st = await import(join(modulesFrom, 'src/store/index.ts'));
  const tr = await import(join(modulesFrom, 'src/trace/index.ts'));
  const folder = mkdtempSync(join(tmpdir(), 'gantry-fast-cost-'));
  const parsed = (config.parseConfig as typeof parseConfig)({
    gateway: benchGateway('http://127.0.0.1:9', { cache: { enabled: false }, ...ablation.gateway }),
    ...ablation.top,
    database: { path: join(folder, 'bench.db') },
    server: { port: 0 },
  });
  const store = (st.openSqliteStore as typeof openSqliteStore)({ path: parsed.database.path });
  const tracer = (tr.createConfiguredTracer as typeof createConfiguredTracer)(parsed, store);
  process.env.GANTRY_FAST = fast ? '1' : '0';
  const gateway = await (gw.createGateway as typeof createGateway)({ config: parsed, store, tracer });
  const { key } = await gateway.keys.create({
    name: 'bench',
    limits: ablation.limits ?? benchLimits,
  });
  return { handle: gateway.handle.bind(gateway) as Handle, key };
}

function one(made: Made): Promise<FakeResponse> {
  return new Promise((done) => {
    const req = new FakeRequest({
      host: '127.0.0.1:8080',
      'content-type': 'application/json',
      'content-length': String(body.length),
      authorization: `Bearer ${made.key}`,
    });
    const res = new FakeResponse(done);
    made.handle(req, res);
    process.nextTick(() => {
      req.emit('data', body);
      req.emit('end');
    });
  });
}

async function round(made: Made, count: number, inFlight = 32): Promise<number> {
  let next = 0;
  let failed = 0;
  const lane = async () => {
    while (next < count) {
      next++;
      const res = await one(made);
      if (res.statusCode !== 200) failed++;
    }
  };
  // Each round starts without the garbage of the one before (run with --expose-gc).
  if (process.env.GC !== '0') (globalThis as { gc?: () => void }).gc?.();
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: inFlight }, lane));
  const used = process.cpuUsage(before);
  if (failed > 0) throw new Error(`${failed} requests failed`);
  return (used.user + used.system) / count;
}

const here = resolve('.');
// ONLY=<variant>: that one alone (for a CPU profile of it).
const only = process.env.ONLY;
const variants: [string, Made][] = [];
if (!only || only === 'chain') variants.push(['chain', await make(here, false)]);
if (!only || only === 'fast') variants.push(['fast', await make(here, true)]);
// AA=1: a second gateway of each kind (the method's own spread: A against A).
if (process.env.AA === '1') {
  variants.push(['chain again', await make(here, false)]);
  variants.push(['fast again', await make(here, true)]);
}
// ABLATE=1: the fast path without one part each, to price the parts.
if (process.env.ABLATE === '1') {
  variants.push(['fast, metrics off', await make(here, true, { gateway: { metrics: { enabled: false } } })]);
  variants.push(['fast, tracing off', await make(here, true, { top: { tracing: { enabled: false } } })]);
  variants.push(['fast, key without limits', await make(here, true, { limits: {} })]);
}
if (process.argv[2]) variants.push(['base', await make(resolve(process.argv[2]), false)]);
// A response of each, shown once (same bytes and headers but the overhead header's value).
for (const [name, m] of variants) {
  const res = await one(m);
  process.stdout.write(`${name}: ${res.statusCode} ${res.raw.join(' ')} ${res.body.length} bytes\n`);
}
const rounds = Number(process.env.ROUNDS ?? 10);
const count = Number(process.env.COUNT ?? 20_000);
for (const [, m] of variants) await round(m, Number(process.env.WARM ?? 40_000)); // warm-up (JIT)
const results = new Map<string, number[]>(variants.map(([name]) => [name, []]));
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? variants : [...variants].reverse();
  for (const [name, m] of order) results.get(name)?.push(await round(m, count));
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quartiles = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[Math.floor(s.length / 4)].toFixed(2)} to ${s[Math.floor((3 * s.length) / 4)].toFixed(2)}`;
};
const chain = results.get('chain') ?? results.get(variants[0][0]) ?? [];
for (const [name, xs] of results) {
  const ratio = xs.map((x, i) => x / chain[i]);
  process.stdout.write(
    `${name.padEnd(24)} µs/request${xs.length > 16 ? '' : ` per round: ${xs.map((x) => x.toFixed(2)).join(', ')};`} median ${median(xs).toFixed(2)}; ÷ chain per round median ${median(ratio).toFixed(3)}, difference median ${median(xs.map((x, i) => x - chain[i])).toFixed(2)} µs (quartiles ${quartiles(xs.map((x, i) => x - chain[i]))})\n`,
  );
}
process.exit(0);
