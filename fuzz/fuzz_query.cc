// Fuzzes the query path: any bytes as a query, with facets, must give a
// result (maybe with warnings), never an exception or a crash; and the same
// result whether the matches are counted in the ranked pass or in a
// separate one on another thread (SearcherOptions::count_separately_above),
// with or without the facet cache.
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

// The index, built once.
const std::string& index_path() {
  static const std::string path = [] {
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
    return options.db_path;
  }();
  return path;
}

// One pass, values read by spies.
newsdex::searcher::Searcher& one_pass() {
  static newsdex::searcher::Searcher instance = [] {
    newsdex::searcher::SearcherOptions options;
    options.count_separately_above = UINT32_MAX;
    options.facet_cache = false;
    return newsdex::searcher::Searcher(index_path(), options);
  }();
  return instance;
}

// A separate counting pass whenever it may be used, and facet caches.
newsdex::searcher::Searcher& two_passes() {
  static newsdex::searcher::Searcher instance = [] {
    newsdex::searcher::SearcherOptions options;
    options.count_separately_above = 0;
    options.preload_facets = {newsdex::searcher::FacetRequest::parse("source"),
                              newsdex::searcher::FacetRequest::parse("date:month")};
    return newsdex::searcher::Searcher(index_path(), options);
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
  const auto result = one_pass().search(request);  // must not throw
  for (const auto& hit : result.hits) {
    for (const auto& span : hit.snippet.highlights) {
      if (span.start > span.end || span.end > hit.snippet.text.size()) __builtin_trap();
    }
  }
  const auto other = two_passes().search(request);
  if (other.total_estimate != result.total_estimate || other.hits.size() != result.hits.size() ||
      other.facets.size() != result.facets.size()) {
    __builtin_trap();
  }
  for (std::size_t i = 0; i < result.hits.size(); ++i) {
    if (other.hits[i].id != result.hits[i].id) __builtin_trap();
  }
  for (std::size_t f = 0; f < result.facets.size(); ++f) {
    const auto& a = result.facets[f].values;
    const auto& b = other.facets[f].values;
    if (a.size() != b.size()) __builtin_trap();
    for (std::size_t v = 0; v < a.size(); ++v) {
      if (a[v].value != b[v].value || a[v].count != b[v].count) __builtin_trap();
    }
  }
  return 0;
}
