// query_tree.h (internal) — a query as the parser read it: the one
// representation between the text a user typed and the Xapian::Query run.
//
// Leaves hold text as typed (words are analysed by the builder, which knows
// the language); inner nodes are the operators, with QueryParser's
// precedence: OR < XOR < AND, NOT < juxtaposition < NEAR, ADJ.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "newsdex/common/fields.h"
#include "newsdex/searcher/result.h"

namespace newsdex::searcher {

/// A byte range [start, end) of the query text.
struct QuerySpan {
  std::size_t start = 0;
  std::size_t end = 0;
};

struct QueryNode {
  enum class Kind {
    kWord,      ///< `text` in `field` (kText or kTitle); `wildcard` for word*
    kPhrase,    ///< "text" in `field`
    kFilter,    ///< field:text on a keyword, exact or date field
    kNear,      ///< children (words) within `window` words of each other, any order
    kAdj,       ///< as kNear, in order
    kSequence,  ///< children side by side, combined by the default operator;
                ///< each child's `modifier` says + or -
    kAnd,
    kOr,
    kXor,
    kAndNot,  ///< children[0] without children[1]
    kAllBut,  ///< every article without children[0] (a leading NOT)
  };
  /// + (required) and - (excluded) before an item of a sequence.
  enum class Modifier { kNone, kRequired, kExcluded };

  Kind kind = Kind::kWord;
  Modifier modifier = Modifier::kNone;
  Field field = Field::kText;
  std::string text;
  bool wildcard = false;
  /// Words of NEAR/n and ADJ/n (n, default 10) apart at most.
  unsigned window = 0;
  /// Where `text` stands in the query (for suggestions and warnings).
  QuerySpan span;
  std::vector<QueryNode> children;
};

/// What the parser made of a query.
struct ParsedQuery {
  /// Absent when the query has nothing to search for (empty, or only
  /// repaired-away syntax): every article matches.
  bool empty = true;
  QueryNode root;
  std::vector<QueryWarning> warnings;
};

}  // namespace newsdex::searcher

namespace newsdex::searcher {

/// The tree in a compact form for tests and debugging: words as written
/// (with `field:` unless the text field), phrases quoted, sequences in
/// [brackets], operators as (AND a b), (OR a b), (XOR a b), (NOT a b) for
/// a without b, (ALL-BUT a), (NEAR/10 a b), (ADJ/3 a b); + and - prefixed.
std::string describe(const QueryNode& node);

}  // namespace newsdex::searcher
