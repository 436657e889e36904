// A finished session in a few lines: by the configured model, or extractively without one (the
// turns that share the most terms with the rest of the session, plus the most important ones, in
// their original order).
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { analyzeText } from '../search/index.js';
import type { MemoryEpisodeRecord } from '../store/index.js';

export async function summarizeWithModel(
  model: LanguageModelV3,
  turns: readonly MemoryEpisodeRecord[],
  maximumWords = 120,
): Promise<string> {
  const { text } = await generateText({
    model,
    system: `Summarise this conversation in at most ${maximumWords} words: who said what that matters later (facts, decisions, plans, dates). Plain text.`,
    prompt: turns.map((turn) => `${turn.speaker}: ${turn.text}`).join('\n'),
    temperature: 0,
  });
  return text.trim();
}

export function summarizeExtractively(turns: readonly MemoryEpisodeRecord[], maximumSentences = 4): string {
  if (turns.length === 0) return '';
  const documentFrequency = new Map<string, number>();
  const termsOf = turns.map((turn) => new Set(analyzeText(turn.text)));
  for (const terms of termsOf)
    for (const term of terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const scored = turns.map((turn, index) => {
    let centrality = 0;
    for (const term of termsOf[index]) centrality += (documentFrequency.get(term)! - 1) / turns.length;
    const length = Math.max(1, termsOf[index].size);
    return { index, score: centrality / Math.sqrt(length) + turn.importance };
  });
  const chosen = scored
    .sort((left, right) => right.score - left.score || left.index - right.index)
    .slice(0, maximumSentences)
    .sort((left, right) => left.index - right.index);
  return chosen.map(({ index }) => `${turns[index].speaker}: ${firstSentence(turns[index].text)}`).join(' ');
}

function firstSentence(text: string): string {
  const sentence = /^.{10,220}?[.!?](?=\s|$)/s.exec(text)?.[0] ?? text.slice(0, 220);
  return sentence.trim();
}
