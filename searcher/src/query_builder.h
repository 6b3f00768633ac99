// query_builder.h (internal) — from a SearchRequest to a Xapian::Query.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsdex/common/analyzer.h"
#include "newsdex/searcher/request.h"

namespace newsdex::searcher {

/// A parsed query and what was repaired on the way.
struct BuiltQuery {
  Xapian::Query query;                ///< MatchAll for an empty query
  Xapian::Stem stemmer;               ///< the stemmer used (for snippets)
  std::string language;               ///< stemmer language actually used
  std::vector<std::string> warnings;  ///< repairs, in words
  std::string suggestion;             ///< spelling-corrected query, or empty
  /// The words of the query (no filters, no highlighting helpers): what
  /// titles and snippets highlight.
  Xapian::Query words_query;
  /// Han and kana words of the query of more than one character.
  std::vector<std::string> cjk_words;
  bool has_words = false;  ///< the query has words to rank by
};

/// Parses queries with Xapian's QueryParser after putting their words
/// through the Analyzer (see query_rewriter.h), and adds the request's
/// filters. Holds the field processors QueryParser borrows. Not thread-safe.
class QueryBuilder {
 public:
  explicit QueryBuilder(Analyzer& analyzer);
  ~QueryBuilder();
  QueryBuilder(const QueryBuilder&) = delete;
  QueryBuilder& operator=(const QueryBuilder&) = delete;

  /// @throws ConfigError for an invalid filter, since or until in `request`
  BuiltQuery build(const Xapian::Database& db, const SearchRequest& request);

 private:
  Xapian::Query parse(const Xapian::Database& db, const SearchRequest& request, BuiltQuery& built);
  Xapian::Query filters(const SearchRequest& request) const;
  const Xapian::Stopper* stopper_for(const std::string& language);

  Analyzer& analyzer_;
  // Owned here and lent to each QueryParser, which only borrows them.
  std::vector<std::pair<std::string, std::unique_ptr<Xapian::FieldProcessor>>> field_processors_;
  // Stopword lists by language, built on first use and lent to QueryParser.
  std::map<std::string, std::unique_ptr<Xapian::SimpleStopper>, std::less<>> stoppers_;
  // Where the date field processor reports a bad date during a parse.
  std::vector<std::string> parse_warnings_;
};

}  // namespace newsdex::searcher
