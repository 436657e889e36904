import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createScriptedModel } from '../../model/index.js';
import { promptText } from '../prompt-text.js';
import { renderDataCard, toOpenAiChatJsonl, toShareGptJsonl, writeStarDataset } from './export-chat-jsonl.js';
import { starGenerate } from './star.js';

const problems = [
  { id: 'a', question: 'What is 2 + 3?', reference: '5', source: 'unit' },
  { id: 'b', question: 'What is 4 * 6?', reference: '24', source: 'unit' },
  { id: 'c', question: 'What is 10 - 7?', reference: '3', source: 'unit' },
  { id: 'd', question: 'What is 9 / 3?', reference: '3', source: 'unit' },
  { id: 'e', question: 'What is 2 + 3?', reference: '5', source: 'unit' },
];

describe('starGenerate', () => {
  it('keeps right rationales, rationalises wrong ones, and filters leaks, wrong answers and duplicates', async () => {
    const model = createScriptedModel([
      { text: '2 + 3 = 5\n#### 5' }, // a: right first time
      { text: '4 * 6 = 20\n#### 20' }, // b: wrong...
      { text: '4 * 6 = 24\n#### 24' }, // ...rationalised
      { text: '10 - 7 = 4\n#### 4' }, // c: wrong...
      { text: 'We were told the answer is 3, so #### 3' }, // ...but gives the hint away
      { text: '#### 2' }, // d: wrong...
      { text: '#### 4' }, // ...and still wrong
      { text: '2 + 3 = 5\n#### 5' }, // e: the same question as a
    ]);
    const result = await starGenerate({ model, problems });
    expect(result.counts).toEqual({
      problems: 5,
      generated: 1,
      rationalised: 1,
      droppedWrong: 1,
      droppedLeak: 1,
      droppedDuplicate: 1,
      notAttempted: 0,
    });
    expect(result.examples?.map((example) => [example.id, example.origin])).toEqual([
      ['a', 'generated'],
      ['b', 'rationalised'],
    ]);
    expect(promptText(model.calls[2]!.options)).toContain('The correct answer is 24');
    expect(result.trace.map((call) => call.role)).toEqual([
      'sampler',
      'sampler',
      'rationaliser',
      'sampler',
      'rationaliser',
      'sampler',
      'rationaliser',
      'sampler',
    ]);
  });

  it('exports OpenAI and ShareGPT JSONL without the hint, and a data card', async () => {
    const model = createScriptedModel([{ text: '#### 1' }, { text: '4 * 6 = 24\n#### 24' }]);
    const result = await starGenerate({ model, problems: [problems[1]!] });
    const examples = result.examples ?? [];
    const openai = toOpenAiChatJsonl(examples, { system: 'Solve step by step.' })
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(openai).toEqual([
      {
        messages: [
          { role: 'system', content: 'Solve step by step.' },
          { role: 'user', content: 'What is 4 * 6?' },
          { role: 'assistant', content: '4 * 6 = 24\n#### 24' },
        ],
      },
    ]);
    const sharegpt = JSON.parse(toShareGptJsonl(examples).trim());
    expect(sharegpt.conversations.map((turn: { from: string }) => turn.from)).toEqual(['human', 'gpt']);
    const folder = mkdtempSync(join(tmpdir(), 'star-'));
    try {
      const card = {
        name: 'unit',
        model: 'scripted',
        createdAt: '2026-12-02',
        counts: result.counts!,
        sources: ['unit'],
        filters: ['reference match'],
      };
      const files = writeStarDataset(folder, examples, card);
      expect(files.map((file) => file.slice(folder.length + 1))).toEqual([
        'openai.jsonl',
        'sharegpt.jsonl',
        'DATA_CARD.md',
      ]);
      expect(readFileSync(join(folder, 'openai.jsonl'), 'utf8')).not.toContain('correct answer');
      expect(renderDataCard(card)).toContain(
        '| kept, rationalised (hint given, not kept in the prompt) | 1 |',
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('stops on the budget and reports the problems it did not reach', async () => {
    const model = createScriptedModel([{ text: '#### 5' }, { text: '#### 24' }]);
    const result = await starGenerate({ model, problems, limits: { steps: 2 } });
    expect(result.stopReason).toBe('step-limit');
    expect(result.counts?.notAttempted).toBe(3);
    expect(result.examples).toHaveLength(2);
  });
});
