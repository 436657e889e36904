// The semantic cache: answers stored under (scope, prompt text); a lookup embeds the new prompt,
// finds the most similar cached prompts of the same scope above the threshold, drops those a
// false-hit guard objects to, scores the rest with the hit verifier (when on) and serves the best one
// whose score reaches the verifier's threshold (without a verifier: the most similar one). Bounded by
// entries (least recently used first) and by TTL.
import type { SemanticCacheGuardName } from '../../../config/index.js';
import { type FalseHitGuard, falseHitGuards } from './guards/index.js';
import { type EmbedText, hashedEmbedding } from './hashed-embedder.js';
import { LshIndex } from './lsh-index.js';
import { guardIndex, type PromptWork, RecentPrompts } from './prompt-work.js';
import { HitVerifier, type HitVerifierFacts } from './verifier/index.js';

export interface SemanticCacheOptions {
  /**
   * Text → unit vector; default: the offline hashed embedder of `dimension`. A caller that embeds
   * with a model (asynchronously) passes the vectors to lookup() and store() instead.
   */
  embed?: EmbedText;
  /** The prompts' vectors come from elsewhere than the hashed embedder (lookup/store `vector`). */
  externalVectors?: boolean;
  dimension?: number;
  threshold?: number;
  guards?: readonly SemanticCacheGuardName[];
  ttlMs?: number;
  maxEntries?: number;
  tables?: number;
  bits?: number;
  /** Also read the buckets one sign away from the query's (see LshIndexOptions.multiProbe). */
  multiProbe?: boolean;
  /** Tables from pairs of half-length codes (see LshIndexOptions.pairedTables). */
  pairedTables?: boolean;
  /** LSH projections by WebAssembly SIMD where available (default true; see LshIndexOptions.simd). */
  simd?: boolean;
  /** Candidates above the threshold tried against the guards, best first. */
  candidates?: number;
  /**
   * The hit verifier that scores candidates before one is served: default the shipped one (its own
   * threshold); `false` serves the most similar candidate the guards let through (the old behaviour).
   */
  verifier?: HitVerifier | false;
  now?: () => number;
}

export interface LookupOptions {
  threshold?: number;
  guards?: readonly SemanticCacheGuardName[];
  /** false: no verifier for this lookup. */
  verifier?: boolean;
  /** The verifier's threshold for this lookup. */
  verifierThreshold?: number;
  /** The prompt's embedding, when the caller embedded it (a configured embedding model). */
  vector?: Float32Array;
}

export type LookupResult =
  | { kind: 'hit'; answer: string; similarity: number; cachedText: string; score?: number }
  /**
   * `guard`: the guard that refused the best candidate, when one did; `refusedBy: 'verifier'` when
   * candidates passed the guards but none scored enough (`score`: the best score).
   */
  | {
      kind: 'miss';
      similarity?: number;
      guard?: SemanticCacheGuardName;
      refusedBy?: 'verifier';
      score?: number;
    };

export interface SemanticCacheStats {
  hits: number;
  misses: number;
  /** Candidates refused, by guard. */
  guarded: Record<SemanticCacheGuardName, number>;
  /** Lookups whose candidates passed the guards but scored under the verifier's threshold. */
  verifierRefused: number;
  evicted: number;
  expired: number;
}

interface Entry {
  scope: string;
  text: string;
  answer: string;
  expiresAt: number;
  /** Each guard's facts, by guardOrder (see prompt-work.ts). */
  facts: readonly unknown[];
  verifierFacts: HitVerifierFacts | undefined;
}

interface Candidate {
  id: number;
  entry: Entry;
  similarity: number;
  refusedBy: SemanticCacheGuardName | undefined;
  score: number | undefined;
}

export class SemanticCache {
  readonly stats: SemanticCacheStats = {
    hits: 0,
    misses: 0,
    guarded: { negation: 0, numbers: 0, dates: 0, entities: 0, 'output-form': 0, 'content-words': 0 },
    verifierRefused: 0,
    evicted: 0,
    expired: 0,
  };
  /** Tokens, embedding and facts of the most recent prompts (a missed lookup's store reuses them). */
  private readonly prompts: RecentPrompts;
  private readonly threshold: number;
  private readonly guards: readonly SemanticCacheGuardName[];
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly candidates: number;
  private readonly now: () => number;
  private readonly index: LshIndex;
  readonly verifier: HitVerifier | undefined;
  /** Insertion order is recency order: a hit moves its entry to the end. */
  private readonly entries = new Map<number, Entry>();

  constructor(options: SemanticCacheOptions = {}) {
    const { dimension = 256 } = options;
    const { embed } = options;
    this.prompts = new RecentPrompts(
      embed ? (text) => embed(text) : (_text, tokens, stems) => hashedEmbedding(tokens, dimension, stems),
    );
    this.guards = options.guards ?? ['negation', 'numbers', 'dates', 'entities', 'output-form'];
    this.ttlMs = options.ttlMs ?? 3_600_000;
    this.maxEntries = options.maxEntries ?? 100_000;
    this.candidates = options.candidates ?? 4;
    // The verifier's cosine feature is the offline embedder's at 256 dimensions; with any other
    // embedder it computes that cosine itself.
    this.verifier =
      options.verifier === false
        ? undefined
        : (options.verifier ??
          new HitVerifier({
            ownEmbedding:
              options.embed !== undefined || options.externalVectors === true || dimension !== 256,
          }));
    // With the verifier, the similarity only gathers candidates; without it, it alone decides.
    this.threshold = options.threshold ?? (this.verifier ? 0.7 : 0.9);
    this.now = options.now ?? Date.now;
    this.index = new LshIndex({
      dimension,
      tables: options.tables,
      bits: options.bits,
      multiProbe: options.multiProbe,
      pairedTables: options.pairedTables,
      simd: options.simd,
    });
  }

