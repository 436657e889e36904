// One loaded GGUF model with its context: loaded once per process per (file, options) and shared by
// every caller (provider, gateway upstream, embeddings). Parallel requests each take one of the
// context's sequences; more wait their turn.
import type {
  Llama,
  LlamaChat,
  LlamaContext,
  LlamaContextSequence,
  LlamaEmbeddingContext,
  LlamaModel,
} from 'node-llama-cpp';
import { GantryError } from '../errors/index.js';

export interface LlamaLoadOptions {
  /** Context window in tokens; default: what fits in memory, up to the model's training context. */
  contextSize?: number;
  /** Layers offloaded to the GPU: a count, 'auto' (default: what fits) or 'max'. 0 runs on the CPU. */
  gpuLayers?: number | 'auto' | 'max';
  /** Requests generated at once (context sequences). Default 1. */
  parallel?: number;
  /**
   * CPU threads per context. Default: llama.cpp's (every core). On a busy machine fewer is faster:
   * llama.cpp's threads spin while they wait, and on 2 shared cores the default ran 200x slower than 1.
   */
  threads?: number;
  /** false forces the CPU binary; default 'auto' picks CUDA, Vulkan or Metal when present. */
  gpu?: false | 'auto' | 'cuda' | 'vulkan' | 'metal';
}

interface Slot {
  sequence: LlamaContextSequence;
  chat: LlamaChat;
}

export interface LlamaEngine {
  readonly path: string;
  readonly llama: Llama;
  readonly model: LlamaModel;
  readonly context: LlamaContext;
  /** Runs `work` on a free sequence (and its LlamaChat), waiting for one if all are busy. */
  withSlot<T>(work: (slot: Slot) => Promise<T>): Promise<T>;
  embeddingContext(): Promise<LlamaEmbeddingContext>;
  dispose(): Promise<void>;
}

type NodeLlamaCpp = typeof import('node-llama-cpp');
let modulePromise: Promise<NodeLlamaCpp> | undefined;
const llamas = new Map<string, Promise<Llama>>();
const engines = new Map<string, Promise<LlamaEngine>>();

/** node-llama-cpp, imported on first use so that processes without local models never load it. */
export function nodeLlamaCpp(): Promise<NodeLlamaCpp> {
  modulePromise ??= import('node-llama-cpp').catch((error: unknown) => {
    modulePromise = undefined;
    throw new GantryError('LLAMA_LOAD_FAILED', 'The node-llama-cpp package could not be loaded.', {
      hint: 'Install it with npm install node-llama-cpp@3.21.1 (it ships prebuilt binaries for Linux, macOS and Windows).',
      cause: error,
    });
  });
  return modulePromise;
}

async function llamaFor(gpu: LlamaLoadOptions['gpu'] = 'auto'): Promise<Llama> {
  const key = String(gpu);
  let llama = llamas.get(key);
  if (!llama) {
    llama = nodeLlamaCpp().then(({ getLlama, LlamaLogLevel }) =>
      getLlama({ gpu, build: 'never', logLevel: LlamaLogLevel.error, progressLogs: false }),
    );
    llama.catch(() => llamas.delete(key));
    llamas.set(key, llama);
  }
  try {
    return await llama;
  } catch (error) {
    if (GantryError.isInstance(error)) throw error;
    throw new GantryError('LLAMA_LOAD_FAILED', `llama.cpp's native binary did not load (gpu: ${key}).`, {
      hint: "No prebuilt binary fits this machine; try gpu: false for the CPU build, or run 'npx node-llama-cpp source download' to build one.",
      cause: error,
    });
  }
}

/** The shared engine for a GGUF file, loading it on first use. */
export function loadLlamaEngine(path: string, options: LlamaLoadOptions = {}): Promise<LlamaEngine> {
  const key = JSON.stringify([
    path,
    options.contextSize,
    options.gpuLayers,
    options.parallel,
    options.gpu,
    options.threads,
  ]);
  let engine = engines.get(key);
  if (!engine) {
    engine = createEngine(path, options);
    engine.catch(() => engines.delete(key));
    engines.set(key, engine);
  }
  return engine;
}

/** Disposes every loaded model (tests, shutdown). */
export async function disposeLlamaEngines(): Promise<void> {
  const all = [...engines.values()];
  engines.clear();
  await Promise.all(all.map((e) => e.then((x) => x.dispose()).catch(() => {})));
}

async function createEngine(path: string, options: LlamaLoadOptions): Promise<LlamaEngine> {
  const { LlamaChat } = await nodeLlamaCpp();
  const llama = await llamaFor(options.gpu ?? 'auto');
  let model: LlamaModel;
  try {
    model = await llama.loadModel({ modelPath: path, gpuLayers: options.gpuLayers ?? 'auto' });
  } catch (error) {
    throw new GantryError('LLAMA_LOAD_FAILED', `The GGUF file '${path}' could not be loaded.`, {
      hint: 'Check that it is a complete GGUF file of an architecture llama.cpp supports, and that there is memory for it (fewer gpuLayers or a smaller contextSize help).',
      details: { path, reason: (error as Error).message },
      cause: error,
    });
  }
  const parallel = options.parallel ?? 1;
  const context = await model.createContext({
    sequences: parallel,
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.contextSize ? { contextSize: options.contextSize } : {}),
  });
  const free: Slot[] = [];
  for (let i = 0; i < parallel; i++) {
    const sequence = context.getSequence();
    free.push({ sequence, chat: new LlamaChat({ contextSequence: sequence, autoDisposeSequence: false }) });
  }
  const waiting: ((slot: Slot) => void)[] = [];
  let embedding: Promise<LlamaEmbeddingContext> | undefined;
  return {
    path,
    llama,
    model,
    context,
    async withSlot(work) {
      const slot = free.pop() ?? (await new Promise<Slot>((resolve) => waiting.push(resolve)));
      try {
        return await work(slot);
      } finally {
        const next = waiting.shift();
        if (next) next(slot);
        else free.push(slot);
      }
    },
    embeddingContext() {
      embedding ??= model.createEmbeddingContext({
        ...(options.threads ? { threads: options.threads } : {}),
        contextSize: Math.min(options.contextSize ?? 2048, model.trainContextSize),
      });
      return embedding;
    },
    async dispose() {
      if (embedding) await (await embedding).dispose();
      await context.dispose();
      await model.dispose();
    },
  };
}
