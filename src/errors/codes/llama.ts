import type { ErrorDefinition } from './error-definition.js';

export const llamaErrors = {
  LLAMA_MODEL_NOT_FOUND: {
    description:
      "A llama: model names a GGUF file that does not exist, or an hf: URI that is not of the form 'hf:owner/repo/file.gguf'.",
    httpStatus: 404,
    exitCode: 1,
  },
  LLAMA_LOAD_FAILED: {
    description:
      'node-llama-cpp could not load its native binary or the GGUF file (not a GGUF, unsupported architecture, too little memory).',
    httpStatus: 500,
    exitCode: 1,
  },
  LLAMA_SCHEMA_UNSUPPORTED: {
    description:
      'A JSON schema for constrained output uses a feature the grammar cannot express (pattern, minimum, allOf...).',
    httpStatus: 400,
    exitCode: 1,
  },
  LLAMA_REQUEST_INVALID: {
    description:
      'A request to a llama: model or upstream uses something local inference does not offer (images, n > 1, an unknown tool choice).',
    httpStatus: 400,
    exitCode: 1,
  },
  MODEL_DOWNLOAD_FAILED: {
    description:
      'Downloading model weights failed: the server answered with an error, the network broke, the disk is full or the cache folder is not writable.',
    httpStatus: 502,
    exitCode: 1,
  },
  MODEL_CHECKSUM_MISMATCH: {
    description: "A downloaded model file's SHA-256 differs from the expected one; the file was deleted.",
    httpStatus: 502,
    exitCode: 1,
  },
} as const satisfies Record<string, ErrorDefinition>;
