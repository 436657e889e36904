// `node --expose-gc bin/run-ts.js bench/gateway/in-process.ts [<base checkout>]`: warm in-process CPU
// (µs per request) of the whole gateway as ratio.ts configures it (auth required, a key with limits and
// budget, metrics, usage rows with the span in them, batched SQLite inserts), driven through
// `gateway.handle(req, res)` with stand-in request/response objects and undici's Pool dispatch answered
// in process one macrotask later (requestJsonAnswer's handler called as the pool calls it): no sockets,
// no HTTP parser, so only the gateway's own work is counted (~20–25 µs of the ~120–160 µs that ratio.ts
// measures per request). Variants in alternating rounds (order reversed every round), 32 requests in
// flight, gc() before each round: 'now' (this checkout); with a checkout of another commit (e.g.
// `git archive <commit> src package.json tsconfig.json | tar -x -C <dir>` and a node_modules link),
// 'base', its gateway in the same configuration. AA=1 adds a second gateway of this checkout (the
// method's own spread between two instances of the same code); ABLATE=1 adds this checkout with
// metrics off, with tracing off (rows without a span) and with a key without limits, to price those
// parts. ROUNDS (10), COUNT (20,000 requests a round), WARM (40,000 each, for the JIT), GC=0 (no
// gc() between rounds), DUMMY=1 (an unmeasured gateway made first: the first made costs ~1.5 µs more),
// ONLY=<variant> (that one alone, e.g. for --cpu-prof). Rounds of a few hundred requests disagreed
// with longer ones (docs/benchmarks.md, gwfast): keep COUNT in the thousands. gwfast's prototype of a
// fast path (commit 7703548, bench/gateway/fast-cost.ts there) was measured with this harness.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'undici';
import type { parseConfig } from '../../src/config/index.js';
import type { createGateway } from '../../src/gateway/index.js';
import type { openSqliteStore } from '../../src/store/index.js';
import type { createConfiguredTracer } from '../../src/trace/index.js';
import { benchGateway } from './bench-config.js';
import { answerLikeThePool, type PoolHandler } from './pool-answer.js';

// The pool's answer one macrotask later, as from a socket read.
(Pool.prototype as unknown as { dispatch: unknown }).dispatch = (_options: unknown, handler: PoolHandler) => {
  setImmediate(answerLikeThePool, handler);
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

const folders: string[] = [];

async function make(modulesFrom: string, ablation: Ablation = {}): Promise<Made> {
  const config = await import(join(modulesFrom, 'src/config/index.ts'));
  const gw = await import(join(modulesFrom, 'src/gateway/index.ts'));
  const st = await import(join(modulesFrom, 'src/store/index.ts'));
  const tr = await import(join(modulesFrom, 'src/trace/index.ts'));
  const folder = mkdtempSync(join(tmpdir(), 'gantry-in-process-'));
  folders.push(folder);
  const parsed = (config.parseConfig as typeof parseConfig)({
    gateway: benchGateway('http://127.0.0.1:9', { cache: { enabled: false }, ...ablation.gateway }),
    ...ablation.top,
    database: { path: join(folder, 'bench.db') },
    server: { port: 0 },
  });
  const store = (st.openSqliteStore as typeof openSqliteStore)({ path: parsed.database.path });
  const tracer = (tr.createConfiguredTracer as typeof createConfiguredTracer)(parsed, store);
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
// Two gateways of the same code in one process differ by ~1.5–2 µs, the first made costing more
// (docs/benchmarks.md, gwfast); DUMMY=1 makes one first that is never measured.
if (process.env.DUMMY === '1') await make(here);
const only = process.env.ONLY;
const variants: [string, Made][] = [];
const wanted = (name: string) => !only || only === name;
if (wanted('now')) variants.push(['now', await make(here)]);
if (process.env.AA === '1') variants.push(['now again', await make(here)]);
if (process.env.ABLATE === '1') {
  variants.push(['now, metrics off', await make(here, { gateway: { metrics: { enabled: false } } })]);
  variants.push(['now, tracing off', await make(here, { top: { tracing: { enabled: false } } })]);
  variants.push(['now, key without limits', await make(here, { limits: {} })]);
}
if (process.argv[2] && wanted('base')) variants.push(['base', await make(resolve(process.argv[2]))]);
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
const first = results.get(variants[0][0]) ?? [];
for (const [name, xs] of results) {
  const ratio = xs.map((x, i) => x / first[i]);
  process.stdout.write(
    `${name.padEnd(24)} µs/request${xs.length > 16 ? '' : ` per round: ${xs.map((x) => x.toFixed(2)).join(', ')};`} median ${median(xs).toFixed(2)}; ÷ ${variants[0][0]} per round median ${median(ratio).toFixed(3)}, difference median ${median(xs.map((x, i) => x - first[i])).toFixed(2)} µs (quartiles ${quartiles(xs.map((x, i) => x - first[i]))})\n`,
  );
}
for (const folder of folders) rmSync(folder, { recursive: true, force: true });
process.exit(0);
