// snippet.h (internal) — the passage of an article body shown with a hit.
//
// Built from the analyzer's tokens of the body, matched against the query's
// terms the way titles are highlighted, instead of Xapian's MSet::snippet:
// that re-tokenises the text with Xapian's own rules and looks up term
// statistics while it scores, which made it most of the time of a search
// with snippets (docs/performance.md).
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "newsdex/common/analyzer.h"
#include "newsdex/searcher/result.h"

namespace newsdex::searcher {

/// Which query term a token matched, and what a match of it is worth.
struct TermMatch {
  int term = -1;      ///< index of the matched query term; negative: no match
  double weight = 0;  ///< e.g. the term's weight in the query (rarer: higher)
};

/// Marks put where the passage cuts the text.
inline constexpr std::string_view kEllipsis = "…";

/// The passage of at most `max_bytes` bytes of `text` (plus a kEllipsis at
/// each end where text was cut) that holds the most valuable matches: the
/// weights of the distinct terms matched, repeats adding a little. It starts
/// at a sentence start when one is near enough, and cuts only between
/// tokens. Every matched token inside is highlighted (touching spans
/// joined). With no match, the start of the text.
/// @param tokens the analyzer's tokens of `text`, in order
HighlightedText make_snippet(std::string_view text, const std::vector<Token>& tokens,
                             const std::function<TermMatch(const Token&)>& match,
                             std::size_t max_bytes);

}  // namespace newsdex::searcher
