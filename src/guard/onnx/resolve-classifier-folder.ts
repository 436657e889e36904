// Where a local classifier's files are: a folder as is, or an `hf:owner/repo` id whose files
// (config.json, tokenizer.json, tokenizer_config.json and the ONNX graph) are downloaded once into the
// model cache, with the same resume and checksum rules as GGUF models.
import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { GantryError } from '../../errors/index.js';
import {
  type DownloadProgress,
  downloadModelFile,
  hubFileUrl,
  hubHeaders,
  modelCacheDir,
  progressBar,
} from '../../hub/index.js';

export interface ClassifierFolderOptions {
  /** The ONNX graph inside the folder; default onnx/model.onnx, then model.onnx. */
  file?: string;
  /** Revision for hf: ids (branch, tag or commit); default main. */
  revision?: string;
  /** Download cache; default $GANTRY_MODEL_CACHE or ~/.cache/gantry/models. */
  cacheDir?: string;
  fetch?: typeof globalThis.fetch;
  env?: NodeJS.ProcessEnv;
  /** Progress of downloads; default a progress line on stderr. */
  onProgress?: (file: string) => ((progress: DownloadProgress) => void) | undefined;
}

export interface ClassifierFiles {
  folder: string;
  graph: string;
  tokenizer: string;
  tokenizerConfig?: string;
  config: string;
}

const defaultGraphs = ['onnx/model.onnx', 'model.onnx'];

export async function resolveClassifierFolder(
  model: string,
  options: ClassifierFolderOptions = {},
): Promise<ClassifierFiles> {
  if (model.startsWith('hf:')) return download(model, options);
  const folder = resolve(model);
  const graphs = options.file ? [options.file] : defaultGraphs;
  let graph: string | undefined;
  for (const candidate of graphs) {
    if (await exists(join(folder, candidate))) {
      graph = join(folder, candidate);
      break;
    }
  }
  const missing = [
    ...(graph ? [] : [graphs.join(' or ')]),
    ...((await exists(join(folder, 'tokenizer.json'))) ? [] : ['tokenizer.json']),
    ...((await exists(join(folder, 'config.json'))) ? [] : ['config.json']),
  ];
  if (missing.length || !graph) {
    throw new GantryError(
      'GUARD_ONNX_MODEL_INVALID',
      `The classifier folder '${folder}' lacks ${missing.join(', ')}.`,
      {
        hint: 'Point `model` at a Hugging Face ONNX export (model.onnx, tokenizer.json, config.json), e.g. one made with `optimum-cli export onnx --task text-classification`, or use an hf:owner/repo id.',
        details: { folder, missing },
      },
    );
  }
  const tokenizerConfig = join(folder, 'tokenizer_config.json');
  return {
    folder,
    graph,
    tokenizer: join(folder, 'tokenizer.json'),
    tokenizerConfig: (await exists(tokenizerConfig)) ? tokenizerConfig : undefined,
    config: join(folder, 'config.json'),
  };
}

async function download(model: string, options: ClassifierFolderOptions): Promise<ClassifierFiles> {
  const env = options.env ?? process.env;
  const parts = model.slice(3).split('/');
  if (parts.length !== 2 || parts.some((part) => !/^[\w.-]+$/.test(part))) {
    throw new GantryError('GUARD_ONNX_MODEL_INVALID', `'${model}' is not an hf:owner/repo id.`, {
      hint: 'Write it as hf:owner/repo (a repository holding an ONNX export), or give a local folder.',
      details: { model },
    });
  }
  const [owner, repo] = parts;
  const folder = join(modelCacheDir(options.cacheDir, env), owner, repo);
  const fetchFile = async (file: string, required: boolean): Promise<string | undefined> => {
    const destination = join(folder, file);
    if (await exists(destination)) return destination;
    try {
      return await downloadModelFile({
        url: hubFileUrl(env, owner, repo, file.split('/'), options),
        destination,
        headers: hubHeaders(env),
        onProgress: options.onProgress?.(file) ?? progressBar(`${owner}/${repo}/${file}`),
        fetch: options.fetch,
      });
    } catch (error) {
      if (!required) return undefined;
      throw error;
    }
  };
  const config = await fetchFile('config.json', true);
  const tokenizer = await fetchFile('tokenizer.json', true);
  const tokenizerConfig = await fetchFile('tokenizer_config.json', false);
  let graph: string | undefined;
  const graphs = options.file ? [options.file] : defaultGraphs;
  for (const candidate of graphs) {
    graph = await fetchFile(candidate, candidate === graphs.at(-1));
    if (graph) break;
  }
  return {
    folder,
    graph: graph as string,
    tokenizer: tokenizer as string,
    tokenizerConfig,
    config: config as string,
  };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
