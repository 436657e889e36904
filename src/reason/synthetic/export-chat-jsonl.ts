// Fine-tuning exports of synthetic examples: OpenAI chat JSONL ({"messages": [...]}) and ShareGPT
// JSONL ({"conversations": [{"from": "human", ...}]}, read by Axolotl, LLaMA-Factory and Unsloth),
// plus a data card in Markdown. The user turn is the bare question: never the rationalisation hint.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StarCounts, StarExample } from './star.js';

export interface ExportOptions {
  /** A system message added to every example. */
  system?: string;
}

export function toOpenAiChatJsonl(examples: readonly StarExample[], { system }: ExportOptions = {}): string {
  return examples
    .map((example) => {
      const messages = [
        ...(system ? [{ role: 'system', content: system }] : []),
        { role: 'user', content: example.question },
        { role: 'assistant', content: example.rationale },
      ];
      return `${JSON.stringify({ messages })}\n`;
    })
    .join('');
}

export function toShareGptJsonl(examples: readonly StarExample[], { system }: ExportOptions = {}): string {
  return examples
    .map((example) => {
      const conversations = [
        ...(system ? [{ from: 'system', value: system }] : []),
        { from: 'human', value: example.question },
        { from: 'gpt', value: example.rationale },
      ];
      return `${JSON.stringify({ id: example.id, conversations })}\n`;
    })
    .join('');
}

export interface DataCard {
  name: string;
  model: string;
  createdAt: string;
  counts: StarCounts;
  sources: string[];
  filters: string[];
}

export function renderDataCard(card: DataCard): string {
  const { counts } = card;
  return `# ${card.name}

Synthetic chain-of-thought data made with a STaR loop (generate, keep the rationales that reach the
reference answer, rationalise the rest with the answer as a hint, filter).

- Generator model: ${card.model}
- Created: ${card.createdAt}
- Sources: ${card.sources.join(', ') || 'unspecified'}

| count | value |
|---|---|
| problems | ${counts.problems} |
| kept, generated without a hint | ${counts.generated} |
| kept, rationalised (hint given, not kept in the prompt) | ${counts.rationalised} |
| dropped: wrong answer | ${counts.droppedWrong} |
| dropped: rationale gives the hint away | ${counts.droppedLeak} |
| dropped: duplicate | ${counts.droppedDuplicate} |
| not attempted (budget) | ${counts.notAttempted} |

Filters applied: ${card.filters.join('; ')}.

Files: \`openai.jsonl\` (OpenAI chat fine-tuning format), \`sharegpt.jsonl\` (ShareGPT conversations).
`;
}

/** Writes openai.jsonl, sharegpt.jsonl and DATA_CARD.md into `folder`; returns their paths. */
export function writeStarDataset(
  folder: string,
  examples: readonly StarExample[],
  card: DataCard,
  options: ExportOptions = {},
): string[] {
  mkdirSync(folder, { recursive: true });
  const files: [string, string][] = [
    ['openai.jsonl', toOpenAiChatJsonl(examples, options)],
    ['sharegpt.jsonl', toShareGptJsonl(examples, options)],
    ['DATA_CARD.md', renderDataCard(card)],
  ];
  return files.map(([name, content]) => {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  });
}
