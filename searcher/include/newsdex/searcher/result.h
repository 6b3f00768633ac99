// newsdex/searcher/result.h — what a search returns: plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/common/article.h"

namespace newsdex::searcher {

/// A highlighted range [start, end) in UTF-8 bytes of the text it belongs to.
struct Span {
  std::uint32_t start = 0;
  std::uint32_t end = 0;

  friend bool operator==(const Span& a, const Span& b) {
    return a.start == b.start && a.end == b.end;
  }
};

/// Text with the words that matched the query marked.
struct HighlightedText {
  std::string text;              ///< plain text (no markup)
  std::vector<Span> highlights;  ///< matched words, in order, not overlapping
};

/// One matching article.
struct Hit {
  std::uint32_t rank = 0;  ///< 1-based rank in the whole result list
  double score = 0;        ///< BM25 relevance (0 when sorting ignores relevance)
  std::string id;
  std::string source;
  std::string url;
  std::string language;
  std::optional<Timestamp> published;
  std::vector<std::string> authors;
  std::vector<std::string> topics;
  std::vector<std::string> places;
  HighlightedText title;    ///< the full title, query words highlighted
  HighlightedText snippet;  ///< a passage of the body around the best matches
  /// Duplicate cluster key: equal for the copies of one story; empty for
  /// an article without a copy.
  std::string cluster;
  /// Other matching articles folded into this one (0 when not collapsing).
  /// A lower bound: Xapian stops counting once the page is certain.
  std::uint32_t duplicates = 0;
  /// Distinct sources of some folded copies, when asked for
  /// (SearchRequest::similar_sources).
  std::vector<std::string> similar_sources;
};

/// One value of a facet and how many matching articles have it.
struct FacetValue {
  std::string value;  ///< as indexed ("Global Wire"); dates as "2024", "2024-03", "2024-03-01"
  std::uint64_t count = 0;
};

/// Counts of one field over all matching articles.
struct Facet {
  std::string name;                ///< as requested: "source", "date:month", ...
  std::vector<FacetValue> values;  ///< by count (dates: by date), cut to the limit
  /// Number of distinct values before the limit was applied.
  std::uint64_t distinct_values = 0;
  /// False when there were too many matches to count them all: the counts
  /// are then a sample's, scaled to be an estimate.
  bool exact = true;
};

/// What kind of repair a query needed (docs/query-syntax.md, "Repairs").
enum class QueryWarningCode {
  kUnbalancedQuote,      ///< a phrase was closed at the end of the query
  kUnclosedBracket,      ///< a '(' was closed at the end of the query
  kUnmatchedBracket,     ///< a ')' without its '(' was ignored
  kEmptyBrackets,        ///< "()" was ignored
  kMissingOperand,       ///< AND, OR, XOR, NEAR, ADJ or NOT lacked a term and was ignored
  kProximityNeedsWords,  ///< NEAR or ADJ stood next to something other than a word
  kUnknownField,         ///< `name:` of no field: the name was ignored
  kEmptyField,           ///< `field:` with nothing after it was ignored
  kDefaultFieldName,     ///< `body:` searches title and body together
  kEmptyPhrase,          ///< a phrase with nothing searchable was ignored
  kInvalidDate,          ///< a `date:` filter that is no period was ignored
  kNoStemmer,            ///< the query language has no stemmer: words match as written
};

/// The code's stable name, as in JSON output: "unbalanced_quote", ...
std::string_view query_warning_code_name(QueryWarningCode code);

/// One thing the searcher repaired or ignored in a query.
struct QueryWarning {
  QueryWarningCode code = QueryWarningCode::kUnknownField;
  /// The part of the query it concerns, as written ("colour:", "(chip").
  std::string fragment;
  /// What happened, in words, for people.
  std::string message;

  friend bool operator==(const QueryWarning& a, const QueryWarning& b) {
    return a.code == b.code && a.fragment == b.fragment && a.message == b.message;
  }
};

/// The outcome of one search.
/// How the freshness boost of a search was applied (see Freshness).
struct AppliedFreshness {
  double half_life_days = 0;
  std::string now;       ///< the reference day, "YYYY-MM-DD"
  double max_boost = 0;  ///< the boost of an article from `now`, in score units
};

struct SearchResult {
  std::string query;  ///< the query as given
  /// The article whose related articles these are (Searcher::related),
  /// else empty.
  std::string like;
  /// What ordered the hits: "relevance", "fresh" (relevance blended with
  /// recency), "newest" or "oldest" (also a query without words, which
  /// lists the newest articles).
  std::string ranking;
  /// Set when `ranking` is "fresh".
  std::optional<AppliedFreshness> freshness;
  std::vector<Hit> hits;
  /// Number of matching articles: an estimate between the bounds, equal to
  /// both when `total_exact`.
  std::uint64_t total_estimate = 0;
  std::uint64_t total_lower_bound = 0;
  std::uint64_t total_upper_bound = 0;
  bool total_exact = false;
  /// Whether copies of a story were folded (SearchRequest::collapse): the
  /// totals above then count stories, and those below count articles.
  bool collapsed = false;
  /// Number of matching articles, every copy counted (equal to the totals
  /// above when not collapsing): an estimate and its bounds.
  std::uint64_t articles_estimate = 0;
  std::uint64_t articles_lower_bound = 0;
  std::uint64_t articles_upper_bound = 0;
  /// Facets in the order requested. They count articles (every copy),
  /// whether or not the hits are collapsed.
  std::vector<Facet> facets;
  /// A corrected query when some words look misspelt ("did you mean"), else
  /// empty.
  std::string suggestion;
  /// Words the search used that the query did not have, as stems, best
  /// first: those query expansion added (SearchRequest::expand), or the
  /// article's distinctive words for Searcher::related. Empty otherwise.
  std::vector<std::string> expansion_terms;
  /// Things the searcher ignored or repaired in the query, in query order.
  std::vector<QueryWarning> warnings;
  /// Seconds spent in the search, for display.
  double seconds = 0;
  /// Sharded index searched with SearcherOptions::allow_partial: true when
  /// some shards did not answer, so the hits, totals and facets come from
  /// the others only; `missing_shards` names them (HOST:PORT, or the path).
  bool partial = false;
  std::vector<std::string> missing_shards;
};

}  // namespace newsdex::searcher
