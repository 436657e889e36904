// The semantic cache: answers stored under (scope, prompt text); a lookup embeds the new prompt,
// finds the most similar cached prompts of the same scope above the threshold, and serves the first
// that no false-hit guard objects to. Bounded by entries (least recently used first) and by TTL.
import type { SemanticCacheGuardName } from '../../../config/index.js';
import { type FalseHitGuard, falseHitGuards } from './guards/index.js';
import { createHashedEmbedder, type EmbedText } from './hashed-embedder.js';
import { LshIndex } from './lsh-index.js';
import { promptTokens } from './prompt-tokens.js';

export interface SemanticCacheOptions {
  /** Text → unit vector; default: the offline hashed embedder of `dimension`. */
  embed?: EmbedText;
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
  /** Candidates above the threshold tried against the guards, best first. */
  candidates?: number;
  now?: () => number;
}

export interface LookupOptions {
  threshold?: number;
  guards?: readonly SemanticCacheGuardName[];
}

export type LookupResult =
  | { kind: 'hit'; answer: string; similarity: number; cachedText: string }
  /** `guard`: the guard that refused the best candidate, when one did. */
  | { kind: 'miss'; similarity?: number; guard?: SemanticCacheGuardName };

export interface SemanticCacheStats {
  hits: number;
  misses: number;
  /** Candidates refused, by guard. */
  guarded: Record<SemanticCacheGuardName, number>;
  evicted: number;
  expired: number;
}

interface Entry {
  scope: string;
  text: string;
  answer: string;
  expiresAt: number;
  facts: Map<SemanticCacheGuardName, unknown>;
}

export class SemanticCache {
  readonly stats: SemanticCacheStats = {
    hits: 0,
    misses: 0,
    guarded: { negation: 0, numbers: 0, dates: 0, entities: 0, 'output-form': 0, 'content-words': 0 },
    evicted: 0,
    expired: 0,
  };
  private readonly embed: EmbedText;
  private readonly threshold: number;
  private readonly guards: readonly SemanticCacheGuardName[];
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly candidates: number;
  private readonly now: () => number;
  private readonly index: LshIndex;
  /** Insertion order is recency order: a hit moves its entry to the end. */
  private readonly entries = new Map<number, Entry>();

  constructor(options: SemanticCacheOptions = {}) {
    const { dimension = 256 } = options;
    this.embed = options.embed ?? createHashedEmbedder({ dimension });
    this.threshold = options.threshold ?? 0.9;
    this.guards = options.guards ?? ['negation', 'numbers', 'dates', 'entities', 'output-form'];
    this.ttlMs = options.ttlMs ?? 3_600_000;
    this.maxEntries = options.maxEntries ?? 100_000;
    this.candidates = options.candidates ?? 4;
    this.now = options.now ?? Date.now;
    this.index = new LshIndex({
      dimension,
      tables: options.tables,
      bits: options.bits,
      multiProbe: options.multiProbe,
      pairedTables: options.pairedTables,
    });
  }

  get size(): number {
    return this.entries.size;
  }

  lookup(scope: string, text: string, options: LookupOptions = {}): LookupResult {
    const threshold = options.threshold ?? this.threshold;
    const guards = options.guards ?? this.guards;
    const matches = this.index.search(scopeHash(scope), this.embed(text), threshold, this.candidates);
    let refusedBy: SemanticCacheGuardName | undefined;
    let tokens: ReturnType<typeof promptTokens> | undefined;
    const asked = new Map<SemanticCacheGuardName, unknown>();
    const now = this.now();
    for (const match of matches) {
      const entry = this.entries.get(match.id);
      if (!entry || entry.scope !== scope) continue;
      if (entry.expiresAt <= now) {
        this.delete(match.id);
        this.stats.expired++;
        continue;
      }
      tokens ??= promptTokens(text);
      const refusal = this.firstConflict(guards, tokens, text, asked, entry);
      if (refusal) {
        refusedBy ??= refusal;
        this.stats.guarded[refusal]++;
        continue;
      }
      this.entries.delete(match.id);
      this.entries.set(match.id, entry);
      this.stats.hits++;
      return { kind: 'hit', answer: entry.answer, similarity: match.similarity, cachedText: entry.text };
    }
    this.stats.misses++;
    return { kind: 'miss', similarity: matches[0]?.similarity, guard: refusedBy };
  }

  store(scope: string, text: string, answer: string): void {
    const tokens = promptTokens(text);
    const facts = new Map<SemanticCacheGuardName, unknown>();
    for (const name of Object.keys(falseHitGuards) as SemanticCacheGuardName[])
      facts.set(name, falseHitGuards[name].facts(tokens, text));
    const id = this.index.add(scopeHash(scope), this.embed(text));
    this.entries.set(id, { scope, text, answer, expiresAt: this.now() + this.ttlMs, facts });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as number;
      this.delete(oldest);
      this.stats.evicted++;
    }
  }

  /**
   * The candidates a lookup would weigh, with the guard that refuses each (or none), without
   * serving anything: for tuning thresholds and explaining a miss.
   */
  inspect(
    scope: string,
    text: string,
    options: LookupOptions & { limit?: number } = {},
  ): { text: string; similarity: number; refusedBy: SemanticCacheGuardName | undefined }[] {
    const threshold = options.threshold ?? this.threshold;
    const guards = options.guards ?? this.guards;
    const tokens = promptTokens(text);
    const asked = new Map<SemanticCacheGuardName, unknown>();
    const matches = this.index.search(
      scopeHash(scope),
      this.embed(text),
      threshold,
      options.limit ?? this.candidates,
    );
    return matches.flatMap((match) => {
      const entry = this.entries.get(match.id);
      if (!entry || entry.scope !== scope) return [];
      const refusedBy = this.firstConflict(guards, tokens, text, asked, entry);
      return [{ text: entry.text, similarity: match.similarity, refusedBy }];
    });
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

  private firstConflict(
    guards: readonly SemanticCacheGuardName[],
    tokens: ReturnType<typeof promptTokens>,
    text: string,
    asked: Map<SemanticCacheGuardName, unknown>,
    entry: Entry,
  ): SemanticCacheGuardName | undefined {
    for (const name of guards) {
      const guard: FalseHitGuard = falseHitGuards[name];
      let facts = asked.get(name);
      if (facts === undefined) {
        facts = guard.facts(tokens, text);
        asked.set(name, facts);
      }
      if (guard.conflicts(facts, entry.facts.get(name))) return name;
    }
    return undefined;
  }

  private delete(id: number): void {
    this.entries.delete(id);
    this.index.remove(id);
  }
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
