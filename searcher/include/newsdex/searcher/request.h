// newsdex/searcher/request.h — what to search for and how to present it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsdex/common/fields.h"

namespace newsdex::searcher {

/// Order of the hits.
enum class SortOrder {
  kRelevance,  ///< best BM25 score first; equal scores newest first (default)
  kNewest,     ///< publication time, newest first; undated articles last
  kOldest,     ///< publication time, oldest first; undated articles last
};

/// Parses "relevance", "newest" or "oldest".
/// @throws ConfigError for anything else
SortOrder parse_sort_order(std::string_view name);

/// Freshness-aware ranking: relevance plus a boost that halves with every
/// `half_life_days` between an article's publication day and `now`
/// (docs/news.md has the formula and a worked example). The boost is
/// computed in the matcher, so paging and totals are those of the blended
/// order. It applies to relevance order only; newest and oldest ignore it.
struct Freshness {
  /// Days after which the boost has halved; must be > 0. Default 30.
  double half_life_days = 30;
  /// The reference date ages are counted from, in any form the indexer
  /// accepts for publication dates ("2024-03-01", "2024-03-01T09:30Z");
  /// only its UTC day counts. Empty: today (UTC).
  std::string now;
  /// The boost of an article published on `now`, as a fraction of the
  /// highest relevance score the query's words could give any article;
  /// must be >= 0. Default 0.25: freshness reorders articles of similar
  /// relevance but cannot lift a marginal match over a much better one.
  double max_boost = 0.25;

  /// @throws ConfigError for a half-life that is not > 0 (or not finite),
  /// a max_boost that is negative, or a `now` that is not a date
  void validate() const;
};

/// Pseudo-relevance feedback (docs/news.md, "Query expansion"): the query
/// is run once, its `documents` best matches are taken as relevant, and the
/// `terms` words that best tell them from the rest of the index (Xapian's
/// ESet) are added to the query at `weight` times their own BM25 weight.
/// Words of the query itself are not added again. The defaults are those
/// measured in docs/news.md.
struct QueryExpansion {
  /// Best matches taken as relevant; must be >= 1. Default 10.
  std::uint32_t documents = 10;
  /// Most words added; must be >= 1. Default 15.
  std::uint32_t terms = 15;
  /// Weight of an added word relative to a query word; must be above 0 and
  /// at most 1. Default 0.1.
  double weight = 0.1;

  /// @throws ConfigError for a value out of the ranges above
  void validate() const;
};

/// When a search adds words from its best matches (QueryExpansion).
enum class ExpandMode {
  /// Natural-language queries only (DefaultOperator::kOr), where expansion
  /// raised MAP on six of seven test collections (docs/news.md). Default.
  kAuto,
  kOn,   ///< every query with words, in relevance order
  kOff,  ///< never
};

/// How words without an operator between them combine.
enum class DefaultOperator {
  kAnd,  ///< every word must match (default: what people expect of a search box)
  kOr,   ///< any word may match, more matches rank higher (natural-language queries)
};

/// Fields are named in one table (newsdex/common/fields.h); facets count
/// those with a facet slot: source, topic, place, lang and date.
using FacetField = Field;

/// Bucket size of the date facet.
enum class DateGranularity { kYear, kMonth, kDay };

/// One facet to count over all matching articles.
struct FacetRequest {
  Field field = Field::kSource;
  DateGranularity granularity = DateGranularity::kMonth;  ///< for kDate only
  /// Most values to return (0: all). Date facets return buckets in date
  /// order and keep the latest `limit` of them; others keep the most common.
  std::uint32_t limit = 10;

  /// Parses "source", "topic", "place", "lang", "date", "date:year",
  /// "date:month" or "date:day" (as `--facet` takes them).
  /// @throws ConfigError for an unknown facet
  static FacetRequest parse(std::string_view spec, std::uint32_t limit = 10);

