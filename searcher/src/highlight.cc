#include "highlight.h"

#include <algorithm>
#include <vector>

namespace newsdex::searcher {

void append_highlight(std::vector<Span>& highlights, Span span) {
  if (!highlights.empty() && span.start <= highlights.back().end) {
    highlights.back().end = std::max(highlights.back().end, span.end);
  } else {
    highlights.push_back(span);
  }
}

HighlightedText highlight_tokens(std::string_view text, Analyzer& analyzer,
                                 const std::function<bool(const Token&)>& matches) {
  HighlightedText result;
  result.text.assign(text);
  std::vector<Token> tokens;
  analyzer.tokenize(text, tokens, 0);
  for (const Token& token : tokens) {
    if (!matches(token)) continue;
    append_highlight(result.highlights, {token.start, token.end});
  }
  return result;
}

}  // namespace newsdex::searcher
