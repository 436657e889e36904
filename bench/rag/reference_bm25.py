#!/usr/bin/env python3
"""Reference BM25 and trec_eval-style metrics, written independently of the TypeScript code.

Reads analysed documents and queries (JSON from quality.ts: the same analyzer's terms, so that only
the index, the scoring and the metrics are compared), scores every document for every query by brute
force with the textbook Lucene BM25 formula, and prints the mean metrics as JSON.
"""
import json
import math
import sys
from collections import Counter


def bm25_rankings(docs, queries, k1, b, depth):
    n = len(docs)
    tfs = {doc_id: Counter(terms) for doc_id, terms in docs}
    lengths = {doc_id: len(terms) for doc_id, terms in docs}
    avgdl = sum(lengths.values()) / n
    df = Counter()
    for counts in tfs.values():
        df.update(counts.keys())
    rankings = {}
    for qid, terms in queries:
        scores = {}
        for term, qtf in Counter(terms).items():
            if term not in df:
                continue
            idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
            for doc_id, counts in tfs.items():
                tf = counts.get(term, 0)
                if tf == 0:
                    continue
                norm = k1 * (1 - b + b * lengths[doc_id] / avgdl)
                scores[doc_id] = scores.get(doc_id, 0.0) + qtf * idf * tf / (tf + norm)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:depth]
        rankings[qid] = ranked
    return rankings


def metrics(ranking, judged):
    ids = [doc_id for doc_id, _ in ranking]
    relevant = {d for d, g in judged.items() if g > 0}
    dcg = sum(judged.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ids[:10]) if judged.get(d, 0) > 0)
    ideal = sorted((g for g in judged.values() if g > 0), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    hits, ap = 0, 0.0
    for i, d in enumerate(ids):
        if d in relevant:
            hits += 1
            ap += hits / (i + 1)
    rr = next((1 / (i + 1) for i, d in enumerate(ids[:10]) if d in relevant), 0.0)
    return {
        "ndcgAt10": dcg / idcg if idcg else 0.0,
        "recallAt100": len(relevant & set(ids[:100])) / len(relevant) if relevant else 0.0,
        "mrrAt10": rr,
        "map": ap / len(relevant) if relevant else 0.0,
    }


def main():
    data = json.load(sys.stdin)
    rankings = bm25_rankings(data["documents"], data["queries"], data["k1"], data["b"], data["depth"])
    per_query = [metrics(rankings[qid], data["qrels"][qid]) for qid, _ in data["queries"]]
    mean = {key: sum(m[key] for m in per_query) / len(per_query) for key in per_query[0]}
    top = {qid: [[d, s] for d, s in rankings[qid][:10]] for qid, _ in data["queries"]}
    json.dump({"mean": mean, "top": top}, sys.stdout)


if __name__ == "__main__":
    main()
