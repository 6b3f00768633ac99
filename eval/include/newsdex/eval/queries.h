// newsdex/eval/queries.h — the queries of a test collection.
//
// A test collection for ranking evaluation is a set of documents, a set of
// queries (read here) and relevance judgments (newsdex/eval/qrels.h). Query
// ids are the keys that tie the three together, so they are kept as
// strings, exactly as written.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::eval {

/// One query of a test collection.
struct Query {
  std::string id;    ///< query id as in the qrels ("1", "401", "q7"); no white space
  std::string text;  ///< the query as a user would type it, unchanged
};

/// Orders query ids as people read them: ids made only of digits come first,
/// in numeric order ("2" before "10"); other ids follow, in byte order.
/// A strict weak ordering, so usable as a map comparator.
struct QueryIdLess {
  bool operator()(std::string_view a, std::string_view b) const;
};

/// Reads queries in TSV form, one `qid<TAB>text` per line. Blank lines are
/// skipped; a trailing CR (CRLF files) is dropped. The text is everything
/// after the first tab, kept as it is (punctuation included).
/// Queries keep the order of the file.
/// @param path the file to read
/// @throws InputError naming `path:line` for a line without a tab, an empty
///         id, an id with white space, an empty text or a repeated id; and
///         (line 0) when the file cannot be opened or read
std::vector<Query> read_queries(const std::string& path);

/// As above, from a stream; `name` is used in error messages.
std::vector<Query> read_queries(std::istream& in, const std::string& name);

}  // namespace newsdex::eval
