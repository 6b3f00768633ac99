#include "text_report.h"

#include <cstdio>

#include "facet_chart.h"
#include "newsdex/common/date.h"

namespace newsdex::cli {
namespace {

constexpr const char* kBold = "\x1b[1m";
constexpr const char* kDim = "\x1b[2m";
constexpr const char* kMatch = "\x1b[1;33m";
constexpr const char* kReset = "\x1b[0m";

// Snippets keep the body's line breaks and indentation; a terminal listing
// reads better with each run of white space as one space.
std::string flatten(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (space && !out.empty() && out.back() == ' ') continue;
    out.push_back(space ? ' ' : c);
  }
  return out;
}

std::string render(const searcher::HighlightedText& text, const TextStyle& style,
                   const char* base_style) {
  std::string out;
  std::uint32_t at = 0;
  for (const auto& span : text.highlights) {
    out += flatten(std::string_view(text.text).substr(at, span.start - at));
    const std::string_view word =
        std::string_view(text.text).substr(span.start, span.end - span.start);
    if (style.colour) {
      out += kMatch;
      out += word;
      out += kReset;
      out += base_style;
    } else {
      out += "**";
      out += word;
      out += "**";
    }
    at = span.end;
  }
  out += flatten(std::string_view(text.text).substr(at));
  return out;
}

}  // namespace

void print_text_report(std::ostream& out, const searcher::SearchResult& result,
                       const TextStyle& style) {
  for (const auto& warning : result.warnings) out << "warning: " << warning.message << "\n";
  if (!result.suggestion.empty()) out << "Did you mean: " << result.suggestion << "\n";
  const std::string total =
      (result.total_exact ? "" : "about ") + std::to_string(result.total_estimate);
  out << total << (result.total_estimate == 1 ? " result" : " results");
  // Each result is one story; say how many articles that is when copies
  // were folded.
  if (result.collapsed && result.articles_estimate != result.total_estimate) {
    out << " (" << (result.articles_lower_bound == result.articles_upper_bound ? "" : "about ")
        << result.articles_estimate << " articles)";
  }
  if (!result.like.empty()) out << " like " << result.like;
  if (!result.query.empty())
    out << (result.like.empty() ? " for \"" : " about \"") << result.query << "\"";
  if (!result.hits.empty()) {
    out << " (showing " << result.hits.front().rank << "-" << result.hits.back().rank << ")";
  }
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, " in %.3f s", result.seconds);
  out << seconds << "\n";
  if (!result.expansion_terms.empty()) {
    out << (result.like.empty() ? "Expanded with:" : "Alike in:");
    for (const auto& term : result.expansion_terms) out << " " << term;
    out << "\n";
  }

  for (const auto& hit : result.hits) {
    const char* title_style = style.colour ? kBold : "";
    out << "\n"
        << hit.rank << ". " << title_style << render(hit.title, style, title_style)
        << (style.colour ? kReset : "") << "\n";
    out << "   " << (style.colour ? kDim : "");
    out << (hit.source.empty() ? "(no source)" : hit.source);
    if (hit.published) out << " · " << format_iso8601(*hit.published).substr(0, 10);
    out << " · " << hit.id;
    if (hit.score > 0) {
      char score[32];
      std::snprintf(score, sizeof score, " · score %.2f", hit.score);
      out << score;
    }
    out << (style.colour ? kReset : "") << "\n";
    if (!hit.snippet.text.empty()) out << "   " << render(hit.snippet, style, "") << "\n";
    if (hit.duplicates > 0) {
      out << "   " << (style.colour ? kDim : "") << "+" << hit.duplicates << " similar";
      for (std::size_t i = 0; i < hit.similar_sources.size(); ++i) {
        out << (i == 0 ? ": " : ", ") << hit.similar_sources[i];
      }
      out << (style.colour ? kReset : "") << "\n";
    }
  }
  for (const auto& facet : result.facets) {
    out << "\n";
    for (const auto& line : facet_lines(facet, style.colour)) out << line << "\n";
  }
}

}  // namespace newsdex::cli
