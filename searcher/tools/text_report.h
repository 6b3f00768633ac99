// text_report.h — the human-readable form of search results for the terminal.
#pragma once

#include <ostream>

#include "newsdex/searcher/result.h"

namespace newsdex::cli {

struct TextStyle {
  bool colour = false;  ///< ANSI colours (only when writing to a terminal)
};

/// Writes a header line, then per hit: rank, title, source · date · id ·
/// score, and the snippet. Matches are bold yellow in colour, else **marked**.
void print_text_report(std::ostream& out, const searcher::SearchResult& result,
                       const TextStyle& style);

}  // namespace newsdex::cli