  /// The name used in results and JSON: "source", "date:month", ...
  std::string name() const;
};

/// A filter on one field: articles whose `field` equals `value` (compared
/// case-insensitively; ids and URLs exactly), or, for Field::kDate, that were
/// published in the period `value` ("2024", "2024-01..2024-06", as `date:`
/// takes it). Filters narrow results without changing scores; several
/// filters on one field are OR-ed, on different fields AND-ed.
struct Filter {
  Filter() = default;
  Filter(Field field_to_match, std::string wanted);
  /// The field by its name: "source", "author", "topic", "place", "lang"
  /// (or "language"), "id", "url" or "date".
  /// @throws ConfigError for a name that is no filterable field
  Filter(std::string_view field_name, std::string wanted);
  Filter(const char* field_name, std::string wanted)
      : Filter(std::string_view(field_name), std::move(wanted)) {}
  Filter(const std::string& field_name, std::string wanted)
      : Filter(std::string_view(field_name), std::move(wanted)) {}

  Field field = Field::kSource;
  std::string value;
};

/// One query and how to present its results. A value type: cheap to copy,
/// safe to reuse.
struct SearchRequest {
  /// The query, in the syntax of docs/query-syntax.md: words (all must
  /// match), "phrases", OR, NOT, -word, (groups), NEAR, word*, field:value,
  /// date:2024-01..2024-06. Empty: every article (newest first).
  std::string query;
  /// Filters applied on top of the query.
  std::vector<Filter> filters;
  /// Only articles published on or after / up to this date ("2024",
  /// "2024-03", "2024-03-01"; empty: no bound). Same forms as `date:`.
  std::string since;
  std::string until;
  /// Language whose stemmer applies to the query words (ISO 639-1). Empty:
  /// the analyzer's default language ("en").
  std::string language;
  SortOrder sort = SortOrder::kRelevance;
  /// Blend relevance with recency (applies when `sort` is kRelevance and
  /// the query has words to rank by). Default: none, pure relevance.
  std::optional<Freshness> freshness;
  /// Whether to add words from the best matches to the query
  /// (pseudo-relevance feedback, with the settings of `expansion`). In an
  /// OR query of plain words they can find articles that lack every query
  /// word; with kAnd, +word, -word or field filters they only reorder the
  /// articles the query matches. Relevance order only; ignored by
  /// Searcher::related. Default kAuto: OR queries only.
  ExpandMode expand = ExpandMode::kAuto;
  QueryExpansion expansion;
  /// How words without an explicit operator combine. Default kAnd.
  DefaultOperator default_operator = DefaultOperator::kAnd;
  /// Read AND, OR, NOT, XOR, NEAR and ADJ in the query as operators. Set
  /// false for natural-language text ("articles that do NOT cover..."),
  /// where they are words. Default true.
  bool operators = true;
  std::uint32_t offset = 0;  ///< hits to skip (paging). Default 0.
  std::uint32_t limit = 10;  ///< hits to return. Default 10.
  /// Target length of each snippet in bytes (0: no snippets). Default 200.
  std::uint32_t snippet_bytes = 200;
  /// Facets to count over all matching articles.
  std::vector<FacetRequest> facets;
  /// Suggest a corrected query when a word is not in the index. Default true.
  bool suggest = true;
  /// Expand words (and runs of words) that have synonyms stored in the index
  /// (Indexer::set_synonyms) into any of them; never inside "quoted
  /// phrases" or NEAR/ADJ. Default true.
  bool synonyms = true;
  /// Show one copy of each story: articles of one duplicate cluster (a
  /// story re-published with a new headline, a credit line, cuts or edits;
  /// docs/news.md) are folded into the best-ranked of them in the order
  /// asked for, and totals count stories. false: every copy. Default true.
  bool collapse = true;
  /// With `collapse`: name up to this many sources of the copies folded
  /// into each hit (Hit::similar_sources), at the cost of one small query
  /// per hit that has copies. Default 0 (none).
  std::uint32_t similar_sources = 0;
};

}  // namespace newsdex::searcher
