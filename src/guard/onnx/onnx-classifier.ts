// A local sequence classifier (Prompt Guard style: a small encoder fine-tuned to label prompts as benign,
// injection or jailbreak) run in-process with onnxruntime-node and the model's own tokenizer.json. Long
// texts are cut into windows of at most `maxTokens` tokens, each classified on its own; a label's
// probability is its highest over the windows, so an attack hidden at the end of a long text is not
// averaged away. One session per model file and thread count is shared by the whole process.
import { readFile } from 'node:fs/promises';
import { GantryError } from '../../errors/index.js';
import { type ClassifierFolderOptions, resolveClassifierFolder } from './resolve-classifier-folder.js';

export interface OnnxClassifierOptions extends ClassifierFolderOptions {
  /** A folder holding a Hugging Face ONNX export, or hf:owner/repo. */
  model: string;
  /** Tokens per window, special tokens included; default the tokenizer's model_max_length, at most 512. */
  maxTokens?: number;
  /** onnxruntime intra-op threads; default 1 (the gateway's event loop shares the machine). */
  threads?: number;
}

export interface OnnxClassification {
  /** Label → probability (softmax over the logits), the highest over the text's windows. */
  probabilities: Record<string, number>;
  windows: number;
}

export interface OnnxClassifier {
  labels: readonly string[];
  classify(text: string): Promise<OnnxClassification>;
}

interface Session {
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(
    feeds: Record<string, unknown>,
  ): Promise<Record<string, { data: ArrayLike<number>; dims: readonly number[] }>>;
}

interface Runtime {
  InferenceSession: { create(path: string, options: Record<string, unknown>): Promise<Session> };
  Tensor: new (type: 'int64', data: BigInt64Array, dims: number[]) => unknown;
}

interface Encoder {
  encode(text: string, options?: { add_special_tokens?: boolean }): { ids: number[] };
}

const sessions = new Map<string, Promise<Session>>();

export async function loadOnnxClassifier(options: OnnxClassifierOptions): Promise<OnnxClassifier> {
  const files = await resolveClassifierFolder(options.model, options);
  const runtime = await loadRuntime();
  const { Tokenizer } = await import('@huggingface/tokenizers');
  const tokenizerJson = await readJson(files.tokenizer);
  const tokenizerConfig = files.tokenizerConfig ? await readJson(files.tokenizerConfig) : {};
  const config = await readJson(files.config);
  let tokenizer: Encoder;
  try {
    tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig) as unknown as Encoder;
  } catch (error) {
    throw invalid(`its tokenizer.json cannot be read (${(error as Error).message})`, files.folder, error);
  }
  const labels = labelsOf(config);
  const threads = options.threads ?? 1;
  const key = `${files.graph}\u0000${threads}`;
  let session = sessions.get(key);
  if (!session) {
    session = runtime.InferenceSession.create(files.graph, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
    sessions.set(key, session);
    session.catch(() => sessions.delete(key));
  }
  const loaded = await session.catch((error: Error) => {
    throw invalid(`onnxruntime cannot load ${files.graph} (${error.message})`, files.folder, error);
  });
  if (!loaded.inputNames.includes('input_ids')) {
    throw invalid(
      `its graph takes ${loaded.inputNames.join(', ')}, not input_ids (a text classifier's export has input_ids and attention_mask)`,
      files.folder,
    );
  }
  const known = new Set(['input_ids', 'attention_mask', 'token_type_ids']);
  const unknown = loaded.inputNames.filter((name) => !known.has(name));
  if (unknown.length)
    throw invalid(`its graph needs inputs Gantry cannot fill: ${unknown.join(', ')}`, files.folder);

  const modelMax = Number((tokenizerConfig as { model_max_length?: number }).model_max_length);
  const maxTokens = options.maxTokens ?? (modelMax > 0 && modelMax < 512 ? modelMax : 512);
  const specials = tokenizer.encode('', { add_special_tokens: true }).ids;
  const prefix = specials.slice(0, specials.length > 0 ? 1 : 0);
  const suffix = specials.slice(prefix.length);
  const room = maxTokens - prefix.length - suffix.length;
  if (room < 1) throw invalid(`maxTokens ${maxTokens} leaves no room for text`, files.folder);

  const runWindow = async (ids: number[]): Promise<number[]> => {
    const length = ids.length;
    const tensor = (values: number[] | number) =>
      new runtime.Tensor(
        'int64',
        BigInt64Array.from(
          typeof values === 'number' ? new Array<bigint>(length).fill(BigInt(values)) : values.map(BigInt),
        ),
        [1, length],
      );
    const feeds: Record<string, unknown> = { input_ids: tensor(ids) };
    if (loaded.inputNames.includes('attention_mask')) feeds.attention_mask = tensor(1);
    if (loaded.inputNames.includes('token_type_ids')) feeds.token_type_ids = tensor(0);
    const output = (await loaded.run(feeds))[loaded.outputNames[0]];
    const logits = Array.from(output.data, Number);
    if (logits.length !== labels.length) {
      throw invalid(
        `its graph returned ${logits.length} logits for ${labels.length} labels in config.json`,
        files.folder,
      );
    }
    return softmax(logits);
  };

  return {
    labels,
    async classify(text) {
      const ids = tokenizer.encode(text, { add_special_tokens: false }).ids;
      const windows: number[][] = [];
      for (let start = 0; start < ids.length || windows.length === 0; start += room) {
        windows.push([...prefix, ...ids.slice(start, start + room), ...suffix]);
      }
      const results = await Promise.all(windows.map(runWindow));
      const probabilities: Record<string, number> = {};
      labels.forEach((label, index) => {
        probabilities[label] = Math.max(...results.map((probs) => probs[index]));
      });
      return { probabilities, windows: windows.length };
    },
  };
}

async function loadRuntime(): Promise<Runtime> {
  try {
    const module = (await import('onnxruntime-node')) as unknown as Runtime & { default?: Runtime };
    return module.InferenceSession ? module : (module.default as Runtime);
  } catch (error) {
    throw new GantryError(
      'GUARD_ONNX_RUNTIME_MISSING',
      'The ONNX classifier scanner needs onnxruntime-node, which is not installed.',
      {
        hint: 'Run `npm install onnxruntime-node@1.30` next to Gantry (an optional peer dependency), then restart.',
        cause: error,
      },
    );
  }
}

function labelsOf(config: Record<string, unknown>): string[] {
  const id2label = config.id2label as Record<string, string> | undefined;
  if (id2label && typeof id2label === 'object') {
    const entries = Object.entries(id2label).sort(([a], [b]) => Number(a) - Number(b));
    if (
      entries.length >= 2 &&
      entries.every(([id, label], index) => Number(id) === index && typeof label === 'string')
    )
      return entries.map(([, label]) => label);
  }
  const count = Number(config.num_labels ?? 2);
  return Array.from({ length: count }, (_, index) => `LABEL_${index}`);
}

function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((value) => Math.exp(value - max));
  const sum = exps.reduce((total, value) => total + value, 0);
  return exps.map((value) => value / sum);
}

async function readJson(path: string): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw invalid(`${path} is not valid JSON (${(error as Error).message})`, path, error);
  }
}

function invalid(why: string, folder: string, cause?: unknown): GantryError {
  return new GantryError(
    'GUARD_ONNX_MODEL_INVALID',
    `The ONNX classifier at '${folder}' cannot be used: ${why}.`,
    {
      hint: 'Use a Hugging Face text-classification export (model.onnx with input_ids/attention_mask, tokenizer.json, config.json with id2label).',
      details: { folder },
      cause,
    },
  );
}
