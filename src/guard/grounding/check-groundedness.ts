// Groundedness of an answer against its sources: which claims the cited sources do not support.
// With a judge model the judge decides (one call for all claims, within a time budget); without one,
// or when the judge fails or is slow, the lexical check decides (or the failure is raised, if asked).
import { GantryError } from '../../errors/index.js';
import { type GroundednessJudge, judgeClaims, judgeModelOf } from './judge-support.js';
import { type IndexedPassage, indexPassage, lexicalSupport } from './lexical-support.js';
import { type Claim, splitClaims } from './split-claims.js';

/** The unsupported-score threshold of the lexical check, chosen on the validation split (docs/guard.md). */
export const defaultLexicalThreshold = 0.35;

export interface GroundednessOptions {
  /** Unsupported-score at or above which the lexical check flags a claim (default: the validated one). */
  threshold?: number;
  /** Claims with fewer words are not checked (default 4). */
  minimumWords?: number;
}

export interface AsyncGroundednessOptions extends GroundednessOptions {
  judge?: GroundednessJudge;
  /** Time budget of the judge call (default 10 s). */
  judgeTimeoutMs?: number;
  /** When the judge fails or runs over its budget: `lexical` (default) decides with the lexical check. */
  onJudgeFailure?: 'lexical' | 'throw';
  signal?: AbortSignal;
}

export interface ClaimVerdict extends Claim {
  supported: boolean;
  /** 0..1: how unsupported (the judge gives 0 or 1). */
  score: number;
  method: 'judge' | 'lexical';
  /** The source number (1-based) that supports it best (lexical check); undefined when none. */
  source?: number;
  reasons: string[];
}

export interface GroundednessReport {
  claims: ClaimVerdict[];
  unsupported: ClaimVerdict[];
  /** True when every checked claim is supported. */
  grounded: boolean;
  method: 'judge' | 'lexical' | 'none';
  /** Why the judge was not used, when one was configured. */
  judgeError?: string;
}

/** The passages a claim is checked against: those it cites, or all of them when it cites none. */
function passagesFor(claim: Claim, count: number): { numbers: number[]; invalid: number[] } {
  if (claim.citations.length === 0)
    return { numbers: Array.from({ length: count }, (_, i) => i + 1), invalid: [] };
  const numbers = claim.citations.filter((n) => n >= 1 && n <= count);
  return { numbers, invalid: claim.citations.filter((n) => n < 1 || n > count) };
}

function validateSources(sources: readonly string[]): void {
  if (!Array.isArray(sources) || sources.some((s) => typeof s !== 'string')) {
    throw new GantryError(
      'GUARD_GROUNDEDNESS_SOURCES_INVALID',
      'The groundedness check needs its sources as an array of strings.',
      {
        hint: 'Pass the passages the answer cites, numbered from 1 in the order of its [n] citations.',
      },
    );
  }
}

function lexicalVerdicts(claims: Claim[], indexed: IndexedPassage[], threshold: number): ClaimVerdict[] {
  return claims.map((claim) => {
    const { numbers, invalid } = passagesFor(claim, indexed.length);
    if (numbers.length === 0) {
      return {
        ...claim,
        supported: false,
        score: 1,
        method: 'lexical',
        reasons: [`cites missing source ${invalid.join(',')}`],
      };
    }
    const support = lexicalSupport(
      claim.text,
      numbers.map((n) => indexed[n - 1]),
    );
    const supported = support.unsupported < threshold;
    return {
      ...claim,
      supported,
      score: Math.round(support.unsupported * 1000) / 1000,
      method: 'lexical',
      source: support.passage >= 0 ? numbers[support.passage] : undefined,
      reasons: supported ? [] : support.reasons,
    };
  });
}

function report(
  claims: ClaimVerdict[],
  method: GroundednessReport['method'],
  judgeError?: string,
): GroundednessReport {
  const unsupported = claims.filter((c) => !c.supported);
  return {
    claims,
    unsupported,
    grounded: unsupported.length === 0,
    method: claims.length ? method : 'none',
    ...(judgeError ? { judgeError } : {}),
  };
}

/** The lexical check alone: synchronous, microseconds per claim (what the policy scanner runs). */
export function checkGroundednessLexical(
  answer: string,
  sources: readonly string[],
  options: GroundednessOptions = {},
): GroundednessReport {
  validateSources(sources);
  const { threshold = defaultLexicalThreshold, minimumWords } = options;
  const claims = splitClaims(answer, { minimumWords });
  return report(lexicalVerdicts(claims, sources.map(indexPassage), threshold), 'lexical');
}

/** The judge when configured (falling back to the lexical check by default), else the lexical check. */
export async function checkGroundedness(
  answer: string,
  sources: readonly string[],
  options: AsyncGroundednessOptions = {},
): Promise<GroundednessReport> {
  if (!options.judge) return checkGroundednessLexical(answer, sources, options);
  validateSources(sources);
  const model = judgeModelOf(options.judge);
  const {
    threshold = defaultLexicalThreshold,
    minimumWords,
    judgeTimeoutMs = 10_000,
    onJudgeFailure = 'lexical',
  } = options;
  const claims = splitClaims(answer, { minimumWords });
  if (claims.length === 0) return report([], 'judge');
  let verdicts: Map<number, boolean>;
  try {
    verdicts = await judgeClaims(
      model,
      claims.map((c) => c.text),
      sources,
      { timeoutMs: judgeTimeoutMs, signal: options.signal },
    );
  } catch (error) {
    if (onJudgeFailure === 'throw' || options.signal?.aborted) throw error;
    const lexical = lexicalVerdicts(claims, sources.map(indexPassage), threshold);
    return report(lexical, 'lexical', (error as Error).message);
  }
  // Claims the judge skipped are decided lexically.
  const lexical = lexicalVerdicts(claims, sources.map(indexPassage), threshold);
  const merged = claims.map((claim, i): ClaimVerdict => {
    const verdict = verdicts.get(i + 1);
    if (verdict === undefined) return lexical[i];
    return {
      ...claim,
      supported: verdict,
      score: verdict ? 0 : 1,
      method: 'judge',
      source: lexical[i].source,
      reasons: verdict ? [] : ['judge'],
    };
  });
  return report(merged, 'judge');
}
