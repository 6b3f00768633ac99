// Searches from eight threads, one Searcher each, while an indexer keeps
// committing: every search must succeed and see a consistent index. Run
// under ThreadSanitizer by scripts/test.sh (NEWSDEX_SANITIZE=thread).
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "newsdex/common/date.h"
#include "newsdex/indexer/indexer.h"
#include "newsdex/searcher/searcher.h"
#include "temp_dir.h"

namespace newsdex::searcher {
namespace {

Article make_article(int i) {
  Article article;
  article.id = "c" + std::to_string(i);
  article.source = i % 2 ? "Global Wire" : "Harbour Times";
  article.title = "Chip exports story " + std::to_string(i);
  article.body = "Exports of chips and semiconductors, part " + std::to_string(i) + ".";
  article.published = parse_iso8601("2024-01-01");
  return article;
}

TEST(ConcurrencyTest, SearchersInEightThreadsWhileAnIndexerCommits) {
  testing::TempDir dir;
  const std::string db = dir / "db";
  indexer::IndexOptions options;
  options.db_path = db;
  indexer::Indexer index(options);
  for (int i = 0; i < 50; ++i) index.add(make_article(i));
  index.commit();

  std::atomic<bool> stop{false};
  std::atomic<int> searches{0};
  std::atomic<int> failures{0};
  std::mutex mutex;
  std::vector<std::string> errors;
  std::vector<std::thread> readers;
  for (int t = 0; t < 8; ++t) {
    readers.emplace_back([&, t] {
      Searcher searcher(db);  // one per thread, as documented
      SearchRequest request;
      request.query = t % 2 ? "chip exports" : "";
      request.facets = {FacetRequest::parse("source")};
      std::uint64_t last_total = 0;
      while (!stop) {
        try {
          const SearchResult result = searcher.search(request);
          // The index only grows: a search never sees fewer articles.
          if (result.total_estimate < last_total || result.hits.empty()) {
            ++failures;
            std::lock_guard<std::mutex> lock(mutex);
            errors.push_back("total went from " + std::to_string(last_total) + " to " +
                             std::to_string(result.total_estimate));
          }
          last_total = result.total_estimate;
          ++searches;
        } catch (const std::exception& e) {
          ++failures;
          std::lock_guard<std::mutex> lock(mutex);
          errors.emplace_back(e.what());
        }
      }
    });
  }
  for (int i = 50; i < 450; ++i) {
    index.add(make_article(i));
    if (i % 20 == 0) index.commit();
  }
  index.commit();
  stop = true;
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(failures.load(), 0) << (errors.empty() ? "" : errors.front());
  EXPECT_GT(searches.load(), 8);
  EXPECT_EQ(Searcher(db).document_count(), 450u);
}

}  // namespace
}  // namespace newsdex::searcher
