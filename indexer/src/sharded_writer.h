// sharded_writer.h (internal) — writes a sharded index (docs/scaling.md):
// routes each article to the shard its id hashes to, writes the shards on
// threads of their own, settles duplicate clusters across shards and keeps
// the spelling dictionary, synonyms and metadata in the auxiliary database.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bulk_writer.h"
#include "document_builder.h"
#include "newsdex/common/analyzer.h"
#include "newsdex/indexer/indexer.h"
#include "shard_worker.h"

namespace newsdex::indexer {

/// What Indexer does for a sharded index; the same contract, except that a
/// commit is atomic per database (each shard, then the auxiliary one), not
/// across them: a crash between two leaves some shards a batch ahead, which
/// re-running the import repairs (unchanged articles are skipped).
///
/// When every shard it writes is empty (a new index, or the first run of
/// `--shard K` on its machine), it builds them as Indexer builds a new
/// index: a BulkWriter per shard writes segments on its own threads, the
/// duplicate clusters of all of them are settled once, in input order, by
/// one ClusterLedger (with the articles of the other shards sketched, in a
/// `--shard K` run, so its clusters are those of a build of every shard),
/// and each shard is compacted from its segments at the commit, all shards
/// at once. Later runs write the shards in place, batch by batch.
class ShardedWriter {
 public:
  /// Opens the sharded index at options.db_path, creating it when
  /// options.shards > 0 and the path is new or an empty folder.
  /// @throws ConfigError for a layout that does not fit the options
  /// @throws IndexLockedError, IndexError as Indexer
  explicit ShardedWriter(IndexOptions options);
  ~ShardedWriter();
  ShardedWriter(const ShardedWriter&) = delete;
  ShardedWriter& operator=(const ShardedWriter&) = delete;

  AddOutcome add(const Article& article);
  bool remove(std::string_view id);
  std::vector<std::string> ids_of_source(std::string_view source) const;
  void set_synonyms(const std::vector<SynonymGroup>& groups);
  void commit();
  void discard();
  std::uint64_t document_count() const;
  const IndexOptions& options() const noexcept { return options_; }

 private:
  struct Shard {
    unsigned number;
    std::string path;
    std::unique_ptr<ShardWorker> worker;  // writing in place
    std::unique_ptr<BulkWriter> bulk;     // building the empty shard
    // Held open while it is built in bulk: the lock another indexer meets.
    std::optional<Xapian::WritableDatabase> held;
    Xapian::Database reader;  // the shard as of its last commit
  };

  Shard* shard_for(std::string_view id);
  // The content hash `unique_term` has now in `shard` (pending changes
  // first); nullopt when absent, "" for an article stored without one.
  std::optional<std::string> current_hash(Shard& shard, const std::string& unique_term) const;
  void keep_spellings_of(const Article& article);
  void settle_clusters();
  void write_aux(std::unordered_map<std::string, unsigned> spellings);
  // Starts writing the shards in place (ShardWorker), after a bulk build too.
  void start_in_place();
  std::size_t bulk_pending() const;
  // Settles the clusters of the bulk build, compacts every shard and
  // writes the auxiliary database; then the shards are written in place.
  void finish_bulk_build();

  IndexOptions options_;
  unsigned shard_count_ = 0;
  std::vector<Shard> shards_;     // the shards written here
  std::unique_ptr<Indexer> aux_;  // when options_.write_aux
  bool bulk_ = false;             // the shards are being built by BulkWriters
  SharedBuild shared_build_;      // their input positions and bands seen
  // Content hash per id term changed since the last commit (nullopt: removed).
  std::unordered_map<std::string, std::optional<std::string>> pending_ids_;
  // When each id was last added in this batch, in input order: the order in
  // which clusters are settled, as one writer would have given them.
  std::unordered_map<std::string, std::uint64_t> added_at_;
  std::uint64_t next_addition_ = 0;
  // Spelling words of articles read but written by another machine's run
  // (only_shard with write_aux), analysed here.
  std::unique_ptr<Analyzer> analyzer_;
  std::unique_ptr<DocumentBuilder> builder_;
  std::unordered_map<std::string, Xapian::termcount> other_spellings_;
  std::unordered_map<std::string, std::string> other_shard_hashes_;  // by id, this run
};

}  // namespace newsdex::indexer
