// query_rewriter.h (internal) — repairs a query and puts its words through
// the Analyzer before Xapian's QueryParser sees it.
//
// QueryParser has its own word splitter; the indexer uses newsdex's Analyzer.
// To make a query word always meet the term it was indexed as, every word of
// free text is replaced by the analyzer's terms, while the query syntax
// (quotes, brackets, operators, field:, +/-, trailing *) is kept. A word the
// analyzer splits into several terms ("U.S.", "芯片出口") becomes a quoted
// phrase so its parts must still stand together.
//
// On the way, what QueryParser would reject or misread is repaired, with a
// warning in words: unbalanced quotes and brackets, operators missing an
// operand, unknown fields, fields without a value, empty phrases.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "newsdex/common/analyzer.h"

namespace newsdex::searcher {

/// Which field names the rewriter treats as syntax rather than as text.
struct QueryFields {
  /// Fields whose values are free text (analysed): e.g. "title".
  std::vector<std::string_view> text;
  /// Fields whose values are kept verbatim (filters): e.g. "source", "date".
  std::vector<std::string_view> verbatim;
  /// Field names a user may expect that name the default field itself
  /// (e.g. "body", when title and body are indexed as one text field): the
  /// name is dropped with a warning and the words searched as unqualified.
  std::vector<std::string_view> default_field;
  /// Read AND, OR, NOT, XOR, NEAR, ADJ as operators (false: as words).
  bool operators = true;
};

/// Words are indexed as stems only (schema.h), so a wildcard must expand
/// over stems: the rewriter writes `word*` of text field F as
/// `F<kStemFieldSuffix>:word*`, and an unqualified one as
/// `<kDefaultStemField>:word*`; the caller maps those fields to the stem
/// prefixes ("Z" + the field's prefix).
inline constexpr std::string_view kStemFieldSuffix = "stem";
inline constexpr std::string_view kDefaultStemField = "textstem";

/// Rewrites `query` for QueryParser as described above, appending a warning
/// to `warnings` for each repair.
std::string rewrite_query(std::string_view query, Analyzer& analyzer, const QueryFields& fields,
                          std::vector<std::string>& warnings);

}  // namespace newsdex::searcher
