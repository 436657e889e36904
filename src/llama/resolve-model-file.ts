// A `llama:` model id to a local GGUF path: a file path as is, or an hf: URI
// ('hf:owner/repo/path/file.gguf', optionally '#sha256=<hex>') downloaded once into the cache.
import { access, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { GantryError } from '../errors/index.js';
import {
  type DownloadProgress,
  downloadModelFile,
  hubFileUrl,
  hubHeaders,
  modelCacheDir,
  progressBar,
} from '../hub/index.js';

export interface ModelFileOptions {
  /** Cache folder for downloads; default $GANTRY_MODEL_CACHE or ~/.cache/gantry/models. */
  cacheDir?: string;
  /** Expected SHA-256 of the downloaded file (hex). */
  sha256?: string;
  /** Hugging Face endpoint; default $HF_ENDPOINT or https://huggingface.co. */
  endpoint?: string;
  /** Revision (branch, tag or commit); default main. */
  revision?: string;
  onProgress?: (progress: DownloadProgress) => void;
  fetch?: typeof globalThis.fetch;
  env?: NodeJS.ProcessEnv;
}

const inFlight = new Map<string, Promise<string>>();

export async function resolveModelFile(modelId: string, options: ModelFileOptions = {}): Promise<string> {
  if (!modelId.startsWith('hf:')) {
    const path = resolve(modelId);
    if (!(await exists(path))) {
      throw new GantryError('LLAMA_MODEL_NOT_FOUND', `The GGUF file '${path}' does not exist.`, {
        hint: "Give the path of a .gguf file, or an hf: URI such as 'hf:bartowski/Qwen2.5-0.5B-Instruct-GGUF/Qwen2.5-0.5B-Instruct-Q4_K_M.gguf'.",
        details: { path },
      });
    }
    return path;
  }
  const env = options.env ?? process.env;
  const [spec, fragment] = modelId.slice(3).split('#');
  const parts = spec.split('/');
  if (parts.length < 3 || !parts.at(-1)?.endsWith('.gguf')) {
    throw new GantryError('LLAMA_MODEL_NOT_FOUND', `'${modelId}' is not an hf: URI of a GGUF file.`, {
      hint: "Write it as hf:owner/repo/file.gguf, for example 'hf:bartowski/Qwen2.5-0.5B-Instruct-GGUF/Qwen2.5-0.5B-Instruct-Q4_K_M.gguf'.",
      details: { modelId },
    });
  }
  const [owner, repo, ...file] = parts;
  const destination = join(modelCacheDir(options.cacheDir, env), owner, repo, ...file);
  const sha256 = options.sha256 ?? /sha256=([0-9a-f]{64})/i.exec(fragment ?? '')?.[1];
  if (await exists(destination)) {
    const recorded = await readFile(`${destination}.sha256`, 'utf8').then(
      (t) => t.trim(),
      () => undefined,
    );
    if (!sha256 || recorded === sha256.toLowerCase()) return destination;
  }
  const url = hubFileUrl(env, owner, repo, file, options);
  let download = inFlight.get(destination);
  if (!download) {
    download = downloadModelFile({
      url,
      destination,
      sha256,
      headers: hubHeaders(env),
      onProgress: options.onProgress ?? progressBar(`${owner}/${repo}/${file.join('/')}`),
      fetch: options.fetch,
    }).finally(() => inFlight.delete(destination));
    inFlight.set(destination, download);
  }
  return download;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
