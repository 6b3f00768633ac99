// bulk_writer.h (internal) — builds a new index on several threads: each
// writes its own segment (a private Xapian database) and the segments are
// merged by compaction at the end.
//
// Xapian's writer is single-threaded and does most of the indexing work
// (inverting documents into posting lists), so the only way to use more
// cores is more writers. Articles are routed to a segment by a hash of their
// id, so every version of an id meets in the same segment, where
// replace_document() keeps the last one, exactly as in one database.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "newsdex/common/article.h"
#include "newsdex/indexer/indexer.h"
#include "shard_worker.h"

namespace newsdex::indexer {

/// The work directory of a bulk build of the index at `db_path`: a sibling,
/// so that the merged result can be renamed into place.
std::string bulk_work_dir(const std::string& db_path);

/// Finishes a bulk build interrupted between its two final renames (the
/// merged index is complete but not yet at `db_path`), and removes the work
/// directory of any other interrupted bulk build. Call before opening
/// `db_path`. @throws IndexError if the directories cannot be changed
void recover_bulk_build(const std::string& db_path);

/// A bulk build in progress. Not thread-safe: one thread calls it; the
/// writers are its own threads.
class BulkWriter {
 public:
  /// Starts `threads` segment writers under bulk_work_dir(db_path).
  BulkWriter(const std::string& db_path, unsigned threads, const IndexOptions& options);
  /// Stops the writers and removes the work directory (unless merged).
  ~BulkWriter();
  BulkWriter(const BulkWriter&) = delete;
  BulkWriter& operator=(const BulkWriter&) = delete;

  /// As Indexer::add (content hash `hash` already computed).
  AddOutcome add(std::string unique_term, const Article& article, std::string hash);
  /// As Indexer::remove: false when the id was not added.
  bool remove(std::string unique_term);
  /// Changes since the last flush().
  std::size_t pending() const noexcept { return pending_ids_.size(); }
  /// Commits every segment: the changes so far survive discard().
  void flush();
  /// Drops the changes since the last flush().
  void discard();
  /// Flushes, stops the writers, compacts every segment into one database
  /// and moves it to `output`, replacing the (empty) index there, which no
  /// one may have open.
  void merge_into(const std::string& output);

 private:
  // An id's article as the build holds it.
  struct Version {
    std::string hash;   // content hash
    std::uint64_t seq;  // when it was added, in input order
  };
  ShardWorker& worker_for(const std::string& unique_term);
  // The version an id has now: pending changes first, then flushed ones;
  // null when absent (never added, or removed).
  const Version* current(const std::string& unique_term) const;
  // Gives each article of the segments the cluster of its closest earlier
  // copy: segments are written in parallel, so clusters are settled once
  // every writer has finished, before the merge (cluster_ledger.h).
  void settle_clusters();

  std::string work_dir_;
  std::vector<std::unique_ptr<ShardWorker>> workers_;
  // Version per id term: as of the last flush, and changed since
  // (nullopt: removed).
  std::unordered_map<std::string, Version> flushed_ids_;
  std::unordered_map<std::string, std::optional<Version>> pending_ids_;
  // Input positions: of every addition and removal, so that duplicate
  // clusters are settled in input order, as one writer would have.
  std::uint64_t next_seq_ = 0;
  // (version, input position at which it was replaced or removed): as of
  // the last flush, and since.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> flushed_supersessions_;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> pending_supersessions_;
  bool merged_ = false;
};

}  // namespace newsdex::indexer
