// Downloads live in the leaf folder `hub` (shared with the guard's ONNX classifiers); re-exported here.
export {
  type DownloadOptions,
  type DownloadProgress,
  downloadModelFile,
  hubFileUrl,
  hubHeaders,
  modelCacheDir,
  progressBar,
} from '../hub/index.js';
export { createLlamaEmbeddingModel } from './llama-embedding-model.js';
export {
  disposeLlamaEngines,
  type LlamaEngine,
  type LlamaLoadOptions,
  loadLlamaEngine,
} from './llama-engine.js';
export { createLlamaLanguageModel, type LlamaModelSettings, llamaEngineFor } from './llama-language-model.js';
export { createLlamaUpstream, type LlamaUpstreamOptions } from './llama-upstream.js';
export { type ModelFileOptions, resolveModelFile } from './resolve-model-file.js';
export {
  type LlamaChatRequest,
  type LlamaChatResult,
  type LlamaTool,
  type LlamaToolCall,
  type LlamaToolChoice,
  runLlamaChat,
} from './run-llama-chat.js';
export { historyFromOpenAI, historyFromPrompt } from './to-chat-history.js';
export { toGrammarSchema } from './to-grammar-schema.js';
export { type TinyGgufOptions, tinyGguf, tinyVocabulary, writeTinyGguf } from './write-tiny-gguf.js';
