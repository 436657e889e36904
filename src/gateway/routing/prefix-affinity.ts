// Prefix affinity: requests that share a prompt prefix go to the same replica, so that the engine's
// KV (prefix) cache hits. Rendezvous hashing (Thaler & Ravishankar 1998): each target scores
// hash(prefix, target id) and the highest wins; the rest, by score, are the fallback chain. Adding
// a replica moves only the prefixes it now wins; removing one moves only the prefixes it held.
import type { RouteTarget } from './route-target.js';

export function prefixAffinityOrder(
  targets: readonly RouteTarget[],
  affinityKey: string | undefined,
): RouteTarget[] {
  if (affinityKey === undefined || targets.length < 2) return [...targets];
  const base = fnv(affinityKey, 0x811c9dc5);
  return targets
    .map((target) => ({ target, score: mix(fnv(target.id, base)) }))
    .sort((left, right) => right.score - left.score)
    .map((entry) => entry.target);
}

/** The text hashed for affinity: the first `characters` of the prompt (system prompt and history first). */
export function affinityKey(body: Record<string, unknown>, characters: number): string | undefined {
  let text = '';
  if (Array.isArray(body.messages)) {
    for (const message of body.messages as { role?: unknown; content?: unknown }[]) {
      text += `${String(message.role)}:${typeof message.content === 'string' ? message.content : JSON.stringify(message.content)}\n`;
      if (text.length >= characters) break;
    }
  } else if (typeof body.prompt === 'string') text = body.prompt;
  else return undefined;
  return text.slice(0, characters);
}

function fnv(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** A finaliser (murmur3's) so that nearby FNV values spread over the whole range. */
function mix(value: number): number {
  let h = value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
