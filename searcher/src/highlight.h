// highlight.h (internal) — turning matches into HighlightedText.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/common/analyzer.h"
#include "newsdex/searcher/result.h"

namespace newsdex::searcher {

/// Appends `span` to `highlights` (spans in order of start), joining it with
/// the last one when they touch or overlap (a variant or part of the word
/// before, or the next word of a match with no gap): one span.
void append_highlight(std::vector<Span>& highlights, Span span);

/// Highlights the tokens of `text` for which `matches` returns true.
HighlightedText highlight_tokens(std::string_view text, Analyzer& analyzer,
                                 const std::function<bool(const Token&)>& matches);

}  // namespace newsdex::searcher
