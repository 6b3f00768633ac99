// Fuzzes the query path: any bytes as a query, with facets, must give a
// result (maybe with warnings), never an exception or a crash.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "newsdex/common/date.h"
#include "newsdex/indexer/indexer.h"
#include "newsdex/searcher/searcher.h"

namespace {

newsdex::searcher::Searcher& searcher() {
  static newsdex::searcher::Searcher instance = [] {
    std::string dir = (std::filesystem::temp_directory_path() / "newsdex-fuzz-XXXXXX").string();
    if (::mkdtemp(dir.data()) == nullptr) std::abort();
    newsdex::indexer::IndexOptions options;
    options.db_path = dir + "/db";
    {
      newsdex::indexer::Indexer index(options);
      const char* const kTitles[] = {"U.S. chip export rules", "Müller wins the cup",
                                     "芯片出口管制新规", "Markets rally as rates fall",
                                     "COVID-19 e-mail S&P 500 $1.5bn"};
      int i = 0;
      for (const char* title : kTitles) {
        newsdex::Article article;
        article.id = "a" + std::to_string(i);
        article.title = title;
        article.body = std::string(title) + " — body text with exports, exported and chips.";
        article.source = i % 2 ? "Global Wire" : "Harbour Times";
        article.topics = {"trade", i % 2 ? "sport" : "technology"};
        article.published = newsdex::parse_iso8601("2023-10-1" + std::to_string(i));
        index.add(article);
        ++i;
      }
      index.commit();
    }
    return newsdex::searcher::Searcher(options.db_path);
  }();
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::searcher::SearchRequest request;
  request.query.assign(reinterpret_cast<const char*>(data), size);
  request.facets = {newsdex::searcher::FacetRequest::parse("source"),
                    newsdex::searcher::FacetRequest::parse("date:month")};
  if (size > 0 && data[0] % 2 == 1) {
    request.default_operator = newsdex::searcher::DefaultOperator::kOr;
  }
  const auto result = searcher().search(request);  // must not throw
  for (const auto& hit : result.hits) {
    for (const auto& span : hit.snippet.highlights) {
      if (span.start > span.end || span.end > hit.snippet.text.size()) __builtin_trap();
    }
  }
  return 0;
}
