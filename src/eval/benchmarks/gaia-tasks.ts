// GAIA's task files (metadata.jsonl: task_id, Question, Level, "Final answer", file_name) and its scoring:
// the text after the last "FINAL ANSWER:" (the paper's prompt asks for that template) against the
// ground truth with the official quasi-exact match. The test split's hidden answers ("?") are unscored.
import { dirname, resolve } from 'node:path';
import { gaiaQuestionScorer } from '../scorers/gaia-quasi-exact-match.js';
import type { Score } from '../types.js';
import { type BenchmarkTask, unscored } from './benchmark-task.js';
import { requireString, type TaskRecord } from './read-task-file.js';

/** The system prompt of the GAIA paper (Mialon et al. 2023), which fixes the answer template. */
export const gaiaPrompt =
  "You are a general AI assistant. I will ask you a question. Report your thoughts, and finish your answer with the following template: FINAL ANSWER: [YOUR FINAL ANSWER]. YOUR FINAL ANSWER should be a number OR as few words as possible OR a comma separated list of numbers and/or strings. If you are asked for a number, don't use comma to write your number neither use units such as $ or percent sign unless specified otherwise. If you are asked for a string, don't use articles, neither abbreviations (e.g. for cities), and write the digits in plain text unless specified otherwise. If you are asked for a comma separated list, apply the above rules depending of whether the element to be put in the list is a number or a string.";

export function gaiaTasks(records: readonly TaskRecord[], file: string): BenchmarkTask[] {
  return records.map((record) => {
    const question = requireString(record, file, 'Question', 'GAIA');
    const answer = record.data['Final answer'];
    const attachment = typeof record.data.file_name === 'string' ? record.data.file_name : '';
    const attachmentLine = attachment ? `\n\nAttached file: ${resolve(dirname(file), attachment)}` : '';
    return {
      format: 'gaia',
      id: typeof record.data.task_id === 'string' ? record.data.task_id : record.location.replace(' ', '-'),
      prompt: `${gaiaPrompt}\n\n${question}${attachmentLine}`,
      location: record.location,
      reference: {
        answer: typeof answer === 'string' || typeof answer === 'number' ? String(answer) : undefined,
        level: record.data.Level,
      },
    };
  });
}

export function extractFinalAnswer(output: string): string {
  const at = output.lastIndexOf('FINAL ANSWER:');
  return at < 0 ? output.trim() : output.slice(at + 'FINAL ANSWER:'.length).trim();
}

export function scoreGaia(reference: Record<string, unknown>, output: string): Score {
  const truth = reference.answer;
  if (typeof truth !== 'string' || truth === '?')
    return unscored('the task has no public answer (GAIA test split)');
  const answer = extractFinalAnswer(output);
  const hit = gaiaQuestionScorer(answer, truth);
  return { score: hit ? 1 : 0, pass: hit, details: { answer, truth } };
}
