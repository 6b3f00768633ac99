// related.h (internal) — the query behind Searcher::related ("more like
// this"): an article's most distinctive words, found by Xapian's ESet over
// an RSet of the article alone, OR-ed into one bounded query. docs/news.md,
// "Related articles", has the choices and their measurements.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "query_builder.h"

namespace newsdex::searcher {

/// How the words of an article become a query.
struct RelatedQueryOptions {
  /// Most words taken from the article.
  Xapian::termcount terms = 25;
  /// Words that fewer articles outside the article's duplicate cluster
  /// have are left out: a word only the article and its copies have (a
  /// name spelt one way, a typo) cannot find another story.
  Xapian::doccount min_other_articles = 1;
  /// At most this many copies are read to learn which words are theirs.
  Xapian::doccount max_copies_read = 50;
  /// Weight each word by its ESet weight (relative to the best word's)
  /// on top of its BM25 weight, so the words that most set the article
  /// apart count most; false: plain BM25 of each word.
  bool weight_by_eset = true;
};

/// The search for articles like one.
struct RelatedQuery {
  /// The article's words OR-ed: what ranks the related articles.
  Xapian::Query words;
  /// The article and its near-duplicates (its duplicate cluster): never
  /// related to itself.
  Xapian::Query excluded;
  /// The words as stems, best first, for highlighting and the result.
  std::vector<HighlightTerm> terms;
};

/// The related-articles query for the article with id `id` in `db`.
/// @throws NotFoundError if `db` has no article with this id (`db_name`
/// names the index in the message)
RelatedQuery related_query(const Xapian::Database& db, std::string_view id,
                           const std::string& language, const std::string& db_name,
                           const RelatedQueryOptions& options = {});

/// `built` (the request's query, filters and dates) turned into the search
/// for `related`: ranked by the article's words, restricted to what the
/// request's query matches when it has one, the article and its copies
/// left out.
Xapian::Query related_search(const RelatedQuery& related, const BuiltQuery& built, bool has_query);

}  // namespace newsdex::searcher
