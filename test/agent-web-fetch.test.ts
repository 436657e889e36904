import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockedAddressReason, safeFetch, webFetchTool } from '../src/tool/index.js';
import { noopTracer } from '../src/trace/index.js';

let server: Server;
let base: string;
let port: number;

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (url === '/article') {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(`<!doctype html><html><head><title>Gantry notes</title></head><body>
        <nav>menu menu menu</nav><article><h1>Reliable agents</h1>
        <p>Agents need <strong>budgets</strong> and stop conditions to avoid loops. ${'More text. '.repeat(40)}</p>
        <ul><li>steps</li><li>tokens</li></ul></article><script>alert(1)</script></body></html>`);
    } else if (url === '/to-metadata') {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    } else if (url === '/to-private') {
      response.writeHead(301, { location: 'http://10.0.0.7/admin' }).end();
    } else if (url === '/to-localhost') {
      response.writeHead(302, { location: `http://localhost:${port}/article` }).end();
    } else if (url === '/to-article') {
      response.writeHead(302, { location: '/article' }).end();
    } else if (url === '/loop') {
      response.writeHead(302, { location: '/loop' }).end();
    } else if (url === '/paper.pdf') {
      response.setHeader('content-type', 'application/pdf');
      response.end(minimalPdf('Agents need budgets'));
    } else if (url === '/big') {
      response.setHeader('content-type', 'text/plain');
      response.end('x'.repeat(100_000));
    } else if (url === '/slow') {
      setTimeout(() => response.end('late'), 2_000);
    } else {
      response.writeHead(404).end('missing');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const allow = () => ({ allowHosts: ['127.0.0.1'] });
const context = {
  toolCallId: 'c',
  runId: 'r',
  signal: new AbortController().signal,
  tracer: noopTracer,
  span: noopTracer.startSpan('t'),
  budget: { snapshot: () => ({ used: {}, limits: {} }) },
};

describe('web_fetch SSRF protection', () => {
  it.each([
    ['loopback', 'http://127.0.0.1:1/'],
    ['IPv6 loopback', 'http://[::1]:1/'],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['decimal IPv4', 'http://2130706433/'],
    ['hex IPv4', 'http://0x7f000001/'],
    ['octal IPv4', 'http://0177.0.0.1/'],
    ['short IPv4', 'http://127.1/'],
    ['IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]/'],
    ['unspecified', 'http://0.0.0.0/'],
    ['private 10/8', 'http://10.1.2.3/'],
    ['private 192.168/16', 'http://192.168.1.1/'],
    ['IPv6 unique local', 'http://[fd00::1]/'],
    ['IPv6 link-local', 'http://[fe80::1]/'],
    ['localhost by name (DNS)', 'http://localhost:1/'],
  ])('refuses %s (%s)', async (_name, url) => {
    await expect(safeFetch(url)).rejects.toMatchObject({ code: 'TOOL_URL_BLOCKED' });
  });

  it('refuses other schemes and credentials', async () => {
    await expect(safeFetch('file:///etc/passwd')).rejects.toMatchObject({ code: 'TOOL_URL_BLOCKED' });
    await expect(safeFetch('http://user:pw@example.com/')).rejects.toMatchObject({
      code: 'TOOL_URL_BLOCKED',
    });
  });

  it('refuses a redirect to the metadata address, to a private address, and to a non-allowlisted local name', async () => {
    await expect(safeFetch(`${base}/to-metadata`, allow())).rejects.toMatchObject({
      code: 'TOOL_URL_BLOCKED',
    });
    await expect(safeFetch(`${base}/to-private`, allow())).rejects.toMatchObject({
      code: 'TOOL_URL_BLOCKED',
    });
    await expect(safeFetch(`${base}/to-localhost`, allow())).rejects.toMatchObject({
      code: 'TOOL_URL_BLOCKED',
    });
  });

  it('classifies addresses', () => {
    expect(blockedAddressReason('8.8.8.8')).toBeUndefined();
    expect(blockedAddressReason('2606:4700:4700::1111')).toBeUndefined();
    expect(blockedAddressReason('::ffff:7f00:1')).toBeDefined();
    expect(blockedAddressReason('64:ff9b::a9fe:a9fe')).toBeDefined(); // NAT64 of 169.254.169.254
    expect(blockedAddressReason('100.64.0.1')).toBeDefined();
  });
});

describe('web_fetch content', () => {
  it('returns readable Markdown of an allowlisted page, following a redirect', async () => {
    const tool = webFetchTool(allow());
    const result = await tool.execute({ url: `${base}/to-article` }, context);
    expect(result.title).toBe('Gantry notes');
    expect(result.content).toContain('# Reliable agents');
    expect(result.content).toContain('**budgets**');
    expect(result.content).not.toContain('alert(1)');
    expect(result.url).toBe(`${base}/article`);
  });

  it('cuts a body over the size limit and marks it truncated', async () => {
    const response = await safeFetch(`${base}/big`, { ...allow(), maximumBytes: 1000 });
    expect(response.body.length).toBe(1000);
    expect(response.truncated).toBe(true);
  });

  it('gives up after the time limit and after too many redirects', async () => {
    await expect(safeFetch(`${base}/slow`, { ...allow(), timeoutMs: 200 })).rejects.toMatchObject({
      code: 'TOOL_FETCH_TIMEOUT',
    });
    await expect(safeFetch(`${base}/loop`, allow())).rejects.toMatchObject({ code: 'TOOL_FETCH_FAILED' });
  });
});

describe('web_fetch PDFs', () => {
  it('returns the text of a PDF, page by page', async () => {
    const result = await webFetchTool(allow()).execute({ url: `${base}/paper.pdf` }, context);
    expect(result.content).toBe('## Page 1\n\nAgents need budgets');
  });
});

/** A one-page PDF with one line of text, built by hand (offsets computed) so that no fixture file is needed. */
function minimalPdf(text: string): Buffer {
  const content = `BT /F1 18 Tf 20 100 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
