// query_builder.h (internal) — from a SearchRequest to a Xapian::Query.
//
// The request's query is parsed into a QueryNode tree (query_parser.h); the
// tree's words go through the same Analyzer the indexer used, so a query word
// always meets the term it was indexed as ("Z" + field prefix + stem, with
// positions: schema.h), and the tree becomes a Xapian::Query directly.
// Words (and runs of words) with synonyms stored in the index become
// OP_SYNONYM of their group here, in the client, because remote shards
// ignore Xapian's synonym table (docs/news.md).
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "newsdex/common/analyzer.h"
#include "newsdex/searcher/request.h"
#include "newsdex/searcher/result.h"

namespace newsdex::searcher {

/// A word of the query as a text's words are matched against it, for
/// highlighting titles and choosing snippets.
struct HighlightTerm {
  std::string stem;         ///< the analyser's stem, without any field prefix
  std::string xapian_term;  ///< the term searched (for its weight); empty for a wildcard
  bool is_prefix = false;   ///< a wildcard: any stem that starts with `stem`
};

/// A parsed query and what was repaired on the way.
struct BuiltQuery {
  Xapian::Query query;  ///< MatchAll for an empty query
  /// `query` before the request's filters, since and until: what query
  /// expansion widens (query_expansion.h).
  Xapian::Query text;
  /// The request's filters, since and until (empty: none); `query` is
  /// `text` filtered by them.
  Xapian::Query filter;
  std::string language;                ///< language whose stemmer the words went through
  std::vector<QueryWarning> warnings;  ///< repairs, in query order
  std::string suggestion;              ///< spelling-corrected query, or empty
  /// The words that titles and snippets highlight: those the query looks
  /// for (not those it excludes), in query order.
  std::vector<HighlightTerm> highlight_terms;
  /// Han and kana words of the query of more than one character, as the
  /// user wrote them (the analyser may have split them into characters).
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
