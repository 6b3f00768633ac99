// embed-search: search an existing newsdex index, print the hits with their
// snippets, and the articles per source and per year.
//   embed-search INDEX_DIR QUERY...
#include <iostream>
#include <string>

#include "newsdex/common/date.h"
#include "newsdex/common/error.h"
#include "newsdex/searcher/searcher.h"

namespace {

// Puts [brackets] around the highlighted words of a snippet or title.
std::string marked(const newsdex::searcher::HighlightedText& text) {
  std::string out;
  std::size_t at = 0;
  for (const auto& span : text.highlights) {
    out += text.text.substr(at, span.start - at) + "[" +
           text.text.substr(span.start, span.end - span.start) + "]";
    at = span.end;
  }
  return out + text.text.substr(at);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: embed-search INDEX_DIR QUERY...\n";
    return 2;
  }
  newsdex::searcher::SearchRequest request;
  for (int i = 2; i < argc; ++i) request.query += std::string(i > 2 ? " " : "") + argv[i];
  request.limit = 5;
  request.facets = {newsdex::searcher::FacetRequest::parse("source"),
                    newsdex::searcher::FacetRequest::parse("date:year")};
  try {
    newsdex::searcher::Searcher searcher(argv[1]);
    const auto result = searcher.search(request);
    for (const auto& warning : result.warnings) std::cout << "warning: " << warning.message << "\n";
    std::cout << result.total_estimate << " matching articles\n";
    for (const auto& hit : result.hits) {
      std::cout << hit.rank << ". " << marked(hit.title) << " (" << hit.source;
      if (hit.published) std::cout << ", " << newsdex::format_iso8601(*hit.published);
      std::cout << ")\n   " << marked(hit.snippet) << "\n";
    }
    for (const auto& facet : result.facets) {
      std::cout << facet.name << ":";
      for (const auto& value : facet.values) std::cout << " " << value.value << "=" << value.count;
      std::cout << "\n";
    }
  } catch (const newsdex::Error& error) {
    std::cerr << "embed-search: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
