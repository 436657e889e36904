// The hf: download path against a local HTTP server that serves the tiny GGUF the way Hugging Face
// does (a redirect carrying X-Linked-Etag, then the bytes, Range requests honoured).
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateText } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveModel } from '../model/index.js';
import { type DownloadProgress, disposeLlamaEngines, resolveModelFile, tinyGguf } from './index.js';

const file = tinyGguf({ seed: 7 });
const sha = createHash('sha256').update(file).digest('hex');
let server: Server;
let endpoint: string;
let dir: string;
let requests: { url: string; range?: string }[] = [];
let serveCorrupt = false;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gantry-download-'));
  server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', range: req.headers.range });
    if (req.url?.startsWith('/owner/repo/resolve/main/tiny.gguf')) {
      res.writeHead(302, { location: '/cdn/tiny.gguf', 'x-linked-etag': `"${sha}"` });
      return res.end();
    }
    if (req.url === '/cdn/tiny.gguf') {
      const body = serveCorrupt ? Buffer.from(file).fill(0, 1000, 2000) : file;
      const range = /bytes=(\d+)-/.exec(req.headers.range ?? '');
      if (range) {
        const from = Number(range[1]);
        res.writeHead(206, {
          'content-length': body.length - from,
          'content-range': `bytes ${from}-${body.length - 1}/${body.length}`,
        });
        return res.end(body.subarray(from));
      }
      res.writeHead(200, { 'content-length': body.length });
      return res.end(body);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await disposeLlamaEngines();
  server.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  requests = [];
  serveCorrupt = false;
});

describe('hf: model downloads', () => {
  it('downloads with progress, verifies the SHA-256 from X-Linked-Etag, and uses the cache afterwards', async () => {
    const cacheDir = join(dir, 'fresh');
    const progress: DownloadProgress[] = [];
    const path = await resolveModelFile('hf:owner/repo/tiny.gguf', {
      cacheDir,
      endpoint,
      onProgress: (p) => progress.push(p),
    });
    expect(path).toBe(join(cacheDir, 'owner', 'repo', 'tiny.gguf'));
    expect((await readFile(path)).equals(file)).toBe(true);
    expect(await readFile(`${path}.sha256`, 'utf8')).toBe(`${sha}\n`);
    expect(progress.at(-1)).toMatchObject({ received: file.length, total: file.length });
    const before = requests.length;
    await resolveModelFile('hf:owner/repo/tiny.gguf', { cacheDir, endpoint });
    expect(requests.length).toBe(before);
  });

  it('resumes a partial download with a Range request', async () => {
    const cacheDir = join(dir, 'resume');
    await mkdir(join(cacheDir, 'owner', 'repo'), { recursive: true });
    await writeFile(join(cacheDir, 'owner', 'repo', 'tiny.gguf.partial'), file.subarray(0, 100_000));
    const progress: DownloadProgress[] = [];
    const path = await resolveModelFile('hf:owner/repo/tiny.gguf', {
      cacheDir,
      endpoint,
      onProgress: (p) => progress.push(p),
    });
    expect(requests.at(-1)).toMatchObject({ url: '/cdn/tiny.gguf', range: 'bytes=100000-' });
    expect(progress[0].resumedFrom).toBe(100_000);
    expect((await readFile(path)).equals(file)).toBe(true);
  });

  it('deletes a corrupt download and says so (checksum mismatch)', async () => {
    serveCorrupt = true;
    const cacheDir = join(dir, 'corrupt');
    await expect(resolveModelFile('hf:owner/repo/tiny.gguf', { cacheDir, endpoint })).rejects.toMatchObject({
      code: 'MODEL_CHECKSUM_MISMATCH',
    });
    await expect(stat(join(cacheDir, 'owner', 'repo', 'tiny.gguf.partial'))).rejects.toThrow();
    await expect(stat(join(cacheDir, 'owner', 'repo', 'tiny.gguf'))).rejects.toThrow();
  });

  it('checks a given sha256 too', async () => {
    await expect(
      resolveModelFile(`hf:owner/repo/tiny.gguf#sha256=${'0'.repeat(64)}`, {
        cacheDir: join(dir, 'given'),
        endpoint,
      }),
    ).rejects.toMatchObject({ code: 'MODEL_CHECKSUM_MISMATCH', message: expect.stringContaining('0000') });
  });

  it('reports HTTP errors, an unwritable cache folder and a full disk clearly', async () => {
    await expect(
      resolveModelFile('hf:owner/other/missing.gguf', { cacheDir: join(dir, 'x'), endpoint }),
    ).rejects.toMatchObject({
      code: 'MODEL_DOWNLOAD_FAILED',
      message: expect.stringContaining('HTTP 404'),
    });
    // A cache "folder" below a regular file cannot be created, whoever runs the test (root included).
    await writeFile(join(dir, 'not-a-folder'), 'x');
    await expect(
      resolveModelFile('hf:owner/repo/tiny.gguf', { cacheDir: join(dir, 'not-a-folder', 'cache'), endpoint }),
    ).rejects.toMatchObject({
      code: 'MODEL_DOWNLOAD_FAILED',
      message: expect.stringContaining('not writable'),
    });
    // /dev/full fails every write with ENOSPC: the partial file points there.
    const full = join(dir, 'full', 'owner', 'repo');
    await mkdir(full, { recursive: true });
    await symlink('/dev/full', join(full, 'tiny.gguf.partial'));
    await expect(
      resolveModelFile('hf:owner/repo/tiny.gguf', { cacheDir: join(dir, 'full'), endpoint }),
    ).rejects.toMatchObject({
      code: 'MODEL_DOWNLOAD_FAILED',
      message: expect.stringContaining('disk is full'),
    });
  });

  it('rejects an hf: URI that names no .gguf file', async () => {
    await expect(resolveModelFile('hf:owner/repo', { endpoint })).rejects.toMatchObject({
      code: 'LLAMA_MODEL_NOT_FOUND',
    });
  });

  it('runs a model named by hf: URI end to end (download, load, generate)', async () => {
    const env = { GANTRY_MODEL_CACHE: join(dir, 'e2e'), HF_ENDPOINT: endpoint };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const model = resolveModel('llama:hf:owner/repo/tiny.gguf', {
        config: {
          models: {},
          providers: { llama: { type: 'llama', llama: { gpu: false, contextSize: 256, threads: 1 } } },
        },
      });
      const result = await generateText({ model, prompt: 'hi', maxOutputTokens: 4 });
      expect(result.usage.outputTokens).toBeGreaterThan(0);
      expect((await stat(join(dir, 'e2e', 'owner', 'repo', 'tiny.gguf'))).size).toBe(file.length);
    } finally {
      for (const key of Object.keys(env)) if (!(key in saved)) delete process.env[key];
    }
  });
});
