// The zero-delay upstream of the benchmark: answers every POST with one fixed chat completion
// (usage included), as fast as node:http allows. Prints its URL.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { benchAnswer } from './bench-answer.js';

const answer = benchAnswer;
const length = Buffer.byteLength(answer);

const server = createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': length });
    res.end(answer);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
