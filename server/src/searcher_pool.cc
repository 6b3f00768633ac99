#include "searcher_pool.h"

namespace newsdex::server {

SearcherPool::SearcherPool(std::string db_path, searcher::SearcherOptions options)
    : db_path_(std::move(db_path)), options_(std::move(options)) {}

searcher::Searcher& SearcherPool::for_this_thread() {
  const auto id = std::this_thread::get_id();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (const auto it = searchers_.find(id); it != searchers_.end()) return *it->second;
  }
  // Opened outside the lock: other threads keep searching meanwhile.
  auto opened = std::make_unique<searcher::Searcher>(db_path_, options_);
  std::lock_guard<std::mutex> lock(mutex_);
  return *(searchers_[id] = std::move(opened));
}

void SearcherPool::forget_this_thread() {
  std::unique_ptr<searcher::Searcher> dropped;
  std::lock_guard<std::mutex> lock(mutex_);
  if (const auto it = searchers_.find(std::this_thread::get_id()); it != searchers_.end()) {
    dropped = std::move(it->second);
    searchers_.erase(it);
  }
}

}  // namespace newsdex::server
