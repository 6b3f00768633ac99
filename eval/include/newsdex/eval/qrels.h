// newsdex/eval/qrels.h — relevance judgments in TREC "qrels" form.
#pragma once

#include <iosfwd>
#include <map>
#include <string>
#include <unordered_map>

#include "newsdex/eval/queries.h"

namespace newsdex::eval {

/// The judged documents of one query: document id -> relevance grade.
/// A grade > 0 means relevant (higher is more relevant: nDCG uses the grade as
/// the gain); 0 means judged not relevant; negative grades are kept but count
/// as not relevant, as in trec_eval.
using Judgments = std::unordered_map<std::string, int>;

/// Judgments of every judged query, by query id.
using Qrels = std::map<std::string, Judgments, QueryIdLess>;

/// Number of relevant documents (grade > 0) in `judgments`.
std::size_t relevant_count(const Judgments& judgments);

/// Reads TREC qrels: one judgment per line, `qid iteration docid grade`,
/// fields separated by white space. The iteration field is ignored (it is
/// "0" in practice); grade is an integer. Blank lines are skipped.
/// @throws InputError naming `path:line` for a line without exactly four
///         fields, a grade that is not an integer, or a document judged twice
///         for the same query (trec_eval rejects those too); and (line 0) when
///         the file cannot be opened or read
Qrels read_qrels(const std::string& path);

/// As above, from a stream; `name` is used in error messages.
Qrels read_qrels(std::istream& in, const std::string& name);

}  // namespace newsdex::eval
