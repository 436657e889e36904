import { spawn } from 'node:child_process';
import { benchGateway } from './bench-config.js';
import { start, stop } from './processes.js';
import { runWrk } from './wrk.js';
const upstream = await start(['bin/run-ts.js', 'bench/gateway/fake-upstream.ts'], { core: 1 });
const config = { gateway: benchGateway(upstream.url, { cache: { enabled: false } }) };
try {
  for (const name of ['bare', 'gw']) {
    const server = name === 'bare'
      ? await start(['bin/run-ts.js', 'bench/gateway/bare-proxy.ts', upstream.url], { core: 0 })
      : await start(['bin/run-ts.js', 'bench/gateway/gateway-server.ts'], { core: 0, env: { GANTRY_BENCH_CONFIG: JSON.stringify(config) } });
    const key = / key (\S+)/.exec(server.line)?.[1] ?? '';
    const load = { label: name, url: server.url, connections: 32, env: { BENCH_KEY: key }, core: 1 };
    await runWrk({ ...load, seconds: 2 });
    const tracer = spawn('strace', ['-c', '-f', '-p', String(server.pid), '-o', `/tmp/gwcut/strace-${name}.txt`]);
    await new Promise((r) => setTimeout(r, 500));
    const result = await runWrk({ ...load, seconds: 4 });
    tracer.kill('SIGINT');
    await new Promise((r) => tracer.on('exit', r));
    process.stdout.write(`${name}: ${result.requests} requests\n`);
    await stop(server);
  }
} finally {
  await stop(upstream);
}
