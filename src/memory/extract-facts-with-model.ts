// Model-based fact extraction: the configured model reads the new turns and answers with JSON facts.
// An unusable answer falls back to the rule-based extractor, so a bad reply never loses a turn.
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { jsonrepair } from 'jsonrepair';
import { type CandidateFact, extractFacts } from './extract-facts.js';

const system = `You extract durable facts a user states about themself (name, where they live, work, family, pets, preferences, plans).
Answer with JSON only: {"facts": [{"key": "short attribute name, e.g. location", "value": "the value", "text": "the fact as one sentence"}]}.
Use the same key for the same attribute so that a new value replaces the old one. Answer {"facts": []} when there is none.`;

export async function extractFactsWithModel(
  model: LanguageModelV3,
  turns: readonly { speaker: string; text: string }[],
): Promise<CandidateFact[]> {
  const prompt = turns.map((turn) => `${turn.speaker}: ${turn.text}`).join('\n');
  const { text } = await generateText({ model, system, prompt, temperature: 0 });
  try {
    const start = text.indexOf('{');
    const parsed = JSON.parse(jsonrepair(start >= 0 ? text.slice(start) : text)) as { facts?: unknown };
    if (!Array.isArray(parsed.facts)) throw new Error('no facts array');
    return parsed.facts
      .filter(
        (fact): fact is CandidateFact =>
          typeof fact?.key === 'string' && typeof fact.value === 'string' && typeof fact.text === 'string',
      )
      .map((fact) => ({
        key: fact.key.trim().toLowerCase(),
        value: fact.value.trim(),
        text: fact.text.trim(),
      }));
  } catch {
    return turns.flatMap((turn) => extractFacts(turn.text, turn.speaker));
  }
}