  get size(): number {
    return this.entries.size;
  }

  lookup(scope: string, text: string, options: LookupOptions = {}): LookupResult {
    const candidates = this.weigh(scope, text, options, this.candidates, true);
    const verifier = options.verifier === false ? undefined : this.verifier;
    const passed = candidates.filter((candidate) => candidate.refusedBy === undefined);
    let served: Candidate | undefined;
    if (verifier) {
      const threshold = options.verifierThreshold ?? verifier.threshold;
      for (const candidate of passed)
        if ((candidate.score as number) >= threshold && (candidate.score as number) > (served?.score ?? -1))
          served = candidate;
    } else served = passed[0];
    // Without a verifier, as before: only the candidates ahead of the one served were refused.
    const weighed = verifier || !served ? candidates : candidates.slice(0, candidates.indexOf(served));
    for (const candidate of weighed) if (candidate.refusedBy) this.stats.guarded[candidate.refusedBy]++;
    if (served) {
      this.entries.delete(served.id);
      this.entries.set(served.id, served.entry);
      this.stats.hits++;
      return {
        kind: 'hit',
        answer: served.entry.answer,
        similarity: served.similarity,
        cachedText: served.entry.text,
        score: served.score,
      };
    }
    this.stats.misses++;
    const best = passed.reduce((top, candidate) => Math.max(top, candidate.score ?? -1), -1);
    if (passed.length > 0) this.stats.verifierRefused++;
    return {
      kind: 'miss',
      similarity: candidates[0]?.similarity,
      guard: candidates.find((candidate) => candidate.refusedBy)?.refusedBy,
      ...(passed.length > 0 ? { refusedBy: 'verifier' as const, score: best } : {}),
    };
  }

  /** `vector`: the text's embedding, when the caller embedded it (a configured embedding model). */
  store(scope: string, text: string, answer: string, vector?: Float32Array): void {
    const prompt = this.prompts.of(text, vector);
    const id = this.index.add(scopeHash(scope), prompt.vector);
    this.entries.set(id, {
      scope,
      text,
      answer,
      expiresAt: this.now() + this.ttlMs,
      facts: prompt.allGuards(),
      verifierFacts: this.verifier ? prompt.verifier(this.verifier) : undefined,
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as number;
      this.delete(oldest);
      this.stats.evicted++;
    }
  }

  /**
   * The candidates a lookup would weigh, with the guard that refuses each (or none) and the
   * verifier's score, without serving anything: for tuning thresholds and explaining a miss.
   */
  inspect(
    scope: string,
    text: string,
    options: LookupOptions & { limit?: number } = {},
  ): {
    text: string;
    similarity: number;
    refusedBy: SemanticCacheGuardName | undefined;
    score: number | undefined;
  }[] {
    return this.weigh(scope, text, options, options.limit ?? this.candidates, false).map((candidate) => ({
      text: candidate.entry.text,
      similarity: candidate.similarity,
      refusedBy: candidate.refusedBy,
      score: candidate.score,
    }));
  }

  private weigh(
    scope: string,
    text: string,
    options: LookupOptions,
    limit: number,
    expire: boolean,
  ): Candidate[] {
    const threshold = options.threshold ?? this.threshold;
    const guards = options.guards ?? this.guards;
    const verifier = options.verifier === false ? undefined : this.verifier;
    const prompt = this.prompts.of(text, options.vector);
    const matches = this.index.search(scopeHash(scope), prompt.vector, threshold, limit);
    const now = this.now();
    const candidates: Candidate[] = [];
    for (const match of matches) {
      const entry = this.entries.get(match.id);
      if (!entry || entry.scope !== scope) continue;
      if (expire && entry.expiresAt <= now) {
        this.delete(match.id);
        this.stats.expired++;
        continue;
      }
      const refusedBy = firstConflict(guards, prompt, entry);
      let score: number | undefined;
      if (verifier && entry.verifierFacts && refusedBy === undefined)
        score = verifier.score(prompt.verifier(verifier), entry.verifierFacts, match.similarity);
      candidates.push({ id: match.id, entry, similarity: match.similarity, refusedBy, score });
    }
    return candidates;
  }

  /** Drops entries whose scope starts with `scopePrefix` (all when omitted); returns how many. */
  invalidate(scopePrefix?: string): number {
    let removed = 0;
    for (const [id, entry] of this.entries) {
      if (scopePrefix === undefined || entry.scope.startsWith(scopePrefix)) {
        this.delete(id);
        removed++;
      }
    }
    return removed;
  }

  private delete(id: number): void {
    this.entries.delete(id);
    this.index.remove(id);
  }
}

function firstConflict(
  guards: readonly SemanticCacheGuardName[],
  prompt: PromptWork,
  entry: Entry,
): SemanticCacheGuardName | undefined {
  for (const name of guards) {
    const guard: FalseHitGuard = falseHitGuards[name];
    if (guard.conflicts(prompt.guard(name), entry.facts[guardIndex(name)])) return name;
  }
  return undefined;
}

/** FNV-1a of the scope string: the LSH bucket key (the scope itself is compared on every candidate). */
function scopeHash(scope: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < scope.length; i++) {
    hash ^= scope.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
