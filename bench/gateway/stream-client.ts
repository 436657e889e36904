// One load-generating process of the concurrency benchmark: opens `count` streaming chat requests,
// spread evenly over `rampMs`, each held open until its last chunk. Prints "open <n>" (streams whose
// headers came and whose body has not ended) every 250 ms, then "result <json>": time to first
// content chunk of every stream, content chunks received, the chunks the usage chunk announced
// (completion_tokens), failed streams with their first errors, and the process's peak descriptors.
// Options in GANTRY_BENCH_CLIENT (JSON): { url, key?, model, count, rampMs, tag }.
import { readdirSync } from 'node:fs';
import { Agent, request } from 'undici';

const { url, key, model, count, rampMs, tag } = JSON.parse(process.env.GANTRY_BENCH_CLIENT ?? '{}') as {
  url: string;
  key?: string;
  model: string;
  count: number;
  rampMs: number;
  tag: string;
};

const dispatcher = new Agent({
  connections: count + 10,
  pipelining: 1,
  headersTimeout: 300_000,
  bodyTimeout: 300_000,
  connectTimeout: 60_000,
});
const ttfts: number[] = [];
const errors = new Map<string, number>();
let chunks = 0;
let announced = 0;
let failed = 0;
let open = 0;
let peakOpen = 0;
let peakFds = 0;
const fds = () => readdirSync('/proc/self/fd').length;

const progress = setInterval(() => {
  peakFds = Math.max(peakFds, fds());
  process.stdout.write(`open ${open}\n`);
}, 250);

function fail(reason: string): void {
  failed++;
  errors.set(reason, (errors.get(reason) ?? 0) + 1);
}

async function one(i: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, (i * rampMs) / count));
  const t0 = performance.now();
  let opened = false;
  try {
    const { statusCode, body } = await request(`${url}/v1/chat/completions`, {
      method: 'POST',
      dispatcher,
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({
        model,
        messages: [{ role: 'user', content: `stream ${tag}-${i}` }],
        stream: true,
        stream_options: { include_usage: true },
      }),
    });
    if (statusCode !== 200) {
      fail(`status ${statusCode}: ${(await body.text()).slice(0, 160)}`);
      return;
    }
    opened = true;
    open++;
    peakOpen = Math.max(peakOpen, open);
    let mine = 0;
    let tail = '';
    for await (const bytes of body) {
      tail += bytes.toString();
      let at = tail.indexOf('"content":" w');
      while (at !== -1) {
        if (mine === 0) ttfts.push(performance.now() - t0);
        mine++;
        at = tail.indexOf('"content":" w', at + 1);
      }
      const usage = /"completion_tokens":(\d+)/.exec(tail);
      if (usage) announced += Number(usage[1]);
      const cut = tail.lastIndexOf('\n\n');
      if (cut !== -1) tail = tail.slice(cut + 2);
    }
    chunks += mine;
  } catch (error) {
    fail(`${(error as Error).name}: ${(error as Error).message}`.slice(0, 160));
  } finally {
    if (opened) open--;
  }
}

await Promise.all(Array.from({ length: count }, (_, i) => one(i)));
clearInterval(progress);
peakFds = Math.max(peakFds, fds());
await dispatcher.close();
process.stdout.write(
  `result ${JSON.stringify({ ttfts, chunks, announced, failed, errors: [...errors].slice(0, 5), peakOpen, peakFds })}\n`,
);
