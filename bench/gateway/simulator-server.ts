// The backend simulator in a process of its own, for the concurrency benchmark: options from
// GANTRY_BENCH_SIMULATOR (JSON), prints "listening <url>".
import { createSimulator } from '../../src/gateway/index.js';

const simulator = createSimulator(JSON.parse(process.env.GANTRY_BENCH_SIMULATOR ?? '{}'));
const url = await simulator.listen(0, '127.0.0.1');
process.stdout.write(`listening ${url.replace(/\/v1$/, '')}\n`);
process.on('SIGTERM', async () => {
  await simulator.close();
  process.exit(0);
});
