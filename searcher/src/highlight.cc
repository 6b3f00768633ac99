#include "highlight.h"

#include <algorithm>
#include <vector>

namespace newsdex::searcher {

HighlightedText highlight_tokens(std::string_view text, Analyzer& analyzer,
                                 const std::function<bool(const Token&)>& matches) {
  HighlightedText result;
  result.text.assign(text);
  std::vector<Token> tokens;
  analyzer.tokenize(text, tokens, 0);
  for (const Token& token : tokens) {
    if (!matches(token)) continue;
    if (!result.highlights.empty() && token.start <= result.highlights.back().end) {
      // Touching or overlapping (a variant or part of the word before): one span.
      result.highlights.back().end = std::max(result.highlights.back().end, token.end);
    } else {
      result.highlights.push_back({token.start, token.end});
    }
  }
  return result;
}

}  // namespace newsdex::searcher
