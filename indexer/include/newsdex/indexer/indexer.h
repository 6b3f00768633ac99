// newsdex/indexer/indexer.h — writes articles into a newsdex index.
//
// An index is a Xapian database directory laid out as docs/schema.md says.
// Articles are keyed by id: adding an id that is already indexed replaces
// the old version, so re-running an import never duplicates anything.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "newsdex/common/analyzer.h"
#include "newsdex/common/article.h"
#include "newsdex/indexer/synonyms.h"

namespace newsdex::indexer {

/// Settings of an Indexer.
struct IndexOptions {
  /// Index directory; created (with parents' existence required) if missing.
  /// Default "newsdex.db".
  std::string db_path = "newsdex.db";
  /// Articles per commit: larger batches index faster but lose more work on a
  /// crash and use more memory. Default 5000.
  std::size_t batch_size = 5000;
  /// How many times a title word counts compared with a body word, so a title
  /// match outranks a body-only match. Default 3.
  unsigned title_weight = 3;
  /// Feed Xapian's spelling dictionary with every indexed word, for "did
  /// you mean" suggestions. Costs indexing time and space. Default true.
  bool spelling = true;
  /// Text analysis; the searcher must use the same settings.
  AnalyzerOptions analyzer;
  /// Writer threads for building a new index: with more than one, an index
  /// that is empty when opened is built as that many segments in parallel
  /// and merged (Xapian compaction) at the first commit(); batches are then
  /// committed to the segments and survive discard(), but the index shows
  /// nothing until that commit() (a crash before it leaves the index empty).
  /// After it, and for an index that already has articles, one thread
  /// writes. 0: one per core. Default 1.
  unsigned threads = 1;
  /// In a parallel build, documents per segment: each writer starts a new
  /// segment at the first batch commit after its segment holds this many,
  /// because Xapian adds to a small database faster than to a large one
  /// (the segments are merged at the end anyway). Default 10000.
  std::size_t segment_size = 10000;
  /// Sharded index (docs/scaling.md): with N > 0, a db_path that does not
  /// exist yet (or is an empty folder) becomes N shard databases, an
  /// auxiliary one (spelling, synonyms, metadata) and a `shards.stub`; on an
  /// existing sharded index N must match its count. 0: whatever db_path is
  /// (a new one is a single database). Every shard is written on its own
  /// thread (`threads` is not used), an article going to the shard its id
  /// hashes to (shards::shard_of). Default 0.
  unsigned shards = 0;
  /// On a sharded index, write only this shard: articles of other shards
  /// are skipped (AddOutcome::kOtherShard), so each machine can build its
  /// own shard from the same feed. Duplicate clusters are then settled
  /// within the shard only (docs/scaling.md). Default: every shard.
  std::optional<unsigned> only_shard;
  /// On a sharded index, write the auxiliary database (spelling dictionary
  /// of every article read, synonyms). Default: when every shard is written.
  std::optional<bool> write_aux;
};

/// What add() did with an article.
enum class AddOutcome {
  kAdded,       ///< the id was new
  kReplaced,    ///< the id was indexed with other content, which was replaced
  kUnchanged,   ///< the id was indexed with exactly this content: nothing written
  kOtherShard,  ///< belongs to a shard this Indexer does not write (IndexOptions::only_shard)
};

class ShardedWriter;

/// The single writer of an index (of each shard of a sharded one).
///
/// Only one Indexer (in any process) may have an index open at a time; a
/// second one gets IndexLockedError. Not thread-safe: call it from one thread.
/// Changes are held in memory and written at each commit, automatically
/// every `batch_size` changes and when commit() is called, as one atomic
/// Xapian commit: after a crash the index holds exactly the last commit.
/// The destructor commits what is pending but cannot report a failure, so
/// call commit() yourself.
class Indexer {
 public:
  /// Opens the index at options.db_path, creating it if needed.
  /// @throws IndexLockedError if another writer has it open
  /// @throws IndexError if it cannot be opened or created
  /// @throws ConfigError for invalid options (batch_size or title_weight of 0)
  explicit Indexer(IndexOptions options);
  ~Indexer();
  Indexer(Indexer&&) noexcept;
  Indexer& operator=(Indexer&&) noexcept;
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  /// Adds `article`, replacing any article with the same id; an article
  /// whose stored content is identical is left alone (kUnchanged).
  /// @throws ConfigError if the article has no id; IndexError on write failure
  AddOutcome add(const Article& article);

  /// Ids of the indexed articles whose source is `source` (compared like
  /// the source: filter, case-insensitively).
  std::vector<std::string> ids_of_source(std::string_view source) const;

  /// Deletes the article with this id; returns false if there was none.
  /// @throws IndexError on write failure
  bool remove(std::string_view id);

  /// Replaces every synonym group stored in the index with `groups` at the
  /// next commit() (an empty list removes them all). Each entry is stored
  /// as the analyzer normalises it (case-folded, "U.S." as "us", accents
  /// removed), and a query word or run of words matching one entry also
  /// finds the others (docs/news.md).
  /// @throws InputError (the group's file:line) for an entry without a
  ///         searchable word, or a group whose entries all normalise alike
  void set_synonyms(const std::vector<SynonymGroup>& groups);

  /// Makes every change so far durable and visible to searchers. Changes
  /// are committed as a whole: a crash (even kill -9) leaves the index as of
  /// the last commit.
  /// @throws IndexError on failure
  void commit();

  /// Drops every change since the last commit.
  /// @throws IndexError on failure
  void discard();

  /// Number of articles in the index as of the last commit.
  std::uint64_t document_count() const;

  const IndexOptions& options() const noexcept;

 private:
  // A sharded index writes its spelling dictionary into the auxiliary
  // database through this: at the next commit(), as if indexed here.
  friend class ShardedWriter;
  void stage_spellings(const std::unordered_map<std::string, unsigned>& counts);

  class Impl;
  std::unique_ptr<Impl> impl_;              // a single database
  std::unique_ptr<ShardedWriter> sharded_;  // or a sharded index
};

}  // namespace newsdex::indexer
