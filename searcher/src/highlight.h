// highlight.h (internal) — turning matches into HighlightedText.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "newsdex/common/analyzer.h"
#include "newsdex/searcher/result.h"

namespace newsdex::searcher {

/// Markers passed to Xapian's MSet::snippet() around each match; control
/// characters never occur in indexed text, so they cannot be confused.
inline constexpr std::string_view kMatchStart = "\x01";
inline constexpr std::string_view kMatchEnd = "\x02";

/// Converts MSet::snippet() output (HTML-escaped, matches between kMatchStart
/// and kMatchEnd) into plain text with highlight spans.
HighlightedText decode_marked_snippet(std::string_view marked);

/// Highlights the tokens of `text` for which `matches` returns true.
HighlightedText highlight_tokens(std::string_view text, Analyzer& analyzer,
                                 const std::function<bool(const Token&)>& matches);

}  // namespace newsdex::searcher
