// Debate: each debater answers, then for up to R rounds reads the others' latest arguments and
// answers again. When all final answers agree the debate stops early (`converged`); otherwise the
// judge (or, without one, the majority) decides after the last round (`max-rounds`).
import type { DebatePattern } from '../team-definition.js';
import type { TeamRuntime } from '../team-runtime.js';
import { type TeamTurn, turnFromMessages } from '../transcript.js';
import { type PatternOutcome, stopFromResult } from './pattern-outcome.js';

export interface DebateState {
  round: number;
  seq: number;
  /** Each debater's latest argument (the last completed round). */
  arguments: Record<string, string>;
  /** The round in progress: who has spoken in it already. */
  current: Record<string, string>;
  turns: TeamTurn[];
}

const answerLine = 'End with a line "Answer: <your final answer>".';

/** The text after the last `Answer:`, trimmed, lower-cased and without a final full stop; else the whole text. */
export function defaultAnswerOf(text: string): string {
  const matches = [...text.matchAll(/answer\s*[:：]\s*(.+)$/gim)];
  const answer = matches.length > 0 ? matches[matches.length - 1][1] : text;
  return answer
    .trim()
    .replace(/[.。]$/, '')
    .trim()
    .toLowerCase();
}

export async function runDebate(
  runtime: TeamRuntime,
  pattern: DebatePattern,
  task: string,
  saved?: DebateState,
): Promise<PatternOutcome> {
  const state: DebateState = saved ?? { round: 0, seq: 0, arguments: {}, current: {}, turns: [] };
  const answerOf = pattern.answerOf ?? defaultAnswerOf;
  const outcome = (
    text: string,
    stop: PatternOutcome['stop'],
    pendingApprovals: PatternOutcome['pendingApprovals'] = [],
  ) => ({
    text,
    stop,
    turns: state.turns,
    handoffs: [],
    rounds: state.round,
    pendingApprovals,
  });
  while (state.round < pattern.rounds) {
    const round = state.round + 1;
    if (Object.keys(state.current).length === 0) runtime.emit({ type: 'round', round });
    for (const name of pattern.debaters) {
      if (name in state.current) continue;
      await runtime.checkpoint(task, state, 'running');
      const input = round === 1 ? opening(task) : rebuttal(task, name, state.arguments);
      const result = await runtime.runMember({
        member: runtime.member(name),
        input,
        parent: runtime.budget.root,
        runId: `${runtime.teamRunId}.${state.seq}`,
        chain: [name],
      });
      if (runtime.stop) return outcome('', runtime.stop);
      if (result.stopReason !== 'final-answer')
        return outcome('', stopFromResult(name, result), result.pendingApprovals);
      state.seq++;
      state.current[name] = result.text;
      state.turns.push(turnFromMessages(name, result.messages, result.text));
    }
    state.arguments = state.current;
    state.current = {};
    state.round = round;
    const answers = pattern.debaters.map((name) => answerOf(state.arguments[name]));
    if (answers[0] !== '' && answers.every((answer) => answer === answers[0])) {
      await runtime.checkpoint(task, state, 'running');
      return outcome(answers[0], {
        reason: 'converged',
        message: `The debaters agreed after ${round} round${round === 1 ? '' : 's'}.`,
      });
    }
  }
  await runtime.checkpoint(task, state, 'running');
  const rounds = state.round;
  if (!pattern.judge) {
    const answers = pattern.debaters.map((name) => answerOf(state.arguments[name]));
    return outcome(majority(answers), {
      reason: 'max-rounds',
      message: `The debaters did not agree in ${rounds} rounds; the majority answer was taken.`,
    });
  }
  const judge = runtime.member(pattern.judge);
  const result = await runtime.runMember({
    member: judge,
    input: judgeInput(task, pattern.debaters, state.arguments),
    parent: runtime.budget.root,
    runId: `${runtime.teamRunId}.${state.seq}`,
    chain: [judge.name],
  });
  if (runtime.stop) return outcome('', runtime.stop);
  if (result.stopReason !== 'final-answer')
    return outcome('', stopFromResult(judge.name, result), result.pendingApprovals);
  state.turns.push(turnFromMessages(judge.name, result.messages, result.text));
  return outcome(answerOf(result.text) || result.text, {
    reason: 'max-rounds',
    message: `The debaters did not agree in ${rounds} rounds; ${judge.name} decided.`,
    agent: judge.name,
  });
}

function opening(task: string): string {
  return `${task}\n\nGive your answer with your reasoning. ${answerLine}`;
}

function rebuttal(task: string, self: string, latest: Record<string, string>): string {
  const others = Object.entries(latest)
    .filter(([name]) => name !== self)
    .map(([name, text]) => `[${name}] ${text}`)
    .join('\n\n');
  const own = latest[self] ? `Your last argument:\n\n${latest[self]}\n\n` : '';
  return `${task}\n\n${own}The other agents' latest arguments:\n\n${others}\n\nWeigh them critically, then give your updated answer with your reasoning. ${answerLine}`;
}

function judgeInput(task: string, debaters: readonly string[], latest: Record<string, string>): string {
  const args = debaters.map((name) => `[${name}] ${latest[name]}`).join('\n\n');
  return `${task}\n\nThe debaters did not agree. Their final arguments:\n\n${args}\n\nDecide the best answer, or write a better one from their arguments. ${answerLine}`;
}

function majority(answers: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const answer of answers) counts.set(answer, (counts.get(answer) ?? 0) + 1);
  let best = answers[0] ?? '';
  for (const answer of answers) if ((counts.get(answer) ?? 0) > (counts.get(best) ?? 0)) best = answer;
  return best;
}
