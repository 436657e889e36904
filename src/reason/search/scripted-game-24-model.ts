// A scripted stand-in for an LLM playing Game of 24 (no weights can run here): it answers the
// proposer prompt with a seeded-random handful of legal steps, and the value prompt with a noisy
// judgement (right most of the time, like a strong model's sure/likely/impossible). Used to measure
// tree-of-thought search policies deterministically.

import { createScriptedModel, type ScriptedModel } from '../../model/index.js';
import { seededRandom } from '../../random/index.js';
import { promptText } from '../prompt-text.js';
import { canReach24, formatNumber, legalSteps } from './game-24.js';

export interface ScriptedGame24Options {
  seed?: number;
  /** Steps proposed per call (the model sees only some of the legal moves). Default 6. */
  proposals?: number;
  /** Probability that a judgement is wrong (then 'likely' or the opposite verdict). Default 0.2. */
  valueNoise?: number;
  /**
   * How often a proposed step is a useful one (keeps 24 reachable) rather than any legal step: 0 is
   * a blind proposer, 1 an oracle. Default 0.3, a model with some intuition for the game.
   */
  proposerSkill?: number;
}

export function createScriptedGame24Model(options: ScriptedGame24Options = {}): ScriptedModel {
  const { seed = 24, proposals = 6, valueNoise = 0.2, proposerSkill = 0.3 } = options;
  const random = seededRandom(seed);
  return createScriptedModel(
    [
      (callOptions) => {
        const prompt = promptText(callOptions);
        const input = /Input: ([^\n]*)/.exec(prompt)?.[1] ?? '';
        const numbers = input.trim().split(/\s+/).filter(Boolean).map(Number);
        if (prompt.includes('Possible next steps')) {
          const all = shuffle(legalSteps(numbers), random).map((step) => ({
            ...step,
            left: leftAfter(numbers, step),
          }));
          const useful = all.filter((step) => canReach24(step.left));
          const steps: typeof all = [];
          while (steps.length < Math.min(proposals, all.length)) {
            const pool =
              random() < proposerSkill && useful.some((step) => !steps.includes(step)) ? useful : all;
            const next = pool.find((step) => !steps.includes(step));
            if (next) steps.push(next);
          }
          const lines = steps.map((step) => {
            const left = step.left;
            return `${formatNumber(step.a)} ${step.operator} ${formatNumber(step.b)} = ${formatNumber(step.result)} (left: ${left.map(formatNumber).join(' ')})`;
          });
          return { text: lines.join('\n') };
        }
        const truth = canReach24(numbers);
        const roll = random();
        let verdict = truth ? 'sure' : 'impossible';
        if (roll < valueNoise / 2) verdict = truth ? 'impossible' : 'sure';
        else if (roll < valueNoise) verdict = 'likely';
        return { text: `${numbers.map(formatNumber).join(' ')}: ${verdict}` };
      },
    ],
    { modelId: 'scripted-game-24', loop: true },
  );
}

function leftAfter(numbers: readonly number[], step: { a: number; b: number; result: number }): number[] {
  const left = [...numbers];
  left.splice(left.indexOf(step.a), 1);
  left.splice(left.indexOf(step.b), 1);
  left.push(step.result);
  return left;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let index = items.length - 1; index > 0; index--) {
    const swap = Math.floor(random() * (index + 1));
    [items[index], items[swap]] = [items[swap] as T, items[index] as T];
  }
  return items;
}
