// highlight.h (internal) — turning matches into HighlightedText.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "newsdex/common/analyzer.h"
#include "newsdex/searcher/result.h"

namespace newsdex::searcher {

/// Highlights the tokens of `text` for which `matches` returns true.
HighlightedText highlight_tokens(std::string_view text, Analyzer& analyzer,
                                 const std::function<bool(const Token&)>& matches);

}  // namespace newsdex::searcher
