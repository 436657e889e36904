// `node bin/run-ts.js bench/gateway/answer-parts.ts`: warm in-process CPU (ns per call, 1M calls, 3
// rounds) of the small per-request pieces of the gateway's JSON path, on ratio.ts's request and the
// fake upstream's answer: Host admission, the model swap in the request text, usage from the answer,
// and the answer's headers (sendAnswer against sendJson with an overheadHeaders object; fixed3
// against toFixed(3)). Figures to compare a change of one piece before/after (git stash), not HTTP.
import type { ServerResponse } from 'node:http';
import { parseConfig } from '../../src/config/index.js';
import { sendJson } from '../../src/gateway/http/index.js';
import { extractUsage } from '../../src/gateway/pipeline/extract-usage.js';
import {
  fixed3,
  type GatewayContext,
  overheadHeaders,
  sendAnswer,
} from '../../src/gateway/pipeline/gateway-context.js';
import { replaceModel } from '../../src/gateway/upstream/replace-model.js';
import { createAdmission } from '../../src/server/auth/request-admission.js';

const calls = 1_000_000;
function bench(name: string, f: () => unknown): void {
  for (let i = 0; i < 100_000; i++) f();
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) f();
  const used = process.cpuUsage(before);
  process.stdout.write(`${name.padEnd(28)} ${(((used.user + used.system) * 1000) / calls).toFixed(1)} ns\n`);
}

const request =
  '{"model":"bench","messages":[{"role":"user","content":"Say hello to the benchmark."}],"max_tokens":16}';
const answer = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [
    { index: 0, message: { role: 'assistant', content: 'Hello, benchmark!' }, finish_reason: 'stop' },
  ],
  usage: { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 },
});
const admit = createAdmission(parseConfig({}) as Parameters<typeof createAdmission>[0]);
const req = { headers: { host: '127.0.0.1:43211' } } as unknown as Parameters<typeof admit>[0];
let sink = 0;
const res = {
  headersSent: false,
  writeHead: (_status: number, headers: string[]) => {
    sink += headers.length;
  },
  end: (body: string) => {
    sink += body.length;
  },
} as unknown as ServerResponse;
const context = {
  res,
  responseHeaders: undefined,
  overheadHeader: true,
  startedAt: performance.now(),
  upstreamMs: 0.5,
} as unknown as GatewayContext;

for (let round = 0; round < 3; round++) {
  bench('admission (Host)', () => admit(req));
  bench('replaceModel', () => replaceModel(request, 'bench', 'gpt-4o-mini'));
  bench('extractUsage', () => extractUsage(answer));
  bench('sendJson(overheadHeaders)', () => sendJson(res, 200, answer, overheadHeaders(context)));
  bench('sendAnswer', () => sendAnswer(context, 200, answer));
  bench('toFixed(3)', () => (performance.now() - 12.5).toFixed(3));
  bench('fixed3', () => fixed3(performance.now() - 12.5));
  process.stdout.write('\n');
}
if (sink < 0) process.stdout.write('');
