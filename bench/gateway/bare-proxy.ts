// The reference the gateway is measured against: a pass-through proxy with no features at all,
// node:http + an undici Pool + JSON.parse of the request (to read the model, as any proxy must).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

const upstream = process.argv[2] ?? 'http://127.0.0.1:8000';
const pool = new Pool(upstream, { connections: 128, pipelining: 1 });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model?: string };
      const { statusCode, body: answer } = await pool.request({
        path: '/v1/chat/completions',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await answer.text();
      res.writeHead(statusCode, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    } catch (error) {
      res.writeHead(502);
      res.end(String(error));
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
// A clean exit on SIGTERM (so that `node --cpu-prof` writes its profile).
process.on('SIGTERM', () => process.exit(0));
