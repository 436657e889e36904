// The conversation file `gantry memory ingest` reads: sessions with a date and turns.
//   { "sessions": [ { "id": "s1", "date": "2024-05-01T10:00:00Z",
//                     "turns": [ { "id": "D1:1", "speaker": "Alice", "role": "user", "text": "…" } ] } ] }
// A turn without "at" is dated at its session's date plus one second per turn.
import { GantryError } from '../errors/index.js';
import type { TurnInput } from './memory-types.js';

export interface ConversationFile {
  sessions: {
    id: string;
    date: string | number;
    turns: { id?: string; speaker?: string; role?: TurnInput['role']; text: string; at?: string | number }[];
  }[];
}

const roles = new Set(['user', 'assistant', 'tool', 'system']);

export function conversationTurns(value: unknown, source = 'the conversation'): TurnInput[] {
  const fail = (what: string): never => {
    throw new GantryError('MEMORY_INPUT_INVALID', `${source} is not a memory conversation: ${what}.`, {
      hint: 'Expected { "sessions": [ { "id", "date", "turns": [ { "id"?, "speaker"?, "role"?, "text", "at"? } ] } ] } (see docs/memory.md).',
    });
  };
  const sessions = (value as ConversationFile | null)?.sessions;
  if (!Array.isArray(sessions)) fail('no "sessions" array');
  const turns: TurnInput[] = [];
  for (const [sessionIndex, session] of (sessions as ConversationFile['sessions']).entries()) {
    if (typeof session?.id !== 'string' || session.id === '') fail(`session ${sessionIndex} has no "id"`);
    const date = typeof session.date === 'number' ? session.date : Date.parse(session.date);
    if (!Number.isFinite(date)) fail(`session ${session.id} has no valid "date"`);
    if (!Array.isArray(session.turns)) fail(`session ${session.id} has no "turns" array`);
    for (const [turnIndex, turn] of session.turns.entries()) {
      if (typeof turn?.text !== 'string' || turn.text.trim() === '')
        fail(`turn ${turnIndex} of session ${session.id} has no "text"`);
      if (turn.role !== undefined && !roles.has(turn.role))
        fail(`turn ${turnIndex} of session ${session.id} has role "${turn.role}"`);
      turns.push({
        ...(turn.id ? { id: turn.id } : {}),
        session: session.id,
        ...(turn.speaker ? { speaker: turn.speaker } : {}),
        role: turn.role ?? (turn.speaker === 'assistant' ? 'assistant' : 'user'),
        text: turn.text,
        at: turn.at ?? date + turnIndex * 1000,
      });
    }
  }
  return turns;
}
