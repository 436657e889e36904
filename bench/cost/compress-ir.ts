// Prompt shrinking on shared IR collections (Cranfield, MED): for each judged query the context is
// its top 10 documents by a term-overlap ranking (a stand-in for retrieval). Compression must keep the
// evidence: judged-relevant documents in the context with at least one sentence kept, and the share of
// kept tokens that come from relevant documents. Compared with truncation at the same token target.
//   node bin/run-ts.js bench/cost/compress-ir.ts
import { compressContext, reorderForLongContext, splitSentences } from '../../src/cost/index.js';
import { countTokens } from '../../src/model/index.js';
import { documentContents, loadTestCollection } from '../../src/rag/index.js';

const topK = 10;
const ratios = [0.5, 0.25];
const lines: string[] = [];
const started = performance.now();

for (const name of ['med', 'cranfield']) {
  const collection = loadTestCollection(name);
  const texts = collection.documents.map(documentContents);
  const docTerms = texts.map((t) => new Set(t.toLowerCase().match(/[a-z0-9]+/g) ?? []));
  const df = new Map<string, number>();
  for (const set of docTerms) for (const t of set) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log(1 + collection.documents.length / (1 + (df.get(t) ?? 0)));
  const stats = new Map<
    string,
    {
      queries: number;
      tokens: number;
      target: number;
      kept: number;
      relevant: number;
      share: number;
      baseShare: number;
    }
  >();
  let reorderEnds = 0;
  let rankEnds = 0;
  let relevantTotal = 0;
  for (const query of collection.judgedQueries) {
    const qTerms = new Set(query.text.toLowerCase().match(/[a-z0-9]+/g) ?? []);
    const ranked = texts
      .map((_, i) => {
        let score = 0;
        for (const t of qTerms) if (docTerms[i]?.has(t)) score += idf(t);
        return { i, score };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, topK);
    const judged = collection.qrels.get(query.id) ?? new Map();
    const isRelevant = ranked.map(({ i }) => (judged.get(collection.documents[i]?.id ?? '') ?? 0) > 0);
    const relevantCount = isRelevant.filter(Boolean).length;
    if (relevantCount === 0) continue;
    // Lost in the middle: relevant documents in the first or last 3 positions, before and after reordering.
    const ends = (flags: boolean[]) => flags.filter((f, p) => f && (p < 3 || p >= flags.length - 3)).length;
    rankEnds += ends(isRelevant);
    reorderEnds += ends(reorderForLongContext(isRelevant));
    relevantTotal += relevantCount;
    const passages = ranked.map(({ i }) => texts[i] as string);
    const original = countTokens(passages.join('\n\n'));
    for (const ratio of ratios) {
      const target = Math.floor(original * ratio);
      for (const method of ['compress', 'truncate'] as const) {
        const out =
          method === 'compress'
            ? compressContext({ question: query.text, passages, targetTokens: target })
            : truncate(passages, target);
        const relevantKept = out.sources.filter((s) => isRelevant[s]).length;
        const relevantTokens = out.sources.reduce(
          (sum, s, k) => sum + (isRelevant[s] ? countTokens(out.passages[k] as string) : 0),
          0,
        );
        const baseRelevant = passages.reduce((sum, p, k) => sum + (isRelevant[k] ? countTokens(p) : 0), 0);
        const key = `${method} ${ratio}`;
        const s = stats.get(key) ?? {
          queries: 0,
          tokens: 0,
          target: 0,
          kept: 0,
          relevant: 0,
          share: 0,
          baseShare: 0,
        };
        s.queries++;
        s.tokens += out.tokens / original;
        s.target += Number(out.tokens <= target);
        s.kept += relevantKept;
        s.relevant += relevantCount;
        s.share += out.tokens > 0 ? relevantTokens / out.tokens : 0;
        s.baseShare += baseRelevant / original;
        stats.set(key, s);
      }
    }
  }
  for (const [key, s] of stats) {
    lines.push(
      `${name.padEnd(9)} ${key.padEnd(14)} queries ${s.queries}  tokens kept ${pct(s.tokens / s.queries)}  within target ${pct(s.target / s.queries)}  relevant docs retained ${pct(s.kept / s.relevant)}  relevant share of tokens ${pct(s.share / s.queries)} (before ${pct(s.baseShare / s.queries)})`,
    );
  }
  lines.push(
    `${name.padEnd(9)} lost-in-the-middle: relevant docs in the first/last 3 of ${topK}: ranked ${pct(rankEnds / relevantTotal)}, reordered ${pct(reorderEnds / relevantTotal)}`,
  );
}
lines.push(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
process.stdout.write(`${lines.join('\n')}\n`);

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** The baseline: passages in rank order, sentence by sentence, until the target. */
function truncate(passages: string[], target: number) {
  const kept: string[] = [];
  const sources: number[] = [];
  let text = '';
  outer: for (let p = 0; p < passages.length; p++) {
    const sentences: string[] = [];
    for (const sentence of splitSentences(passages[p] as string)) {
      const next = [...kept, [...sentences, sentence].join(' ')].join('\n\n');
      if (countTokens(next) > target) {
        if (sentences.length > 0) {
          kept.push(sentences.join(' '));
          sources.push(p);
        }
        break outer;
      }
      sentences.push(sentence);
    }
    if (sentences.length > 0) {
      kept.push(sentences.join(' '));
      sources.push(p);
    }
  }
  text = kept.join('\n\n');
  return { passages: kept, sources, text, tokens: text ? countTokens(text) : 0 };
}
