// Downloads one model file into the cache: resumes a partial download with a Range request, reports
// progress, and checks the SHA-256 (given, or the one Hugging Face sends as X-Linked-Etag). The file
// appears under its final name only once complete and verified.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GantryError } from '../errors/index.js';

export interface DownloadProgress {
  received: number;
  /** Total bytes, when the server says. */
  total?: number;
  resumedFrom: number;
}

export interface DownloadOptions {
  url: string;
  destination: string;
  /** Expected SHA-256 (hex); without it the server's X-Linked-Etag is used when it looks like one. */
  sha256?: string;
  headers?: Record<string, string>;
  onProgress?: (progress: DownloadProgress) => void;
  fetch?: typeof globalThis.fetch;
}

export async function downloadModelFile(options: DownloadOptions): Promise<string> {
  const { url, destination, onProgress, fetch = globalThis.fetch } = options;
  const partial = `${destination}.partial`;
  await guard(() => mkdir(dirname(destination), { recursive: true }), destination);
  const existing = await stat(partial).then(
    (s) => s.size,
    () => 0,
  );
  const { response, linkedSha } = await follow(fetch, url, {
    ...options.headers,
    ...(existing > 0 ? { range: `bytes=${existing}-` } : {}),
  });
  const resumed = response.status === 206 ? existing : 0;
  if (response.status !== 200 && response.status !== 206) {
    throw new GantryError(
      'MODEL_DOWNLOAD_FAILED',
      `Downloading ${url} failed: the server answered HTTP ${response.status}.`,
      {
        hint:
          response.status === 401 || response.status === 403
            ? 'The file is gated or private: accept its licence on Hugging Face and set HF_TOKEN.'
            : response.status === 404
              ? 'Check the owner, repository and file name in the hf: URI.'
              : 'Try again later; a partial download resumes where it stopped.',
        details: { url, status: response.status },
      },
    );
  }
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  const total = Number.isFinite(length) ? resumed + length : undefined;
  let received = resumed;
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
  body.on('data', (chunk: Buffer) => {
    received += chunk.length;
    onProgress?.({ received, total, resumedFrom: resumed });
  });
  await guard(
    () => pipeline(body, createWriteStream(partial, { flags: resumed > 0 ? 'a' : 'w' })),
    destination,
  );
  const expected = (options.sha256 ?? linkedSha)?.toLowerCase();
  if (expected) {
    const actual = await sha256Of(partial);
    if (actual !== expected) {
      await rm(partial, { force: true });
      throw new GantryError(
        'MODEL_CHECKSUM_MISMATCH',
        `The download of ${url} is corrupt: its SHA-256 is ${actual}, expected ${expected}.`,
        {
          hint: 'The partial file was deleted; run again to download it afresh. If it keeps failing, check the expected checksum.',
          details: { url, expected, actual },
        },
      );
    }
    await guard(() => writeFile(`${destination}.sha256`, `${expected}\n`), destination);
  }
  await guard(() => rename(partial, destination), destination);
  return destination;
}

async function follow(fetch: typeof globalThis.fetch, url: string, headers: Record<string, string>) {
  let current = url;
  let linkedSha: string | undefined;
  for (let hop = 0; hop < 6; hop++) {
    let response: Response;
    try {
      response = await fetch(current, { headers, redirect: 'manual' });
    } catch (error) {
      throw new GantryError(
        'MODEL_DOWNLOAD_FAILED',
        `Could not reach ${current}: ${(error as Error).message}.`,
        {
          hint: 'Check the network (or HF_ENDPOINT); a partial download resumes where it stopped.',
          details: { url: current },
          cause: error,
        },
      );
    }
    const etag = (response.headers.get('x-linked-etag') ?? '').replace(/"/g, '');
    if (/^[0-9a-f]{64}$/i.test(etag)) linkedSha = etag;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      current = new URL(location, current).toString();
      continue;
    }
    return { response, linkedSha };
  }
  throw new GantryError('MODEL_DOWNLOAD_FAILED', `Too many redirects downloading ${url}.`, {
    details: { url },
  });
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** File-system failures as errors that say what to do. */
async function guard<T>(work: () => Promise<T>, destination: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (GantryError.isInstance(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const folder = dirname(destination);
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      throw new GantryError(
        'MODEL_DOWNLOAD_FAILED',
        `The disk is full: the model could not be written to ${folder}.`,
        {
          hint: 'Free space, or point GANTRY_MODEL_CACHE at a larger disk; the partial file is kept and resumes.',
          details: { folder, code },
          cause: error,
        },
      );
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR') {
      throw new GantryError(
        'MODEL_DOWNLOAD_FAILED',
        `The model cache folder ${folder} is not writable (${code}).`,
        {
          hint: 'Fix its permissions, or set GANTRY_MODEL_CACHE to a folder you can write.',
          details: { folder, code },
          cause: error,
        },
      );
    }
    throw new GantryError(
      'MODEL_DOWNLOAD_FAILED',
      `Downloading the model failed: ${(error as Error).message}.`,
      {
        hint: 'Run again: a partial download resumes where it stopped.',
        details: { folder, code },
        cause: error,
      },
    );
  }
}
