// newsdex/eval/metrics.h — ranking-quality metrics with trec_eval's
// definitions, so numbers compare with published results and with
// `trec_eval -c -m map -m ndcg_cut.10 -m P.10 -m recall.100,1000`.
//
// Definitions (docs/eval.md has worked examples). For one query with R
// relevant documents in the qrels (grade > 0), ranking its results by
// sort_like_trec_eval:
//   AP          sum over relevant retrieved docs of (precision at its rank),
//               divided by R (relevant docs never retrieved count as 0);
//   nDCG@10     DCG of the top 10 / DCG of the ideal top 10, where
//               DCG = sum of grade / log2(rank + 1) and the ideal ranking
//               lists the qrels' positive grades in decreasing order;
//   P@10        relevant docs in the top 10, divided by 10 (even when fewer
//               than 10 were retrieved);
//   Recall@k    relevant docs in the top k, divided by R (k = 100, 1000).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "newsdex/eval/qrels.h"
#include "newsdex/eval/run.h"

namespace newsdex::eval {

/// The metrics of one query, or their means over queries. All in [0, 1].
struct Metrics {
  double ap = 0;  ///< average precision (its mean is MAP)
  double ndcg_at_10 = 0;
  double p_at_10 = 0;
  double recall_at_100 = 0;
  double recall_at_1000 = 0;
};

/// Scores one query's results against its judgments. `results` may be in any
/// order (they are ranked by sort_like_trec_eval) and may be empty (all
/// metrics 0). Documents missing from `judgments` are not relevant.
/// Returns all zeros when `judgments` has no relevant document.
/// @throws ConfigError if a document id appears twice in `results`
Metrics score_query(std::vector<ScoredDoc> results, const Judgments& judgments);

/// Per-query metrics and their means.
struct Evaluation {
  /// Every query of the qrels with at least one relevant document, by id.
  std::map<std::string, Metrics, QueryIdLess> per_query;
  /// Arithmetic means over per_query (all zeros when it is empty).
  Metrics mean;

  /// Number of queries averaged.
  std::size_t queries() const noexcept { return per_query.size(); }
};

/// Scores `run` against `qrels`. Averages over every query of `qrels` that
/// has at least one relevant document; such a query with no results in
/// `run` scores 0 (trec_eval's -c). Queries of `run` absent from `qrels`,
/// and queries whose judgments are all non-relevant, are not scored.
/// @throws ConfigError if a query of `run` lists a document twice
Evaluation evaluate(const Run& run, const Qrels& qrels);

}  // namespace newsdex::eval
