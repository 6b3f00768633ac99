// query_builder.h (internal) — from a user's query string to a Xapian::Query.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsdex/common/analyzer.h"

namespace newsdex::searcher {

/// A parsed query and what was repaired on the way.
struct BuiltQuery {
  Xapian::Query query;                ///< MatchAll for an empty query
  Xapian::Stem stemmer;               ///< the stemmer used (for snippets)
  std::string language;               ///< stemmer language actually used
  std::vector<std::string> warnings;  ///< repairs, in words
  bool match_all = false;             ///< the query had no search terms
};

/// Parses query strings with Xapian's QueryParser after putting their words
/// through the Analyzer (see query_rewriter.h). Not thread-safe.
class QueryBuilder {
 public:
  explicit QueryBuilder(Analyzer& analyzer);
  ~QueryBuilder();
  QueryBuilder(const QueryBuilder&) = delete;
  QueryBuilder& operator=(const QueryBuilder&) = delete;

  /// @param language stemming language; empty = the analyzer's default
  BuiltQuery build(const Xapian::Database& db, std::string_view query, std::string_view language);

 private:
  Analyzer& analyzer_;
  // Owned here and lent to each QueryParser, which only borrows them.
  std::vector<std::pair<std::string, std::unique_ptr<Xapian::FieldProcessor>>> field_processors_;
};

}  // namespace newsdex::searcher
