// 1,000 concurrent streams, direct to the simulator and through the gateway: time to first token,
// chunks received (none may be dropped), errors.
import { Agent, request } from 'undici';

export interface StreamRun {
  label: string;
  streams: number;
  ttftP50: number;
  ttftP99: number;
  chunksExpected: number;
  chunksReceived: number;
  failedStreams: number;
  seconds: number;
}

export async function runStreams(options: {
  label: string;
  url: string;
  streams: number;
  tokens: number;
  key?: string;
}): Promise<StreamRun> {
  const { label, url, streams, tokens, key } = options;
  const dispatcher = new Agent({
    connections: streams + 10,
    pipelining: 0,
    headersTimeout: 60_000,
    bodyTimeout: 60_000,
  });
  const ttfts: number[] = [];
  let chunks = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: streams }, async (_, i) => {
      const t0 = performance.now();
      try {
        const { statusCode, body } = await request(`${url}/v1/chat/completions`, {
          method: 'POST',
          dispatcher,
          headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
          body: JSON.stringify({
            model: 'stream',
            messages: [{ role: 'user', content: `stream ${i}` }],
            stream: true,
          }),
        });
        if (statusCode !== 200) {
          failed++;
          await body.dump();
          return;
        }
        let first = true;
        let mine = 0;
        let text = '';
        for await (const bytes of body) {
          text += bytes.toString();
          let at = text.indexOf('"content":" w');
          while (at !== -1) {
            if (first) {
              ttfts.push(performance.now() - t0);
              first = false;
            }
            mine++;
            at = text.indexOf('"content":" w', at + 1);
          }
          // Keep only the unfinished tail so that no chunk is counted twice.
          const cut = text.lastIndexOf('\n\n');
          if (cut !== -1) text = text.slice(cut + 2);
        }
        chunks += mine;
        if (mine !== tokens) failed++;
      } catch {
        failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await dispatcher.close();
  ttfts.sort((a, b) => a - b);
  const at = (q: number) => ttfts[Math.min(ttfts.length - 1, Math.floor(q * ttfts.length))] ?? Number.NaN;
  return {
    label,
    streams,
    ttftP50: at(0.5),
    ttftP99: at(0.99),
    chunksExpected: streams * tokens,
    chunksReceived: chunks,
    failedStreams: failed,
    seconds,
  };
}
