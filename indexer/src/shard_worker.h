// shard_worker.h (internal) — one thread that analyses articles and writes
// them into a private Xapian database (a shard), for BulkWriter.
#pragma once

#include <xapian.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <variant>

#include "newsdex/common/analyzer.h"
#include "newsdex/common/article.h"
#include "newsdex/indexer/indexer.h"

namespace newsdex::indexer {

class DocumentBuilder;

/// Owns a thread, a shard database at `path` (created; must not exist) and
/// the analyzer state the thread uses. Requests are queued and run in order;
/// add() and remove() return at once (blocking only while the queue is
/// full), flush() and discard() wait until the thread has done them.
/// A failure in the thread is rethrown by the next call. Not thread-safe:
/// one thread (the dispatcher) calls it.
class ShardWorker {
 public:
  ShardWorker(std::string path, const IndexOptions& options);
  /// Stops the thread; what was not flushed is lost.
  ~ShardWorker();
  ShardWorker(const ShardWorker&) = delete;
  ShardWorker& operator=(const ShardWorker&) = delete;

  /// Indexes `article` under `unique_term`, with content hash `hash`,
  /// replacing what the shard holds under that term; `is_new` says the
  /// shard holds nothing under it (so no lookup is needed).
  void add(std::string unique_term, Article article, std::string hash, bool is_new);
  /// Deletes what the shard holds under `unique_term`.
  void remove(std::string unique_term);
  /// Commits everything so far to the shard (durable, not yet in the index).
  void flush();
  /// Drops everything since the last flush().
  void discard();
  /// Flushes, stops the thread and closes the shard so it can be merged.
  void finish();

  /// Spelling words of everything flushed, with their counts; valid after
  /// finish(). They are written once into the merged index rather than into
  /// each shard, where every shard would pay for every word again.
  std::unordered_map<std::string, Xapian::termcount>& spellings() { return spellings_; }

  const std::string& path() const noexcept { return path_; }

 private:
  struct Add {
    std::string unique_term;
    Article article;
    std::string hash;
    bool is_new;
  };
  struct Remove {
    std::string unique_term;
  };
  enum class Control { kFlush, kDiscard, kStop };
  struct ControlRequest {
    Control control;
    std::promise<void> done;
  };
  using Request = std::variant<Add, Remove, ControlRequest>;

  void push(Request request);
  void control(Control control);
  void run();
  void handle(Add& add);
  void handle(Remove& remove);
  void keep_spellings();
  void rethrow_failure();

  std::string path_;
  const IndexOptions& options_;
  Xapian::WritableDatabase db_;
  std::unordered_map<std::string, Xapian::termcount> pending_spellings_;  // since the flush
  std::unordered_map<std::string, Xapian::termcount> spellings_;          // flushed
  DocumentBuilder* builder_ = nullptr;  // the thread's own, while it runs

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Request> queue_;
  std::exception_ptr failure_;  // guarded by mutex_
  bool stopped_ = false;        // the thread has ended
  std::thread thread_;          // last: started once the rest is ready
};

}  // namespace newsdex::indexer
