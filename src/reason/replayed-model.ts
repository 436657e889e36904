// A model that answers from recordings: each call finds the recorded question inside the prompt and
// plays that question's next recorded answer (in order, cycling). Used to measure voting and
// verifiers on real model outputs offline, through the same code path a live model takes.
import { GantryError } from '../errors/index.js';
import { createScriptedModel, type ScriptedModel } from '../model/index.js';
import { promptText } from './prompt-text.js';

export interface RecordedAnswer {
  text: string;
  /** Where the answer came from (a model name); kept in providerMetadata for verifiers and reports. */
  source?: string;
  outputTokens?: number;
}

export interface ReplayedModelOptions {
  /** Recorded answers per question text. */
  recordings: ReadonlyMap<string, readonly RecordedAnswer[]>;
  modelId?: string;
}

export function createReplayedModel({
  recordings,
  modelId = 'replayed',
}: ReplayedModelOptions): ScriptedModel {
  const played = new Map<string, number>();
  return createScriptedModel(
    [
      (options) => {
        const prompt = promptText(options);
        const question = findQuestion(prompt, recordings);
        const answers = recordings.get(question) as readonly RecordedAnswer[];
        const position = played.get(question) ?? 0;
        played.set(question, position + 1);
        const answer = answers[position % answers.length] as RecordedAnswer;
        return {
          text: answer.text,
          usage: { inputTokens: Math.ceil(prompt.length / 4), outputTokens: answer.outputTokens },
          providerMetadata: { replayed: { source: answer.source ?? 'unknown', position } },
        };
      },
    ],
    { modelId, provider: 'gantry.replayed', loop: true },
  );
}

function findQuestion(prompt: string, recordings: ReadonlyMap<string, readonly RecordedAnswer[]>): string {
  if (recordings.has(prompt)) return prompt;
  // Fast path: the question is the prompt's first paragraph(s).
  for (let cut = prompt.indexOf('\n\n'); cut > 0; cut = prompt.indexOf('\n\n', cut + 2)) {
    if (recordings.has(prompt.slice(0, cut))) return prompt.slice(0, cut);
  }
  for (const question of recordings.keys()) if (prompt.includes(question)) return question;
  throw new GantryError('REASON_OPTIONS_INVALID', 'The replayed model has no recording for this prompt.', {
    hint: 'The prompt must contain one of the recorded questions verbatim.',
    details: { prompt: prompt.slice(0, 200) },
  });
}
