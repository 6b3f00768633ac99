// newsdex/eval/run.h — a "run": the ranked results of a system for every
// query, and its TREC file form `qid Q0 docid rank score tag`.
#pragma once

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "newsdex/eval/queries.h"

namespace newsdex::eval {

/// One retrieved document and the score the system gave it.
struct ScoredDoc {
  std::string id;
  double score = 0;

  friend bool operator==(const ScoredDoc& a, const ScoredDoc& b) {
    return a.id == b.id && a.score == b.score;
  }
};

/// Retrieved documents of each query, by query id. The order inside a query
/// does not matter for scoring: like trec_eval, the metrics rank by score
/// (see sort_like_trec_eval). A query may be present with no documents.
using Run = std::map<std::string, std::vector<ScoredDoc>, QueryIdLess>;

/// Sorts `docs` the way trec_eval ranks a run: score descending, equal
/// scores by document id descending (byte-wise string comparison). The
/// rank column of a run file is ignored by trec_eval, and so here.
void sort_like_trec_eval(std::vector<ScoredDoc>& docs);

/// Reads a TREC run file: `qid Q0 docid rank score tag` per line, six fields
/// separated by white space. Only qid, docid and score are used (the rank,
/// Q0 and tag columns are ignored, as trec_eval does); score is a finite
/// number. Blank lines are skipped.
/// @throws InputError naming `path:line` for a line without six fields, a
///         score that is not a finite number, or a document listed twice for
///         the same query (trec_eval rejects those too); and (line 0) when the
///         file cannot be opened or read
Run read_run(const std::string& path);

/// As above, from a stream; `name` is used in error messages.
Run read_run(std::istream& in, const std::string& name);

/// Writes `run` as a TREC run file: queries in QueryIdLess order, each
/// query's documents in sort_like_trec_eval order with ranks 1, 2, ... (so
/// the rank column agrees with the order trec_eval will use), scores in
/// the shortest form that reads back to the same double (so re-reading the
/// file scores exactly like the run in memory).
/// @param tag the run's name, last column of every line: non-empty, no
///        white space
/// @throws ConfigError for an invalid tag
/// @throws Error if the stream or file cannot be written
void write_run(std::ostream& out, const Run& run, const std::string& tag);

/// As above, into the file `path` (created or replaced).
void write_run(const std::string& path, const Run& run, const std::string& tag);

}  // namespace newsdex::eval
