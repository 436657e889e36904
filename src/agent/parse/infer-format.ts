// The tool-call format a model family writes, from its provider/model name: the parser tries that
// family's envelope first when several could read the same text.
import type { CallFormat } from './types.js';

const families: [RegExp, CallFormat][] = [
  [/qwen3[-_.]?coder|qwen3\.5|qwen3\.6/i, 'qwen-xml'],
  [/qwen|hermes|nous|hammer|watt/i, 'hermes'],
  [/mistral|mixtral|ministral|magistral|devstral|codestral|pixtral/i, 'mistral'],
  [/deepseek/i, 'deepseek'],
  [/kimi|moonshot/i, 'kimi'],
  [/gemma/i, 'gemma'],
  [/llama[-_ ]?3\.[23]|llama[-_ ]?4/i, 'pythonic'],
  [/llama/i, 'llama'],
];

/** The format the model named `model` (e.g. "ollama/qwen3-coder:30b") writes, when it is known. */
export function inferFormat(model: string | undefined): CallFormat | undefined {
  if (!model) return undefined;
  return families.find(([pattern]) => pattern.test(model))?.[1];
}
