// Where Hugging Face files come from and go: the model cache folder, a file's resolve URL on the hub
// (HF_ENDPOINT), and the token header (HF_TOKEN). Shared by GGUF models and the guard's ONNX classifiers.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The download cache: the given folder, else $GANTRY_MODEL_CACHE, else ~/.cache/gantry/models. */
export function modelCacheDir(cacheDir: string | undefined, env: NodeJS.ProcessEnv): string {
  return cacheDir ?? env.GANTRY_MODEL_CACHE ?? join(homedir(), '.cache', 'gantry', 'models');
}

/** The URL of one file of a hub repository at a revision (default main). */
export function hubFileUrl(
  env: NodeJS.ProcessEnv,
  owner: string,
  repo: string,
  file: readonly string[],
  options: { endpoint?: string; revision?: string } = {},
): string {
  const endpoint = (options.endpoint ?? env.HF_ENDPOINT ?? 'https://huggingface.co').replace(/\/$/, '');
  return `${endpoint}/${owner}/${repo}/resolve/${options.revision ?? 'main'}/${file.map(encodeURIComponent).join('/')}`;
}

/** The Authorization header for gated or private files, when a token is set. */
export function hubHeaders(env: NodeJS.ProcessEnv): Record<string, string> | undefined {
  const token = env.HF_TOKEN ?? env.HUGGING_FACE_HUB_TOKEN;
  return token ? { authorization: `Bearer ${token}` } : undefined;
}
