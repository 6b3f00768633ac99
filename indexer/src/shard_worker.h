// shard_worker.h (internal) — one thread that analyses articles and writes
// them into private Xapian databases (segments), for BulkWriter.
#pragma once

#include <xapian.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <fstream>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <variant>
#include <vector>

#include "cluster_ledger.h"
#include "newsdex/common/analyzer.h"
#include "newsdex/common/article.h"
#include "newsdex/indexer/indexer.h"

namespace newsdex::indexer {

class DocumentBuilder;
class SeenBands;

/// Owns a thread, the segment databases it writes (or, for a sharded
/// index, the one shard database) (`<base>-0`, `<base>-1`,
/// ...: created, must not exist) and the analyzer state the thread uses.
/// A segment is closed and a new one begun at the first flush after it
/// holds `segment_documents` documents: Xapian adds to a small database
/// much faster than to a large one, and the segments are merged by
/// compaction at the end anyway. Requests are queued and run in order, and
/// return at once (blocking only while the queue is full) except finish():
/// since a discard() is queued behind the flush() before it, it still drops
/// only what came after, without the caller waiting for the commit (waiting
/// left both cores idle in turn at every batch). A failure in the thread,
/// a flush's too, stops it and is rethrown by the next call. Not thread-safe:
/// one thread (the dispatcher) calls it.
class ShardWorker {
 public:
  /// Where the worker writes.
  enum class Storage {
    /// Scratch segments `<base>-0`, `<base>-1`, ... of a bulk build: created
    /// (must not exist), not synced, merged by the caller at the end.
    kSegments,
    /// One shard of a sharded index at `<base>` itself: created or opened
    /// (checking its schema version), every flush durable, never split.
    kShard,
  };

  /// `seen` (borrowed, shared by the writers of a bulk build; segments
  /// only): an article that shares a band or page with one noted there
  /// is held back rather than written (seen_bands.h, held_path()).
  ShardWorker(std::string base_path, const IndexOptions& options,
              Xapian::doccount segment_documents, Storage storage = Storage::kSegments,
              SeenBands* seen = nullptr);
  /// Stops the thread; what was not flushed is lost.
  ~ShardWorker();
  ShardWorker(const ShardWorker&) = delete;
  ShardWorker& operator=(const ShardWorker&) = delete;

  /// What add() does with an article.
  enum class Write {
    kDocument,    ///< index it
    kSketchOnly,  ///< only its sketch and spelling words (another shard's article)
  };

  /// Indexes `article` under `unique_term`, with content hash `hash`,
  /// replacing what the shard holds under that term; `is_new` says the
  /// shard holds nothing under it (so no lookup is needed). `seq` is its
  /// place in the input, for the sketch a segment writer keeps of it.
  void add(std::string unique_term, Article article, std::string hash, bool is_new,
           std::uint64_t seq = 0, Write write = Write::kDocument);
  /// Deletes what the shard holds under `unique_term`.
  void remove(std::string unique_term);
  /// Commits everything so far to the segments (not yet in the index),
  /// once the thread gets to it.
  void flush();
  /// Drops everything since the last flush(), once the thread gets to it.
  void discard();
  /// Flushes, stops the thread and closes the segments so they can be merged.
  void finish();

  /// Waits until everything queued, a flush() included, is done; rethrows
  /// a failure of the thread.
  void wait();

  /// The open database, for the caller to change between wait() and the
  /// next request (the thread is idle then); what it writes is committed
  /// by the next flush. Used to settle duplicate clusters across shards.
  Xapian::WritableDatabase& database() noexcept { return db_; }

  /// Spelling words of everything flushed, with their counts; valid after
  /// finish(). They are written once into the merged index rather than into
  /// each shard, where every shard would pay for every word again.
  std::unordered_map<std::string, Xapian::termcount>& spellings() { return spellings_; }

  /// Sketches of the articles flushed to segments, for the ClusterLedger
  /// (only articles that can have a copy: with a fingerprint or a page);
  /// complete after finish(). `writer` is left for the caller to set.
  std::vector<ArticleSketch>& sketches() { return sketches_; }

  /// Every segment written; complete after finish().
  const std::vector<std::string>& segment_paths() const noexcept { return segment_paths_; }

  /// The documents held back (probable copies), flushed ones only: a file
  /// of records, each an 8-byte length and a Xapian::Document::serialise(),
  /// numbered from 0 as their sketches' docids say. Complete after finish().
  const std::string& held_path() const noexcept { return held_path_; }
  std::uint32_t held_count() const noexcept { return held_count_; }
  /// The path segments are named after (`<base>-0`, ...).
  const std::string& base_path() const noexcept { return base_path_; }

 private:
  struct Add {
    std::string unique_term;
    Article article;
    std::string hash;
    bool is_new;
    std::uint64_t seq;
    Write write;
  };
  struct Remove {
    std::string unique_term;
  };
  enum class Control { kFlush, kDiscard, kStop, kNothing };
  struct ControlRequest {
    Control control;
    std::promise<void> done;
  };
  using Request = std::variant<Add, Remove, ControlRequest>;

  void push(Request request);
  void control(Control control);  // waits for it
  void queue_control(Control control);
  void run();
  void handle(Add& add);
  void handle(Remove& remove);
  void keep_batch();  // at a flush: keeps the batch's spellings and sketches
  void keep_sketch(const Xapian::Document& doc, std::uint64_t page, Xapian::docid docid,
                   std::uint64_t seq, bool written, bool held = false);
  void keep_held();  // at a flush: appends the batch's held documents to the file
  void rethrow_failure();
  void fail(std::exception_ptr failure);  // in the thread: stop, keep `failure`
  void commit_batch();
  void start_segment();
  void forget_in_closed_segments(const std::string& unique_term);

  std::string base_path_;
  const IndexOptions& options_;
  Storage storage_;
  Xapian::doccount segment_documents_;
  std::vector<std::string> segment_paths_;  // the last one is open (db_)
  Xapian::WritableDatabase db_;
  // Unique terms to delete from closed segments at the next flush (a newer
  // version went into the open one, or the article was removed).
  std::vector<std::string> closed_deletions_;
  std::unordered_map<std::string, Xapian::termcount> pending_spellings_;  // since the flush
  std::unordered_map<std::string, Xapian::termcount> spellings_;          // flushed
  std::vector<ArticleSketch> pending_sketches_;                           // since the flush
  std::vector<ArticleSketch> sketches_;                                   // flushed
  SeenBands* seen_;
  std::vector<std::string> pending_held_;  // serialised, since the flush
  std::string held_path_;
  std::ofstream held_file_;  // opened at the first held document flushed
  std::uint32_t held_count_ = 0;
  DocumentBuilder* builder_ = nullptr;  // the thread's own, while it runs

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Request> queue_;
  std::exception_ptr failure_;  // guarded by mutex_
  bool stopped_ = false;        // the thread has ended
  std::thread thread_;          // last: started once the rest is ready
};

}  // namespace newsdex::indexer
