// query_expansion.h (internal) — pseudo-relevance feedback
// (SearchRequest::expand): the query's best matches are taken as relevant,
// and the words that best tell them from the rest of the index (Xapian's
// ESet over an RSet of them) are added to the query at a lower weight, as
// RM3 does. docs/news.md, "Query expansion", has the measurements.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "newsdex/searcher/request.h"
#include "query_builder.h"

namespace newsdex::searcher {

/// A query with the feedback words added, and those words (stems).
struct ExpandedQuery {
  Xapian::Query query;
  std::vector<std::string> added_stems;
};

/// `built` expanded by `options`, ranked with `weighting` as the search
/// will be. When `may_widen`, the added words can match articles on their
/// own (OP_OR with the query's text, then the request's filters);
/// otherwise they only add weight to what `built` matches (OP_AND_MAYBE),
/// which keeps the meaning of AND, +word, -word and field filters. A query
/// that matches nothing comes back unchanged.
ExpandedQuery expand_query(const Xapian::Database& db, const BuiltQuery& built,
                           const QueryExpansion& options, const Xapian::Weight& weighting,
                           bool may_widen);

/// Whether every part of `text` only offers alternatives (terms, OR,
/// synonyms, phrases, wildcards): a query whose matches any added word may
/// join without changing what it asked for.
bool is_bag_of_words(const Xapian::Query& text);

}  // namespace newsdex::searcher
