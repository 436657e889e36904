// Group work: members take turns posting on a shared board. Who speaks next is decided in turn,
// by a function, or by a selector member's model; a choice that is not a member falls back to the
// next member in turn (never the same one again), and a selector wrong too often in a row is no
// longer asked, so the group cannot livelock. A post with the done marker ends the work.
import type { GroupPattern, SpeakerFunction } from '../team-definition.js';
import type { TeamRuntime } from '../team-runtime.js';
import { type TeamTurn, turnFromMessages } from '../transcript.js';
import { type PatternOutcome, stopFromResult } from './pattern-outcome.js';

export interface GroupState {
  turn: number;
  seq: number;
  turns: TeamTurn[];
  lastSpeaker?: string;
  /** The speaker chosen for the turn in progress (kept so a resume does not choose again). */
  next?: string;
  selectorFailures: number;
  selectorOff: boolean;
}

export async function runGroup(
  runtime: TeamRuntime,
  pattern: GroupPattern,
  task: string,
  saved?: GroupState,
): Promise<PatternOutcome> {
  const state: GroupState = saved ?? { turn: 0, seq: 0, turns: [], selectorFailures: 0, selectorOff: false };
  const marker = pattern.doneMarker ?? 'DONE';
  const repeatLimit = pattern.repeatLimit ?? 2;
  const outcome = (
    text: string,
    stop: PatternOutcome['stop'],
    pendingApprovals: PatternOutcome['pendingApprovals'] = [],
  ) => ({
    text,
    stop,
    turns: state.turns,
    handoffs: [],
    rounds: state.turn,
    pendingApprovals,
  });
  while (state.turn < pattern.maxTurns) {
    await runtime.checkpoint(task, state, 'running');
    if (!state.next) {
      const chosen = await chooseSpeaker(runtime, pattern, task, state);
      if (runtime.stop) return outcome('', runtime.stop);
      if (typeof chosen !== 'string') return outcome('', chosen.stop, chosen.pendingApprovals);
      state.next = chosen;
      await runtime.checkpoint(task, state, 'running');
    }
    const speaker = runtime.member(state.next);
    const result = await runtime.runMember({
      member: speaker,
      input: boardInput(task, state.turns, speaker.name, marker),
      parent: runtime.budget.root,
      runId: `${runtime.teamRunId}.${state.seq}`,
      chain: [speaker.name],
    });
    if (runtime.stop) return outcome('', runtime.stop);
    if (result.stopReason !== 'final-answer')
      return outcome('', stopFromResult(speaker.name, result), result.pendingApprovals);
    state.seq++;
    state.turn++;
    state.lastSpeaker = speaker.name;
    state.next = undefined;
    const turn = turnFromMessages(speaker.name, result.messages, result.text);
    state.turns.push(turn);
    if (result.text.includes(marker)) {
      await runtime.checkpoint(task, state, 'running');
      return outcome(result.text.replace(marker, '').trim(), {
        reason: 'done',
        message: `${speaker.name} marked the work done.`,
        agent: speaker.name,
      });
    }
    const repeats = state.turns.filter((t) => t.agent === speaker.name && t.answer === result.text).length;
    if (repeats >= repeatLimit) {
      return outcome(result.text, {
        reason: 'no-progress',
        message: `${speaker.name} posted the same text ${repeats} times.`,
        agent: speaker.name,
      });
    }
  }
  await runtime.checkpoint(task, state, 'running');
  const last = state.turns[state.turns.length - 1];
  return outcome(last?.answer ?? '', {
    reason: 'max-rounds',
    message: `The group took its ${pattern.maxTurns} turns without marking the work done.`,
  });
}

type Choice = string | { stop: PatternOutcome['stop']; pendingApprovals: PatternOutcome['pendingApprovals'] };

async function chooseSpeaker(
  runtime: TeamRuntime,
  pattern: GroupPattern,
  task: string,
  state: GroupState,
): Promise<Choice> {
  const members = pattern.members;
  const inTurn = members[(members.indexOf(state.lastSpeaker ?? '') + 1) % members.length];
  const policy = pattern.speaker ?? 'round-robin';
  if (policy === 'round-robin' || (typeof policy === 'object' && state.selectorOff)) {
    runtime.emit({ type: 'speaker', agent: inTurn, chosenBy: 'round-robin' });
    return inTurn;
  }
  let answer: string;
  let chosenBy: 'function' | 'selector';
  if (typeof policy === 'function') {
    answer = (policy as SpeakerFunction)({
      members,
      turns: state.turns,
      turn: state.turn,
      ...(state.lastSpeaker ? { lastSpeaker: state.lastSpeaker } : {}),
    });
    chosenBy = 'function';
  } else {
    const selector = runtime.member(policy.selector);
    const result = await runtime.runMember({
      member: selector,
      input: selectorInput(runtime, task, state.turns, members),
      parent: runtime.budget.root,
      runId: `${runtime.teamRunId}.${state.seq}`,
      chain: [selector.name],
    });
    if (runtime.stop || result.stopReason !== 'final-answer')
      return {
        stop: runtime.stop ?? stopFromResult(selector.name, result),
        pendingApprovals: result.pendingApprovals,
      };
    state.seq++;
    answer = result.text;
    chosenBy = 'selector';
  }
  const chosen = matchMember(answer, members);
  if (chosen) {
    state.selectorFailures = 0;
    runtime.emit({ type: 'speaker', agent: chosen, chosenBy });
    return chosen;
  }
  state.selectorFailures++;
  if (chosenBy === 'selector' && state.selectorFailures >= (pattern.selectorFailures ?? 3))
    state.selectorOff = true;
  runtime.emit({ type: 'speaker', agent: inTurn, chosenBy: 'fallback', rejected: answer.slice(0, 200) });
  return inTurn;
}

/** The member a selector's answer names: the whole answer, or its first word, ignoring case and punctuation. */
export function matchMember(answer: string, members: readonly string[]): string | undefined {
  const clean = (text: string) =>
    text
      .trim()
      .toLowerCase()
      .replace(/^[\s"'`*[(]+|[\s"'`*.,!:;\])]+$/g, '');
  const whole = clean(answer);
  const first = clean(whole.split(/\s+/)[0] ?? '');
  return members.find((name) => name.toLowerCase() === whole || name.toLowerCase() === first);
}

function boardInput(task: string, turns: readonly TeamTurn[], speaker: string, marker: string): string {
  const board =
    turns.length === 0
      ? 'The board is empty.'
      : turns.map((turn) => `[${turn.agent}] ${turn.answer}`).join('\n\n');
  return `${task}\n\nThe team's board so far:\n\n${board}\n\nYou are ${speaker}: add your contribution. Write ${marker} when the task is complete.`;
}

function selectorInput(
  runtime: TeamRuntime,
  task: string,
  turns: readonly TeamTurn[],
  members: readonly string[],
): string {
  const board =
    turns.length === 0
      ? 'The board is empty.'
      : turns.map((turn) => `[${turn.agent}] ${turn.answer}`).join('\n\n');
  const who = members
    .map((name) => {
      const description = runtime.member(name).description;
      return `- ${name}${description ? `: ${description}` : ''}`;
    })
    .join('\n');
  return `${task}\n\nThe team's board so far:\n\n${board}\n\nWho should speak next? Members:\n${who}\n\nReply with the member's name only.`;
}
