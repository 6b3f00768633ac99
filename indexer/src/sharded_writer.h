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

#include "cluster_ledger.h"
#include "document_builder.h"
#include "newsdex/common/analyzer.h"
#include "newsdex/indexer/indexer.h"
#include "shard_worker.h"

namespace newsdex::indexer {

/// What Indexer does for a sharded index; the same contract, except that a
/// commit is atomic per database (each shard, then the auxiliary one), not
/// across them: a crash between two leaves some shards a batch ahead, which
/// re-running the import repairs (unchanged articles are skipped).
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
    std::unique_ptr<ShardWorker> worker;
    Xapian::Database reader;  // the shard as of its last commit
  };

  Shard* shard_for(std::string_view id);
  // The input position of the current version of `unique_term` in this
  // run, if it has one (ledger mode).
  std::optional<std::uint64_t> current_seq(const std::string& unique_term) const;
  // Numbers a new version of `unique_term`, or its removal, telling the
  // ledger which version it ends; returns its input position.
  std::uint64_t next_version(const std::string& unique_term, bool removal);
  // Gives the articles a copy joined after they were written their value.
  void write_cluster_values();
  // The content hash `unique_term` has now in `shard` (pending changes
  // first); nullopt when absent, "" for an article stored without one.
  std::optional<std::string> current_hash(Shard& shard, const std::string& unique_term) const;
  // An article of a shard another run writes: its spelling words (when
  // this run writes the auxiliary database) and, in ledger mode, its
  // sketch, so that clusters span every shard.
  void note_other_shards_article(const Article& article);
  void settle_clusters();
  void write_aux();

  IndexOptions options_;
  unsigned shard_count_ = 0;
  // Ledger mode, when every shard written here starts empty: clusters are
  // settled in memory as the shards are written, across every shard of the
  // index, those other runs write included (cluster_ledger.h). Otherwise
  // after each batch, from the shards (settle_clusters). Outlives the
  // shards' writers.
  std::unique_ptr<ClusterLedger> ledger_;
  // Input position of each id's current version in this run, as of the last
  // commit and since (nullopt: removed); the next, and the first after the
  // last commit.
  std::unordered_map<std::string, std::uint64_t> committed_seqs_;
  std::unordered_map<std::string, std::optional<std::uint64_t>> pending_seqs_;
  std::uint64_t next_seq_ = 0;
  std::uint64_t committed_seq_ = 0;
  std::vector<Shard> shards_;     // the shards written here
  std::unique_ptr<Indexer> aux_;  // when options_.write_aux
  // Content hash per id term changed since the last commit (nullopt: removed).
  std::unordered_map<std::string, std::optional<std::string>> pending_ids_;
  // When each id was last added in this batch, in input order: the order in
  // which clusters are settled, as one writer would have given them.
  std::unordered_map<std::string, std::uint64_t> added_at_;
  std::uint64_t next_addition_ = 0;
  // Articles read but written by another machine's run (only_shard),
  // analysed here for their spelling words (with write_aux) and sketches
  // (ledger mode).
  std::unique_ptr<Analyzer> analyzer_;
  std::unique_ptr<DocumentBuilder> builder_;
  std::unordered_map<std::string, Xapian::termcount> other_spellings_;
  std::unordered_map<std::string, std::string> other_shard_hashes_;  // by id, this run
};

}  // namespace newsdex::indexer
