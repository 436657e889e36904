// The simulator in its own process (so that it does not share an event loop with the load generator).
// Options as JSON in argv[2]; prints "listening <url>"; `configure` lines on stdin change them.
import { createInterface } from 'node:readline';
import { createSimulator } from '../../src/gateway/index.js';

const simulator = createSimulator(JSON.parse(process.argv[2] ?? '{}'));
const url = await simulator.listen(0, '127.0.0.1');
process.stdout.write(`listening ${url}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim()) simulator.configure(JSON.parse(line));
}
