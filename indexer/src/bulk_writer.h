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

#include "cluster_ledger.h"
#include "newsdex/common/article.h"
#include "newsdex/indexer/indexer.h"
#include "seen_bands.h"
#include "shard_worker.h"

namespace newsdex::indexer {

/// Spelling words and their counts, as the writers gathered them.
using Spellings = std::unordered_map<std::string, Xapian::termcount>;

/// What the bulk writers of one build share (a sharded index has one per
/// shard): input positions, so that duplicate clusters are settled in
/// input order across all of them, and the bands and pages seen, so that
/// each holds back the probable copies of the others' articles too.
struct SharedBuild {
  std::uint64_t next = 0;
  SeenBands seen;
};

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
  /// `shared`: what a build of several bulk writers shares (borrowed; it
  /// must outlive this); null: this writer's own.
  BulkWriter(const std::string& db_path, unsigned threads, const IndexOptions& options,
             SharedBuild* shared = nullptr);
  /// Stops the writers and removes the work directory (unless merged).
  ~BulkWriter();
  BulkWriter(const BulkWriter&) = delete;
  BulkWriter& operator=(const BulkWriter&) = delete;

  /// As Indexer::add (content hash `hash` already computed).
  AddOutcome add(std::string unique_term, const Article& article, std::string hash);
  /// In a build of one shard of a sharded index (`newsdex-index --shard
  /// K`), an article of another shard: not written, but fingerprinted and
  /// its spelling words kept, so that clusters are settled as in a build
  /// of every shard (a copy here of a story first seen in another shard
  /// takes that story's key) and the auxiliary database gets every word.
  /// An id sketched with this content already is skipped, as add() skips it.
  void sketch_only(std::string unique_term, const Article& article, std::string hash);
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

  // merge_into() in steps, for several bulk writers whose clusters are
  // settled together (the shards of a sharded index): finish() each, hand
  // each to one ClusterLedger, apply() its changes to each, then
  // compact_into() each shard.

  /// Flushes and stops the writers.
  void finish();
  /// Segment writers: their numbers in a ledger run from the `first_writer`
  /// given to hand_to() on.
  std::uint32_t writer_count() const noexcept {
    return static_cast<std::uint32_t>(workers_.size());
  }
  /// Gives `ledger` the sketches of everything written (articles of other
  /// shards, sketch_only(), as kNoWriter) and the versions superseded.
  /// Every bulk writer sharing this one's SharedBuild must have finished.
  void hand_to(ClusterLedger& ledger, std::uint32_t first_writer);
  /// Makes the changes of `changes` that fall to this writer's segments,
  /// and writes the documents its writers held back (in new segments).
  void apply(const std::vector<ClusterChange>& changes, std::uint32_t first_writer);
  /// The spelling words of everything written or sketched.
  Spellings take_spellings();
  /// Compacts every segment, with `spellings` as the spelling dictionary,
  /// into one database and moves it to `output` (see merge_into).
  void compact_into(const std::string& output, const Spellings& spellings);

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
  std::uint64_t next_seq() { return shared_->next++; }

  std::string work_dir_;
  Xapian::doccount segment_documents_;
  Xapian::doccount held_batch_;  // held documents written per commit: a writer's share of a batch
  std::vector<std::unique_ptr<ShardWorker>> workers_;
  // Per writer: the segments its held documents were written to (apply).
  std::vector<std::vector<std::string>> held_segments_;
  // Version per id term: as of the last flush, and changed since
  // (nullopt: removed).
  std::unordered_map<std::string, Version> flushed_ids_;
  std::unordered_map<std::string, std::optional<Version>> pending_ids_;
  // Input positions: of every addition and removal, so that duplicate
  // clusters are settled in input order, as one writer would have.
  SharedBuild own_shared_;
  SharedBuild* shared_;
  // (version, input position at which it was replaced or removed): as of
  // the last flush, and since.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> flushed_supersessions_;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> pending_supersessions_;
  bool merged_ = false;
};

}  // namespace newsdex::indexer
