// embed-index: index articles a host program has in memory (here a small
// feed it made up), then search them — newsdex as a library.
//   embed-index INDEX_DIR
#include <iostream>
#include <vector>

#include "newsdex/common/date.h"
#include "newsdex/common/error.h"
#include "newsdex/indexer/indexer.h"
#include "newsdex/searcher/searcher.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: embed-index INDEX_DIR\n";
    return 2;
  }
  struct FeedItem {
    const char* id;
    const char* title;
    const char* body;
    const char* published;
  };
  const std::vector<FeedItem> feed = {
      {"feed-1", "Port strike halts container exports",
       "Dock workers walked out on Monday, stopping exports at the main port.",
       "2025-03-03T08:00:00Z"},
      {"feed-2", "Chip makers expect record exports",
       "Semiconductor exporters forecast another record year.", "2025-03-04T09:30:00Z"},
      {"feed-3", "City council approves new tram line",
       "The line will open in 2027, the council said.", "2025-03-05"},
  };
  try {
    newsdex::indexer::IndexOptions options;
    options.db_path = argv[1];
    newsdex::indexer::Indexer indexer(options);
    for (const FeedItem& item : feed) {
      newsdex::Article article;
      article.id = item.id;
      article.source = "Example Feed";
      article.title = item.title;
      article.body = item.body;
      article.published = newsdex::parse_date(item.published);
      article.topics = {"example"};
      indexer.add(article);
    }
    indexer.commit();
    std::cout << "indexed " << indexer.document_count() << " articles into " << argv[1] << "\n";

    newsdex::searcher::Searcher searcher(argv[1]);
    newsdex::searcher::SearchRequest request;
    request.query = "exports";
    for (const auto& hit : searcher.search(request).hits) {
      std::cout << hit.rank << ". " << hit.title.text << " [" << hit.id << "]\n";
    }
  } catch (const newsdex::Error& error) {
    std::cerr << "embed-index: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
