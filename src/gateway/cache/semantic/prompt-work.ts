// What a prompt costs the semantic cache to weigh (its tokens, its embedding, each guard's facts, the
// verifier's facts), computed once per prompt and kept for the few most recent prompts: a lookup
// tokenises once for the embedder, the guards and the verifier, and the store() that follows a missed
// lookup of the same text (when the answer came back) reuses all of it. Facts are never mutated, so
// one prompt's facts may be shared by a later lookup and by the stored entry.
import type { SemanticCacheGuardName } from '../../../config/index.js';
import { falseHitGuards } from './guards/index.js';
import { type PromptToken, promptTokens } from './prompt-tokens.js';
import type { HitVerifier, HitVerifierFacts } from './verifier/index.js';

export class PromptWork {
  readonly text: string;
  readonly tokens: readonly PromptToken[];
  /** The vector the caller gave (an embedding model's), else the one the cache computed. */
  readonly vector: Float32Array;
  readonly givenVector: boolean;
  private readonly guardFacts = new Map<SemanticCacheGuardName, unknown>();
  private verifierFacts: HitVerifierFacts | undefined;

  constructor(
    text: string,
    given: Float32Array | undefined,
    embed: (text: string, tokens: readonly PromptToken[]) => Float32Array,
  ) {
    this.text = text;
    this.tokens = promptTokens(text);
    this.givenVector = given !== undefined;
    this.vector = given ?? embed(text, this.tokens);
  }

  guard(name: SemanticCacheGuardName): unknown {
    let facts = this.guardFacts.get(name);
    if (facts === undefined) {
      facts = falseHitGuards[name].facts(this.tokens, this.text);
      this.guardFacts.set(name, facts);
    }
    return facts;
  }

  /** Every guard's facts (what a stored entry keeps). */
  allGuards(): Map<SemanticCacheGuardName, unknown> {
    for (const name of Object.keys(falseHitGuards) as SemanticCacheGuardName[]) this.guard(name);
    return new Map(this.guardFacts);
  }

  verifier(verifier: HitVerifier): HitVerifierFacts {
    this.verifierFacts ??= verifier.facts(this.text, this.tokens);
    return this.verifierFacts;
  }
}

/** The most recent prompts' work, by text (and the caller's vector, when it gave one). */
export class RecentPrompts {
  private readonly recent = new Map<string, PromptWork>();

  constructor(
    private readonly embed: (text: string, tokens: readonly PromptToken[]) => Float32Array,
    private readonly keep = 16,
  ) {}

  of(text: string, given?: Float32Array): PromptWork {
    const known = this.recent.get(text);
    if (known && (given === undefined ? !known.givenVector : known.vector === given)) return known;
    const work = new PromptWork(text, given, this.embed);
    this.recent.delete(text);
    this.recent.set(text, work);
    if (this.recent.size > this.keep) this.recent.delete(this.recent.keys().next().value as string);
    return work;
  }
}
