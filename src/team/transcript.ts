// The team's one shared transcript: each member turn is recorded once, from the member's own
// messages minus the input it was given, so a history passed on (and passed on again) never
// repeats a tool item. History filters pick what the next agent sees of it.
import type { AgentMessage } from '../agent/index.js';

export interface TeamToolItem {
  name: string;
  input: unknown;
  output: unknown;
  isError: boolean;
}

export interface TeamTurn {
  agent: string;
  /** What the member said, in order (its final answer last). */
  texts: string[];
  /** The tools it called, with their results (handoff and delegation calls included). */
  tools: TeamToolItem[];
  /** The member's answer (empty when it handed off or stopped without one). */
  answer: string;
  /** Set when the turn ended by handing control to another member. */
  handoff?: { to: string; note?: string };
}

/** What of the shared transcript the next agent is shown. */
export type HistoryFilter = 'full' | 'summary' | 'none' | { lastN: number };

/** The member's turn from its run's messages; the first (its input) is skipped. */
export function turnFromMessages(agent: string, messages: readonly AgentMessage[], answer: string): TeamTurn {
  const texts: string[] = [];
  const tools: TeamToolItem[] = [];
  const calls = new Map<string, { name: string; input: unknown }>();
  for (const message of messages.slice(1)) {
    if (message.role === 'assistant') {
      if (message.text.trim()) texts.push(message.text.trim());
      for (const call of message.toolCalls) calls.set(call.id, { name: call.name, input: call.input });
    } else if (message.role === 'tool') {
      for (const result of message.results) {
        const call = calls.get(result.id);
        tools.push({
          name: result.name,
          input: call?.input ?? null,
          output: result.output,
          isError: result.isError,
        });
      }
    }
  }
  return { agent, texts, tools, answer };
}

/** The history shown to the next agent, as plain text (the agents may use different tools and protocols). */
export function renderHistory(task: string, turns: readonly TeamTurn[], filter: HistoryFilter): string {
  const lines = [`[user] ${task}`];
  if (filter === 'none') return lines.join('\n');
  const shown = typeof filter === 'object' ? turns.slice(Math.max(0, turns.length - filter.lastN)) : turns;
  if (typeof filter === 'object' && shown.length < turns.length)
    lines.push(`(${turns.length - shown.length} earlier turns left out)`);
  for (const turn of shown) {
    if (filter === 'summary') {
      const said = turn.answer || turn.texts[turn.texts.length - 1];
      if (said) lines.push(`[${turn.agent}] ${said}`);
    } else {
      for (const text of turn.texts) lines.push(`[${turn.agent}] ${text}`);
      for (const item of turn.tools) {
        if (turn.handoff && item.name === `transfer_to_${turn.handoff.to}`) continue;
        lines.push(
          `[${turn.agent}] called ${item.name}(${JSON.stringify(item.input)}) → ${item.isError ? 'error: ' : ''}${show(item.output)}`,
        );
      }
    }
    if (turn.handoff)
      lines.push(
        `[${turn.agent}] handed off to ${turn.handoff.to}${turn.handoff.note ? `: ${turn.handoff.note}` : ''}`,
      );
  }
  return lines.join('\n');
}

function show(output: unknown): string {
  return typeof output === 'string' ? output : JSON.stringify(output);
}

/** A fingerprint of what a turn added (its words and tool items, not who said it or the handoff). */
export function turnContent(turn: TeamTurn): string {
  const tools = turn.tools.filter((item) => !item.name.startsWith('transfer_to_'));
  return JSON.stringify([turn.texts, tools.map((t) => [t.name, t.input, t.output])]);
}
