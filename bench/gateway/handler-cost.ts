// `node bin/run-ts.js bench/gateway/handler-cost.ts [<base checkout>]`: warm in-process CPU (ns per
// answer) of requestJsonAnswer's handler, driven as undici's Pool drives it (dispatch, then
// onConnect, onHeaders with the raw header Buffers the fake upstream sends, onData, onComplete)
// by a dispatcher that does only that, after undici's own `UnwrapHandler.unwrap` (which wraps a
// handler written against the onRequestStart/onResponse* interface). With a checkout of another
// commit (e.g. `git archive <commit> src | tar -x -C <dir>`), its requestJsonAnswer runs in the same
// alternating rounds: before/after of the handler alone, no sockets.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { ClientAbort } from '../../src/gateway/upstream/client-abort.js';
import { requestJsonAnswer } from '../../src/gateway/upstream/request-whole-answer.js';
import { answerLikeThePool, type PoolHandler } from './pool-answer.js';

type RequestJsonAnswer = typeof requestJsonAnswer;
const require = createRequire(import.meta.url);
const { unwrap } = require('undici/lib/handler/unwrap-handler.js') as {
  unwrap: (handler: object) => Record<string, (...args: unknown[]) => unknown>;
};

const dispatcher = {
  dispatch(_options: unknown, handler: object) {
    answerLikeThePool(unwrap(handler) as unknown as PoolHandler);
    return true;
  },
};

async function round(request: RequestJsonAnswer, count: number): Promise<number> {
  const signal = new ClientAbort();
  const options = {
    path: '/v1/chat/completions',
    headers: ['content-type', 'application/json'],
    body: '{}',
    signal,
    name: 'a',
  };
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) await request(dispatcher as never, options);
  const used = process.cpuUsage(before);
  return ((used.user + used.system) * 1000) / count;
}

const variants: [string, RequestJsonAnswer][] = [['now', requestJsonAnswer]];
const baseDir = process.argv[2];
if (baseDir) {
  const base = (await import(resolve(baseDir, 'src/gateway/upstream/request-whole-answer.ts'))) as {
    requestJsonAnswer: RequestJsonAnswer;
  };
  variants.push(['base', base.requestJsonAnswer]);
}
const results = new Map<string, number[]>(variants.map(([name]) => [name, []]));
for (const [, f] of variants) await round(f, 100_000); // warm-up
for (let r = 0; r < 6; r++) {
  const order = r % 2 === 0 ? variants : [...variants].reverse();
  for (const [name, f] of order) results.get(name)?.push(await round(f, 200_000));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, xs] of results)
  process.stdout.write(
    `${name.padEnd(5)} ns per answer, per round: ${xs.map((x) => x.toFixed(0)).join(', ')}; median ${median(xs).toFixed(0)}\n`,
  );
