import { GantryError } from '../errors/index.js';

export interface ModelSpec {
  /** Provider name: a built-in (openai, anthropic, ollama, openai-compatible) or one from config.providers. */
  provider: string;
  modelId: string;
}

/** Parses 'provider:model'. The model part may itself contain colons ('ollama:llama3.2:3b'). */
export function parseModelSpec(spec: string): ModelSpec {
  const colon = spec.indexOf(':');
  if (colon <= 0 || colon === spec.length - 1 || /\s/.test(spec)) {
    throw new GantryError(
      'MODEL_SPEC_INVALID',
      `'${spec}' is not a model name of the form 'provider:model'.`,
      {
        hint: "Write it as provider:model, for example 'ollama:llama3.2', 'openai:gpt-4o-mini' or 'vllm:Qwen/Qwen2.5-7B-Instruct', name an alias from \"models\" or a gateway route from the configuration, or use 'script:turns.json' for a scripted model.",
        details: { spec },
      },
    );
  }
  return { provider: spec.slice(0, colon), modelId: spec.slice(colon + 1) };
}
