// Handoff: one member holds control; it answers, or calls `transfer_to_<member>` (only for the
// members its allowlist names) and the other takes over with a filtered view of the shared
// transcript. Control coming back to a member with nothing new said or found since it last held
// it is a cycle (`handoff-cycle`); more hops than allowed is `max-rounds`.
import { z } from 'zod';
import type { AgentMessage, StopCondition } from '../../agent/index.js';
import type { AnyTool } from '../../tool/index.js';
import type { HandoffPattern } from '../team-definition.js';
import type { TeamRuntime } from '../team-runtime.js';
import { renderHistory, type TeamTurn, turnContent, turnFromMessages } from '../transcript.js';
import { type PatternOutcome, stopFromResult } from './pattern-outcome.js';

export interface HandoffState {
  active: string;
  seq: number;
  turns: TeamTurn[];
  /** Per turn: whether it added something not said or found before. */
  progress: boolean[];
  seen: string[];
  /** Index of the turn each member last took control at. */
  activations: Record<string, number>;
  handoffs: { from: string; to: string; note?: string }[];
}

const transferPrefix = 'transfer_to_';
// One schema object for every transfer tool: its JSON Schema is computed once and cached.
const transferInput = z.object({
  note: z.string().optional().describe('what the next agent should know'),
});

export async function runHandoff(
  runtime: TeamRuntime,
  pattern: HandoffPattern,
  task: string,
  saved?: HandoffState,
): Promise<PatternOutcome> {
  const state: HandoffState = saved ?? {
    active: pattern.entry,
    seq: 0,
    turns: [],
    progress: [],
    seen: [],
    activations: { [pattern.entry]: 0 },
    handoffs: [],
  };
  const maxHandoffs = pattern.maxHandoffs ?? 10;
  const outcome = (text: string, stop: PatternOutcome['stop'], pendingApprovals = []) => ({
    text,
    stop,
    turns: state.turns,
    handoffs: state.handoffs,
    rounds: state.handoffs.length,
    pendingApprovals,
  });
  for (;;) {
    await runtime.checkpoint(task, state, 'running');
    const member = runtime.member(state.active);
    const filter = member.history ?? pattern.history ?? 'full';
    const input =
      state.turns.length === 0
        ? task
        : `${renderHistory(task, state.turns, filter)}\n\nYou are ${member.name} and now have control: answer the user, or hand off if another agent should take over.`;
    let requested = false;
    const stopOnHandoff: StopCondition = () =>
      requested ? { reason: 'custom', message: `${member.name} handed off.` } : undefined;
    const result = await runtime.runMember({
      member,
      input,
      parent: runtime.budget.root,
      runId: `${runtime.teamRunId}.${state.seq}`,
      chain: [member.name],
      extraTools: (member.handoffs ?? []).map((to) =>
        transferTool(to, runtime.member(to).description, () => {
          if (requested) throw new Error('You already handed off in this step.');
          requested = true;
        }),
      ),
      stopWhen: [stopOnHandoff],
    });
    const turn = turnFromMessages(
      member.name,
      result.messages,
      result.stopReason === 'final-answer' ? result.text : '',
    );
    const handoff = result.stopReason === 'custom' ? handoffIn(result.messages) : undefined;
    if (handoff) turn.handoff = handoff;
    const fingerprint = `${member.name}:${turnContent(turn)}`;
    const added =
      (turn.texts.length > 0 || turn.tools.some((t) => !t.name.startsWith(transferPrefix))) &&
      !state.seen.includes(fingerprint);
    state.seen.push(fingerprint);
    state.turns.push(turn);
    state.progress.push(added);
    state.seq++;
    if (runtime.stop) return outcome('', runtime.stop);
    if (!handoff)
      return outcome(result.text, stopFromResult(member.name, result), result.pendingApprovals as never);
    state.handoffs.push({ from: member.name, ...handoff });
    runtime.emit({ type: 'handoff', from: member.name, ...handoff });
    const since = state.activations[handoff.to];
    if (since !== undefined && state.progress.slice(since).every((made) => !made)) {
      const path = state.turns.slice(since).map((t) => t.agent);
      return outcome('', {
        reason: 'handoff-cycle',
        message: `Control went back to ${handoff.to} with nothing new since it last had it (${[...path, handoff.to].join(' → ')}).`,
        agent: member.name,
      });
    }
    if (state.handoffs.length > maxHandoffs) {
      return outcome('', {
        reason: 'max-rounds',
        message: `The team handed off ${state.handoffs.length} times (limit ${maxHandoffs}).`,
        agent: member.name,
      });
    }
    state.activations[handoff.to] = state.turns.length;
    state.active = handoff.to;
  }
}

function transferTool(to: string, description: string | undefined, mark: () => void): AnyTool {
  return {
    name: `${transferPrefix}${to}`,
    description: `Hands the conversation over to ${to}${description ? `: ${description}` : ''}. Use it when ${to} should continue instead of you.`,
    input: transferInput,
    execute() {
      mark();
      return `Control passes to ${to}.`;
    },
  };
}

/** The handoff a run ended with (read from its messages, so a run finished before a crash still counts). */
function handoffIn(messages: readonly AgentMessage[]): { to: string; note?: string } | undefined {
  const inputs = new Map<string, unknown>();
  for (const message of messages) {
    if (message.role === 'assistant') for (const call of message.toolCalls) inputs.set(call.id, call.input);
    if (message.role !== 'tool') continue;
    for (const result of message.results) {
      if (result.isError || !result.name.startsWith(transferPrefix)) continue;
      const note = (inputs.get(result.id) as { note?: unknown } | undefined)?.note;
      return {
        to: result.name.slice(transferPrefix.length),
        ...(typeof note === 'string' && note ? { note } : {}),
      };
    }
  }
  return undefined;
}
