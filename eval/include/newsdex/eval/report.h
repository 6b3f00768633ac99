// newsdex/eval/report.h — an Evaluation as a text table or as JSON
// (the output of newsdex-eval; formats in docs/eval.md).
#pragma once

#include <iosfwd>
#include <string>

#include "newsdex/eval/metrics.h"

namespace newsdex::eval {

/// Writes a table: a header, one row per query (id and its five metrics,
/// 4 decimals) unless `summary_only`, then the "all" row with the means and
/// the number of queries averaged.
void print_table(std::ostream& out, const Evaluation& evaluation, bool summary_only = false);

/// Serialises `evaluation` as one JSON object:
/// {"queries": N, "map": x, "ndcg@10": x, "p@10": x, "recall@100": x,
///  "recall@1000": x, "per_query": {"qid": {"map": x, ...}, ...}}
/// with full double precision; "per_query" is left out when `summary_only`.
/// `indent` < 0 gives a single line.
std::string to_json(const Evaluation& evaluation, bool summary_only = false, int indent = -1);

}  // namespace newsdex::eval
