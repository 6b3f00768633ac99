#include "snippet.h"

#include <algorithm>
#include <cstdint>

#include "highlight.h"

namespace newsdex::searcher {
namespace {

// A repeat of a term already in the passage adds this share of its weight:
// a second "oil" is worth less than a first "prices".
constexpr double kRepeatShare = 0.1;

struct Matched {
  int term;
  double weight;
  std::uint32_t start;
  std::uint32_t end;
};

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Where a cut at byte `at` or before is safe (not inside a UTF-8 sequence).
std::size_t char_boundary_at_or_before(std::string_view text, std::size_t at) {
  at = std::min(at, text.size());
  while (at > 0 && at < text.size() && is_utf8_continuation(text[at])) --at;
  return at;
}

// True when a sentence starts at `at`: the start of the text, or the first
// non-space after a sentence end (. ! ? 。！？) and space, or after a blank line.
bool starts_sentence(std::string_view text, std::size_t at) {
  if (at == 0) return true;
  std::size_t before = at;
  bool spaced = false;
  while (before > 0 && (text[before - 1] == ' ' || text[before - 1] == '\t' ||
                        text[before - 1] == '\n' || text[before - 1] == '\r')) {
    if (text[before - 1] == '\n' && spaced) return true;  // a blank line (paragraph)
    spaced = spaced || text[before - 1] == '\n';
    --before;
  }
  if (before == 0) return true;
  const char last = text[before - 1];
  if ((last == '.' || last == '!' || last == '?') && before < at) return true;
  // The ideographic full stop and full-width marks need no space after them.
  const std::string_view tail = text.substr(0, before);
  for (const std::string_view mark : {"\u3002", "\uFF01", "\uFF1F"}) {
    if (tail.size() >= mark.size() && tail.substr(tail.size() - mark.size()) == mark) return true;
  }
  return false;
}

bool is_closing_punctuation(char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
         c == '"' || c == '\'';
}

// The window of matches [first, last) of at most max_bytes whose distinct
// terms weigh most; the earliest of equals.
std::pair<std::size_t, std::size_t> best_window(const std::vector<Matched>& matched,
                                                std::size_t max_bytes) {
  int terms = 0;
  for (const Matched& m : matched) terms = std::max(terms, m.term + 1);
  std::vector<int> count(static_cast<std::size_t>(terms), 0);
  double score = 0;
  double best_score = -1;
  std::pair<std::size_t, std::size_t> best{0, 1};
  const auto add = [&](const Matched& m) {
    score += count[static_cast<std::size_t>(m.term)]++ == 0 ? m.weight : m.weight * kRepeatShare;
  };
  const auto remove = [&](const Matched& m) {
    score -= --count[static_cast<std::size_t>(m.term)] == 0 ? m.weight : m.weight * kRepeatShare;
  };
  std::size_t last = 0;
  for (std::size_t first = 0; first < matched.size(); ++first) {
    if (last <= first) {
      add(matched[first]);
      last = first + 1;
    }
    while (last < matched.size() && matched[last].end - matched[first].start <= max_bytes) {
      add(matched[last++]);
    }
    if (score > best_score + 1e-9) {
      best_score = score;
      best = {first, last};
    }
    remove(matched[first]);
  }
  return best;
}

}  // namespace

HighlightedText make_snippet(std::string_view text, const std::vector<Token>& tokens,
                             const std::function<TermMatch(const Token&)>& match,
                             std::size_t max_bytes) {
  std::vector<Matched> matched;
  for (const Token& token : tokens) {
    const TermMatch found = match(token);
    if (found.term >= 0) matched.push_back({found.term, found.weight, token.start, token.end});
  }

  // Where the passage starts: at a token, before the best matches by at
  // most half the room they leave, or at a nearer sentence start.
  std::size_t start = 0;
  if (!matched.empty()) {
    const auto [first, last] = best_window(matched, max_bytes);
    const std::size_t matches_start = matched[first].start;
    const std::size_t matches_end = matched[last - 1].end;
    const std::size_t room =
        max_bytes > matches_end - matches_start ? max_bytes - (matches_end - matches_start) : 0;
    const std::size_t earliest = matches_start > room ? matches_start - room : 0;
    const std::size_t lead = matches_start > room / 2 ? matches_start - room / 2 : 0;
    start = matches_start;
    for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) {
      if (it->start > matches_start) continue;
      if (it->start < earliest) break;
      if (starts_sentence(text, it->start)) {
        start = it->start;
        break;
      }
      if (it->start >= lead) start = it->start;
    }
  }

  // Where it ends: after the last whole token that fits, with the
  // punctuation that closes it.
  const std::size_t limit = std::min(text.size(), start + max_bytes);
  std::size_t end = start;
  for (const Token& token : tokens) {
    if (token.start >= start && token.end <= limit) end = std::max<std::size_t>(end, token.end);
  }
  if (limit == text.size() && text.find_first_not_of(" \t\r\n", end) == std::string_view::npos) {
    end = text.size();
  }
  while (end < limit && is_closing_punctuation(text[end])) ++end;
  if (end == start) end = char_boundary_at_or_before(text, limit);  // no token fits whole
  while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\t' ||
                         text[end - 1] == '\r')) {
    --end;
  }

  HighlightedText snippet;
  const bool cut_before = start > 0;
  const bool cut_after = text.find_first_not_of(" \t\r\n", end) != std::string_view::npos;
  if (cut_before) snippet.text.append(kEllipsis);
  const auto offset = static_cast<std::uint32_t>(snippet.text.size());
  snippet.text.append(text.substr(start, end - start));
  if (cut_after) snippet.text.append(kEllipsis);
  for (const Matched& m : matched) {
    if (m.start < start || m.end > end) continue;
    append_highlight(snippet.highlights, {static_cast<std::uint32_t>(m.start - start) + offset,
                                          static_cast<std::uint32_t>(m.end - start) + offset});
  }
  return snippet;
}

}  // namespace newsdex::searcher
