// cluster_ledger.h (internal) — the duplicate clusters of a bulk build,
// settled in memory, in input order, before its segments are merged.
//
// The segments of a bulk build are written in parallel and out of input
// order, so when a document is written its cluster is not known yet: it
// goes in alone (the term of its own key, no value), or, when it is a
// probable copy (seen_bands.h), is held back unwritten. Each writer notes a
// sketch of every article it writes or holds (its fingerprint, page, key
// and place); at the end the ledger replays the build as one writer would
// have run it (an article joins the cluster of its closest earlier copy
// still in the index, near_duplicates.h) and lists the documents that get
// a key, and the held ones with the key to write them with. The changes
// are made in the segments, which are then merged: the merged index is
// written once, and the index itself is never scanned for candidates.
//
// Memory: one sketch per article that has a fingerprint or a page
// (about 200 bytes), plus a few bytes per band while settling.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

#include "near_duplicates.h"

namespace newsdex::indexer {

/// What the ledger needs of one written article version.
struct ArticleSketch {
  /// The `writer` of an article of another shard (BulkWriter::sketch_only).
  static constexpr std::uint32_t kNoWriter = 0xffffffff;

  /// When it was added, in input order (unique per version).
  std::uint64_t seq = 0;
  Fingerprint fingerprint;  ///< empty: too short to have one
  std::uint64_t page = 0;   ///< its page term's hash; 0: none
  /// The key of the cluster it would start (its term's; written alone).
  std::uint64_t key = 0;
  std::uint32_t writer = 0;   ///< the writer that holds it
  std::uint32_t segment = 0;  ///< that writer's segment (unless `held`)
  Xapian::docid docid = 0;    ///< in that segment, or its place among the held
  /// Not written yet: the writer holds it back until the clusters are
  /// settled; `docid` numbers it among the writer's held documents from 0.
  bool held = false;
  /// false: sketched only, written by another shard's build; it counts as
  /// a copy, but no change of its is made here.
  bool written = true;
};

/// A document whose cluster key must change, or a held one to write.
struct ClusterChange {
  enum class Kind : std::uint8_t {
    kJoin,   ///< it joined a cluster: term and value (set_cluster_key)
    kStart,  ///< it starts one: its term holds `key`, the value is to be set
    kAlone,  ///< (held only) it has no copy: written as it was built
  };
  std::uint32_t writer = 0;
  std::uint32_t segment = 0;  ///< unless `held`
  Xapian::docid docid = 0;    ///< in the segment, or its place among the held
  std::string key;            ///< the new key, 16 hex digits
  Kind kind = Kind::kJoin;
  bool held = false;  ///< not written yet (ArticleSketch::held)
};

/// The cluster key (16 hex digits) as a number, and back.
std::uint64_t cluster_key_number(std::string_view key);
std::string cluster_key_text(std::uint64_t key);

/// The hash in a page term (page_term()), as a number; 0 for none.
std::uint64_t page_number(std::string_view page_term);

/// Collects what a bulk build wrote and settles its clusters. Not
/// thread-safe: each writer keeps its own sketches, handed over at the end.
class ClusterLedger {
 public:
  /// Adds the sketches of one writer.
  void add(std::vector<ArticleSketch> sketches);

  /// Version `seq` stops counting as a copy from input position `at` on:
  /// it was replaced by version `at` or removed by request `at`.
  void supersede(std::uint64_t seq, std::uint64_t at);

  /// The changes that give every article still in the index (not
  /// superseded) the cluster key one writer would have given it: those
  /// that joined a cluster (term and value) and those a later copy joined
  /// (value only); and every held article still in the index, in input
  /// order, whatever its kind.
  std::vector<ClusterChange> settle();

 private:
  std::vector<ArticleSketch> sketches_;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> supersessions_;  // (seq, at)
};

}  // namespace newsdex::indexer
