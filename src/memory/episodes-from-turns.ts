// Conversation turns as episode records: checked, with ids, speakers, times, importance and expiry.
import { randomUUID } from 'node:crypto';
import { GantryError } from '../errors/index.js';
import type { MemoryEpisodeRecord } from '../store/index.js';
import { estimateImportance } from './estimate-importance.js';
import type { ResolvedScope } from './memory-scope.js';
import type { TurnInput } from './memory-types.js';
import { toTime } from './to-time.js';

export function episodesFromTurns(
  scope: ResolvedScope,
  turns: readonly TurnInput[],
  { now, episodesTtlMs }: { now: number; episodesTtlMs?: number },
): MemoryEpisodeRecord[] {
  return turns.map((turn, position): MemoryEpisodeRecord => {
    if (
      typeof turn?.text !== 'string' ||
      turn.text.trim() === '' ||
      typeof turn.session !== 'string' ||
      turn.session === ''
    ) {
      throw new GantryError('MEMORY_INPUT_INVALID', `Turn ${position} needs a non-empty text and session.`, {
        hint: 'Each turn is { session, text, speaker?, role?, at?, id? }.',
        details: { position },
      });
    }
    const role = turn.role ?? 'user';
    const ttl = turn.ttlMs ?? episodesTtlMs;
    return {
      tenant: scope.tenant,
      user: scope.user,
      id: turn.id ?? `ep_${randomUUID()}`,
      session: turn.session,
      speaker: turn.speaker ?? (role === 'user' ? scope.user : role),
      role,
      text: turn.text,
      at: toTime(turn.at, now, `turns[${position}].at`),
      importance: estimateImportance(turn.text),
      expiresAt: ttl !== undefined ? now + ttl : null,
      metadata: { ...turn.metadata, ...(scope.thread ? { thread: scope.thread } : {}) },
    };
  });
}
