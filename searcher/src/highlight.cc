#include "highlight.h"

#include <algorithm>
#include <vector>

namespace newsdex::searcher {
namespace {

struct Entity {
  std::string_view escaped;
  char plain;
};

// The entities MSet::snippet() writes when escaping text for HTML.
constexpr Entity kEntities[] = {
    {"&amp;", '&'},  {"&lt;", '<'},   {"&gt;", '>'},
    {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''},
};

}  // namespace

HighlightedText decode_marked_snippet(std::string_view marked) {
  HighlightedText result;
  result.text.reserve(marked.size());
  std::uint32_t open = 0;
  bool inside = false;
  for (std::size_t i = 0; i < marked.size();) {
    if (marked.compare(i, kMatchStart.size(), kMatchStart) == 0) {
      open = static_cast<std::uint32_t>(result.text.size());
      inside = true;
      i += kMatchStart.size();
      continue;
    }
    if (marked.compare(i, kMatchEnd.size(), kMatchEnd) == 0) {
      const auto close = static_cast<std::uint32_t>(result.text.size());
      if (inside && close > open) {
        // Xapian marks adjacent matched words separately; join touching spans.
        if (!result.highlights.empty() && result.highlights.back().end == open) {
          result.highlights.back().end = close;
        } else {
          result.highlights.push_back({open, close});
        }
      }
      inside = false;
      i += kMatchEnd.size();
      continue;
    }
    if (marked[i] == '&') {
      bool decoded = false;
      for (const Entity& entity : kEntities) {
        if (marked.compare(i, entity.escaped.size(), entity.escaped) == 0) {
          result.text.push_back(entity.plain);
          i += entity.escaped.size();
          decoded = true;
          break;
        }
      }
      if (decoded) continue;
    }
    result.text.push_back(marked[i]);
    ++i;
  }
  return result;
}

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
