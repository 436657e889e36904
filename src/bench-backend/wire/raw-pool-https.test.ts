// The https path of the load generator on a real loopback TLS server whose self-signed certificate is
// made here with openssl (nothing from the network): a streamed answer read chunk by chunk, a
// non-streamed one, keep-alive reuse over TLS, and a refused certificate without the CA.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StreamTarget, streamRequest } from '../stream-request.js';
import { RawPool } from './raw-pool.js';

let server: https.Server;
let url: URL;
let ca: Buffer;
let connections = 0;
const dir = mkdtempSync(join(tmpdir(), 'gantry-raw-pool-tls-'));

beforeAll(async () => {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  ca = readFileSync(join(dir, 'cert.pem'));
  server = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: ca }, (req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (!body.includes('"stream":true')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            choices: [{ index: 0, message: { role: 'assistant', content: 'a b c' } }],
            usage: { prompt_tokens: 3, completion_tokens: 3 },
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let sent = 0;
      const next = () => {
        if (sent < 4) {
          res.write(`data: {"choices":[{"index":0,"delta":{"content":"t${sent++}"}}]}\n\n`);
          setTimeout(next, 5);
        } else {
          res.end(
            'data: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4}}\n\ndata: [DONE]\n\n',
          );
        }
      };
      next();
    });
  });
  server.on('secureConnection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = new URL(`https://127.0.0.1:${(server.address() as AddressInfo).port}/v1`);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

function target(pool: RawPool, stream: boolean): StreamTarget {
  return { url, model: 'm', endpoint: 'chat', pool, timeoutMs: 5_000, stream };
}

const item = { prompt: 'hi', promptTokens: 1, maxTokens: 4 };

describe('RawPool over https', () => {
  it('streams chunk by chunk, answers whole, and keeps the TLS connection alive', async () => {
    connections = 0;
    const pool = new RawPool(new URL(url.origin), 5_000, { ca });
    const first = await streamRequest(target(pool, true), item, 0);
    expect(first.error).toBeUndefined();
    expect(first.ok).toBe(true);
    expect(first.outputTokens).toBe(4);
    expect(first.usageReported).toBe(true);
    expect(first.itlMs).toHaveLength(3);
    // The server writes the last chunk at least 15 ms after the first (each gap alone can shrink when a
    // loaded machine delays one read).
    expect(first.ttftMs + first.itlMs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(15);
    const whole = await streamRequest(target(pool, false), item, 0);
    expect(whole.ok).toBe(true);
    expect(whole.outputTokens).toBe(3);
    expect(whole.itlMs).toHaveLength(0);
    expect(whole.ttftMs).toBe(whole.latencyMs);
    const again = await streamRequest(target(pool, true), item, 0);
    expect(again.ok).toBe(true);
    expect(connections).toBe(1);
    await pool.close();
  });

  it('refuses a certificate it cannot verify', async () => {
    const pool = new RawPool(new URL(url.origin), 5_000);
    const record = await streamRequest(target(pool, true), item, 0);
    expect(record.ok).toBe(false);
    expect(record.error).toMatch(/self.signed|certificate/i);
    await pool.close();
  });
});
