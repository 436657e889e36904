// What a prompt costs the semantic cache to weigh (its tokens and their stems, its embedding, each
// guard's facts, the verifier's facts), computed once per prompt and kept for the few most recent
// prompts: a lookup tokenises and stems once for the embedder, the guards and the verifier (which
// reuses the guards' facts), and the store() that follows a missed lookup of the same text (when the
// answer came back) reuses all of it. Facts are never mutated, so one prompt's facts may be shared
// by a later lookup and by the stored entry.
import type { SemanticCacheGuardName } from '../../../config/index.js';
import { falseHitGuards } from './guards/index.js';
import { type PromptToken, promptTokens, stem } from './prompt-tokens.js';
import type { HitVerifier, HitVerifierFacts, KnownPromptWork } from './verifier/index.js';

/** Every guard, in a fixed order: a stored entry keeps its facts in an array in this order. */
export const guardOrder = Object.keys(falseHitGuards) as SemanticCacheGuardName[];
const guardSlot = Object.fromEntries(guardOrder.map((name, slot) => [name, slot])) as Record<
  SemanticCacheGuardName,
  number
>;

/** A guard's place in guardOrder. */
export function guardIndex(name: SemanticCacheGuardName): number {
  return guardSlot[name];
}

export type PromptEmbed = (
  text: string,
  tokens: readonly PromptToken[],
  stems: readonly string[],
) => Float32Array;

export class PromptWork {
  readonly text: string;
  readonly tokens: readonly PromptToken[];
  /** stem() of each token's text. */
  readonly stems: readonly string[];
  /** The vector the caller gave (an embedding model's), else the one the cache computed. */
  readonly vector: Float32Array;
  readonly givenVector: boolean;
  /** Each guard's facts by guardOrder, computed when first asked for. */
  private readonly guardFacts: unknown[] = new Array(guardOrder.length).fill(undefined);
  private verifierFacts: HitVerifierFacts | undefined;

  constructor(text: string, given: Float32Array | undefined, embed: PromptEmbed) {
    this.text = text;
    this.tokens = promptTokens(text);
    const stems = new Array<string>(this.tokens.length);
    for (let i = 0; i < stems.length; i++) stems[i] = stem(this.tokens[i].text);
    this.stems = stems;
    this.givenVector = given !== undefined;
    this.vector = given ?? embed(text, this.tokens, this.stems);
  }

  guard(name: SemanticCacheGuardName): unknown {
    const slot = guardSlot[name];
    let facts = this.guardFacts[slot];
    if (facts === undefined) {
      facts = falseHitGuards[name].facts(this.tokens, this.text, this.stems);
      this.guardFacts[slot] = facts;
    }
    return facts;
  }

  /** Every guard's facts, by guardOrder (what a stored entry keeps). */
  allGuards(): readonly unknown[] {
    for (const name of guardOrder) this.guard(name);
    return this.guardFacts;
  }

  verifier(verifier: HitVerifier): HitVerifierFacts {
    // This work is the verifier's KnownPromptWork (its stems and guard facts).
    this.verifierFacts ??= verifier.facts(this.text, this.tokens, this as KnownPromptWork);
    return this.verifierFacts;
  }
}

/**
 * The most recent prompts' work, by text (and the caller's vector, when it gave one): a ring of
 * `keep` slots, oldest overwritten first. A ring rather than a Map: a Map that forgets its oldest key
 * on every lookup leaves dead tables behind that kept each lookup's work alive through young-generation
 * collections (megabytes promoted per collection at 100k cached entries).
 */
export class RecentPrompts {
  private readonly texts: (string | undefined)[];
  private readonly works: (PromptWork | undefined)[];
  private next = 0;

  constructor(
    private readonly embed: PromptEmbed,
    private keep = 16,
  ) {
    this.keep = Math.max(1, Math.floor(keep));
    this.texts = new Array(this.keep).fill(undefined);
    this.works = new Array(this.keep).fill(undefined);
  }

  of(text: string, given?: Float32Array): PromptWork {
    const { texts, works } = this;
    for (let slot = 0; slot < texts.length; slot++) {
      if (texts[slot] !== text) continue;
      const known = works[slot] as PromptWork;
      if (given === undefined ? !known.givenVector : known.vector === given) return known;
      texts[slot] = undefined;
      works[slot] = undefined;
    }
    const work = new PromptWork(text, given, this.embed);
    texts[this.next] = text;
    works[this.next] = work;
    this.next = (this.next + 1) % this.keep;
    return work;
  }
}
