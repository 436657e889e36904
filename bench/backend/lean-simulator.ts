// A lighter simulator for measuring the load generator itself (bench/backend/overhead.ts), run in its
// own process: the same OpenAI wire format as the built-in simulator (src/gateway/simulator) but with
// every byte it can precomputed, so that the server side is not the bottleneck on a small machine. It
// does not parse the request's JSON (a `"stream":true` substring selects streaming), has no faults, no
// prefix cache and no jitter. Each streamed chunk carries `sent_mono_ms` (CLOCK_MONOTONIC, the clock
// every process reads with process.hrtime(), taken just before the write): the generator's ITL skew is
// its gap between two chunks minus the gap between these stamps, which also takes the simulator's own
// timer drift out of the figure; the stamp minus the generator's arrival time is the one-way delay.
// `lag_ms` on a chunk (and on the usage chunk) is how long the previous chunk took from its stamp to the
// end of its write(2).
// Options as JSON in argv[2]: { ttftMs, itlMs, tokens }. Prints "listening <url>".
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const {
  ttftMs = 0,
  itlMs = 0,
  tokens = 2,
} = JSON.parse(process.argv[2] ?? '{}') as {
  ttftMs?: number;
  itlMs?: number;
  tokens?: number;
};
const created = Math.floor(Date.now() / 1000);
const middle = `","object":"chat.completion.chunk","created":${created},"model":"m","choices":[{"index":0,"delta":{"content":" w"},"finish_reason":null}],"sent_mono_ms":`;
const usage = (id: string, n: number, lag: number) =>
  `${id}","object":"chat.completion.chunk","created":${created},"model":"m","choices":[],"usage":{"prompt_tokens":4,"completion_tokens":${n},"total_tokens":${n + 4}},"lag_ms":${lag}}\n\ndata: [DONE]\n\n`;
const whole = Buffer.from(
  JSON.stringify({
    id: 'chatcmpl-lean',
    object: 'chat.completion',
    created,
    model: 'm',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: ' w'.repeat(tokens) },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 4, completion_tokens: tokens, total_tokens: tokens + 4 },
  }),
);
const streamHeaders = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
const jsonHeaders = { 'content-type': 'application/json', 'content-length': String(whole.length) };

let requests = 0;
const server = createServer((req, res) => {
  let streamed = false;
  let count = tokens;
  const id = `data: {"id":"chatcmpl-lean${requests++}`;
  req.on('data', (chunk: Buffer) => {
    if (!streamed && chunk.includes('"stream":true')) streamed = true;
    // Streamed answers are as long as max_tokens asks (the non-streamed one is precomputed).
    const asked = /"max_tokens":(\d+)/.exec(chunk.toString('latin1'));
    if (asked) count = Number(asked[1]);
  });
  req.on('end', () => {
    if (!streamed) {
      res.writeHead(200, jsonHeaders);
      return void res.end(whole);
    }
    res.writeHead(200, streamHeaders);
    let sent = 0;
    let lag = 0;
    const next = () => {
      if (res.destroyed) return;
      // CLOCK_MONOTONIC in ms, the clock process.hrtime() reads in every process: the generator can
      // subtract it from its own arrival time (one-way delay), not only from the previous chunk's.
      const stamp = Number(process.hrtime.bigint()) / 1e6;
      res.write(`${id}${middle}${stamp},"lag_ms":${lag}}\n\n`);
      // http corks the socket until the next tick; uncorking here makes the write(2) happen now, so that
      // the stamp after it brackets the moment the bytes reached the generator's socket (on loopback the
      // kernel delivers them inside the write): lag_ms = this chunk's stamp-to-written time, sent with the
      // next chunk (or the usage chunk). A large lag is the simulator's own lateness, not the generator's.
      res.socket?.uncork();
      lag = Number(process.hrtime.bigint()) / 1e6 - stamp;
      // With no ITL, setImmediate still gives each chunk its own write (and most often its own read).
      if (++sent < count) {
        if (itlMs > 0) setTimeout(next, itlMs);
        else setImmediate(next);
      } else res.end(usage(id, count, lag));
    };
    if (ttftMs > 0) setTimeout(next, ttftMs);
    else next();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}/v1\n`);
});
