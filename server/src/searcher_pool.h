// searcher_pool.h — one Searcher per worker thread (a Searcher must not be
// shared between threads), opened on a thread's first request.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "newsdex/searcher/searcher.h"

namespace newsdex::server {

class SearcherPool {
 public:
  SearcherPool(std::string db_path, searcher::SearcherOptions options);

  /// The calling thread's Searcher, opened if it has none.
  /// @throws IndexError when the index cannot be opened (the next call tries again)
  searcher::Searcher& for_this_thread();

  /// Drops the calling thread's Searcher, so that its next request opens the
  /// index afresh (after a read error: the index may have been rebuilt).
  void forget_this_thread();

  const std::string& db_path() const { return db_path_; }

 private:
  std::string db_path_;
  searcher::SearcherOptions options_;
  std::mutex mutex_;  // guards the map, not the Searchers: each has one user
  std::map<std::thread::id, std::unique_ptr<searcher::Searcher>> searchers_;
};

}  // namespace newsdex::server
