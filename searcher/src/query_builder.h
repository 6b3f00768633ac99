// query_builder.h (internal) — from a SearchRequest to a Xapian::Query.
//
// The request's query is parsed into a QueryNode tree (query_parser.h); the
// tree's words go through the same Analyzer the indexer used, so a query word
// always meets the term it was indexed as ("Z" + field prefix + stem, with
// positions: schema.h), and the tree becomes a Xapian::Query directly.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "newsdex/common/analyzer.h"
#include "newsdex/searcher/request.h"
#include "newsdex/searcher/result.h"

namespace newsdex::searcher {

/// A parsed query and what was repaired on the way.
struct BuiltQuery {
  Xapian::Query query;                 ///< MatchAll for an empty query
  std::string language;                ///< language whose stemmer the words went through
  std::vector<QueryWarning> warnings;  ///< repairs, in query order
  std::string suggestion;              ///< spelling-corrected query, or empty
  /// The query without the request's filters: what titles and snippets
  /// highlight (its filter terms are skipped by their prefixes).
  Xapian::Query words_query;
  /// Han and kana words of the query of more than one character.
  std::vector<std::string> cjk_words;
  bool has_words = false;  ///< the query has words to rank by
};

/// Builds queries for one Searcher. Not thread-safe (it holds an Analyzer
/// reference and reusable buffers).
class QueryBuilder {
 public:
  explicit QueryBuilder(Analyzer& analyzer) : analyzer_(analyzer) {}

  /// @throws ConfigError for an invalid filter, since or until in `request`
  BuiltQuery build(const Xapian::Database& db, const SearchRequest& request);

 private:
  Analyzer& analyzer_;
};

}  // namespace newsdex::searcher
