// Token counts with the tokenizer a model really uses where it is public (OpenAI's BPEs); other
// families (Claude, Llama, Qwen...) are approximated with cl100k_base, which is within ~10–20 % for
// English text. Encoders load lazily (a few MB each) and are cached.
import { createRequire } from 'node:module';
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';

export type TokenizerName = 'o200k_base' | 'cl100k_base';

export interface TokenizerChoice {
  name: TokenizerName;
  /** False when the model's own tokenizer is not public and the count is an approximation. */
  exact: boolean;
}

const require = createRequire(import.meta.url);
const encoders = new Map<TokenizerName, Tiktoken>();

export function tokenizerFor(model = ''): TokenizerChoice {
  const id = model.includes(':') ? model.slice(model.indexOf(':') + 1) : model;
  const lower = id.toLowerCase();
  if (/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|chatgpt-4o|gpt-oss)/.test(lower))
    return { name: 'o200k_base', exact: true };
  if (/^(gpt-4|gpt-3\.5|text-embedding-3|text-embedding-ada)/.test(lower))
    return { name: 'cl100k_base', exact: true };
  return { name: 'cl100k_base', exact: false };
}

export function countTokens(text: string, model?: string): number {
  if (text.length === 0) return 0;
  return encoderFor(tokenizerFor(model).name).encode(text).length;
}

function encoderFor(name: TokenizerName): Tiktoken {
  let encoder = encoders.get(name);
  if (!encoder) {
    const ranks = require(`js-tiktoken/ranks/${name}`) as TiktokenBPE | { default: TiktokenBPE };
    encoder = new Tiktoken('default' in ranks ? ranks.default : ranks);
    encoders.set(name, encoder);
  }
  return encoder;
}
