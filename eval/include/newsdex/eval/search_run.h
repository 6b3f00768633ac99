// newsdex/eval/search_run.h — produces a run by searching a newsdex index
// with every query of a test collection.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "newsdex/eval/qrels.h"
#include "newsdex/eval/queries.h"
#include "newsdex/eval/run.h"
#include "newsdex/searcher/searcher.h"

namespace newsdex::eval {

/// How queries are run.
struct SearchRunOptions {
  /// Results kept per query (the run's depth). Default 1000, which is what
  /// Recall@1000 and MAP need.
  std::uint32_t depth = 1000;
  /// Language whose stemmer applies to query words (ISO 639-1); empty: the
  /// analyzer's default ("en"). Default empty.
  std::string language;
  /// Pseudo-relevance feedback (SearchRequest::expand): on by default, as
  /// for every natural-language query.
  bool expand = true;
  /// Its settings (SearchRequest::expansion).
  searcher::QueryExpansion expansion;
};

/// A run and what the searcher had to say about its queries.
struct SearchRun {
  /// Every query, by id, with up to `depth` results (possibly none).
  Run run;
  /// Queries whose text the searcher repaired or partly ignored, with its
  /// warnings in words, by query id; also queries that could not be run at
  /// all (their results are then empty). Only queries with warnings appear.
  std::map<std::string, std::vector<std::string>, QueryIdLess> warnings;
};

/// Runs every query through `searcher` as a natural-language query: words
/// OR-ed (any word may match, more matching words rank higher), ranked by
/// relevance, no snippets, no spelling suggestions. The text is passed
/// unchanged: the searcher repairs malformed syntax (stray brackets, quotes,
/// question marks) itself, and a query it reports a warning for, or even
/// rejects with QueryError, is recorded in `warnings` instead of stopping
/// the run. Each hit contributes its id and BM25 score.
/// @throws ConfigError if options.depth is 0 or the language is unknown
/// @throws IndexError if the index cannot be read
SearchRun search_queries(searcher::Searcher& searcher, const std::vector<Query>& queries,
                         const SearchRunOptions& options = {});

/// Ids of the queries in `qrels` with at least one relevant document that
/// are not in `queries`: they will score 0, which usually means the two
/// files do not belong together. In QueryIdLess order.
std::vector<std::string> judged_but_not_queried(const std::vector<Query>& queries,
                                                const Qrels& qrels);

}  // namespace newsdex::eval
