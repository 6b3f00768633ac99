// query_rewriter.h (internal) — puts the words of a query through the
// Analyzer before Xapian's QueryParser sees them.
//
// QueryParser has its own word splitter; the indexer uses newsdex's Analyzer.
// To make a query word always meet the term it was indexed as, every word of
// free text is replaced by the analyzer's terms, while the query syntax
// (quotes, brackets, operators, field:, +/-, trailing *) is kept as written.
// A word the analyzer splits into several terms ("U.S.", "芯片出口") becomes a
// quoted phrase so its parts must still stand together.
#pragma once

#include <string>
#include <string_view>

#include "newsdex/common/analyzer.h"

namespace newsdex::searcher {

/// Which field names the rewriter treats as syntax rather than as text.
struct QueryFields {
  /// Fields whose values are free text (analysed): e.g. "title", "body".
  std::vector<std::string_view> text;
  /// Fields whose values are kept verbatim (filters): e.g. "source", "date".
  std::vector<std::string_view> verbatim;
};

/// Rewrites `query` for QueryParser as described above.
std::string rewrite_query(std::string_view query, Analyzer& analyzer, const QueryFields& fields);

}  // namespace newsdex::searcher
