// A false-hit guard: facts drawn from a prompt once (when cached, when asked), and a test whether
// the facts of the new prompt conflict with those of the cached one. A conflict refuses the hit.
import type { SemanticCacheGuardName } from '../../../../config/index.js';
import type { PromptToken } from '../prompt-tokens.js';

export interface FalseHitGuard<Facts = unknown> {
  readonly name: SemanticCacheGuardName;
  /** `stems`: stem() of each token's text, when the caller has them (the same facts either way). */
  facts(tokens: readonly PromptToken[], text: string, stems?: readonly string[]): Facts;
  conflicts(asked: Facts, cached: Facts): boolean;
}

/** Two sorted lists of strings hold the same items. */
export function sameItems(left: readonly string[], right: readonly string[]): boolean {
  if (left.length !== right.length) return false;
  for (let i = 0; i < left.length; i++) if (left[i] !== right[i]) return false;
  return true;
}
