// query_parser.h (internal) — reads the query language
// (docs/query-syntax.md) into a QueryNode tree.
//
// A query is never rejected: what cannot be read as written (unbalanced
// quotes and brackets, operators missing an operand, unknown fields, fields
// without a value, empty phrases) is repaired, and each repair is recorded as
// a QueryWarning with its code and the fragment it concerns. Field names come
// from the field table (newsdex/common/fields.h).
#pragma once

#include <string_view>

#include "query_tree.h"

namespace newsdex::searcher {

struct QueryParseOptions {
  /// Read AND, OR, NOT, XOR, NEAR, ADJ as operators (false: as words).
  bool operators = true;
};

/// Parses `query`; never throws for any input.
ParsedQuery parse_query(std::string_view query, const QueryParseOptions& options = {});

}  // namespace newsdex::searcher
