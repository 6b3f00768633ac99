// cluster_ledger.h (internal) — the duplicate clusters of a build that
// starts empty (a parallel bulk build, a new sharded index), settled in
// memory and in input order while its writers run.
//
// The segments or shards are written in parallel by several writers,
// each analysing the articles routed to it. A writer publishes the sketch
// of every article it analyses (fingerprint, page, the key of the cluster
// it would start) and holds the document back until the ledger has settled
// it: the ledger settles an article once every earlier one (in input
// order) is published, exactly as one writer would (it joins the cluster of
// its closest earlier copy still in the index, near_duplicates.h). So every
// document is written once, with its final cluster term; only an article
// that a later copy joins after it was written needs a change afterwards,
// of its value alone (take_changes()). A writer may also write without
// waiting (the segments of a bulk build, which are scratch space): each
// article alone, and take_changes() lists the joiners' term changes too,
// made before the merge. The index is never read for
// candidates: they come from in-memory tables of band and page hashes.
//
// Memory: about 100 bytes per article plus 16 per band and page hash.
#pragma once

#include <xapian.h>

#include <array>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "near_duplicates.h"

namespace newsdex::indexer {

/// What the ledger needs of one article version, as its writer publishes it.
struct ArticleSketch {
  /// When it was added, in input order (unique per version).
  std::uint64_t seq = 0;
  Fingerprint fingerprint;  ///< empty: too short to have one; bands needed
  std::uint64_t page = 0;   ///< its page term's hash; 0: none
  /// The key of the cluster it would start (the term it was built with).
  std::uint64_t key = 0;
};

/// The sketch of an article built into `doc` with fingerprint `fp` (bands
/// included), at input position `seq`.
ArticleSketch sketch_of(const Xapian::Document& doc, const Fingerprint& fp, std::uint64_t seq);

/// How a settled article is to be written.
struct Settlement {
  /// Its cluster key, 16 hex digits: its own or the cluster's it joined.
  std::string key;
  /// It joined a cluster: its term must name `key` instead of its own.
  bool joined = false;
  /// It carries the key as its value (joined, or a copy has joined it).
  bool valued = false;
};

/// A written document whose cluster value must change after the build.
struct ClusterChange {
  std::uint32_t writer = 0;
  std::uint32_t segment = 0;
  Xapian::docid docid = 0;
  /// The value's key (16 hex digits; set_cluster_value), or empty: remove
  /// the value (a discarded copy had joined it, schema::kSlotCluster).
  std::string key;
  /// The document was written alone but joined a cluster: its term must
  /// name `key` too (set_cluster_key, which rewrites its term list).
  bool term = false;
};

/// The cluster key (16 hex digits) as a number, and back.
std::uint64_t cluster_key_number(std::string_view key);
std::string cluster_key_text(std::uint64_t key);

/// The hash in a page term (page_term()), as a number; 0 for none.
std::uint64_t page_number(std::string_view page_term);

/// A map from hashes to members (an article, or a group of them): open
/// addressing, 12 or 8 bytes a slot, a quarter of what std::unordered_map
/// takes per entry at the ten million band hashes of a million articles.
template <typename Key>
class MemberTable {
 public:
  /// The members of `hash`, if any.
  std::optional<std::uint32_t> find(Key hash) const;
  /// Sets the members of `hash`.
  void set(Key hash, std::uint32_t members);
  /// Removes `hash` (undoing its first member).
  void erase(Key hash);

 private:
  std::size_t slot_of(Key hash) const;
  void grow();
  std::vector<Key> keys_;
  std::vector<std::uint32_t> values_;  // members + 1; 0: an empty slot
  std::size_t size_ = 0;
};

/// Settles the clusters of one build. Thread-safe: the dispatcher
/// numbers the input (seq 0, 1, ...) and reports removals and
/// replacements; each writer publishes what it analyses, waits for its
/// articles to be settled and reports where it wrote them.
class ClusterLedger {
 public:
  // -- The dispatcher, in input order --------------------------------------

  /// Version `seq` stops counting as a copy from input position `at` on
  /// (it was replaced by version `at` or removed by request `at`). Call
  /// before `at` is published or skipped.
  void supersede(std::uint64_t seq, std::uint64_t at);
  /// Input position `seq` holds no article to settle (a removal).
  void skip(std::uint64_t seq);
  /// Everything before `seq` is committed: discard_from() will not go back
  /// further (its undo records can go).
  void keep_before(std::uint64_t seq);
  /// Forgets input positions `seq` onwards (a discarded batch): none of
  /// them counts as a copy, and what they changed is undone. Every
  /// position before the next one to be given out must have been published
  /// or skipped, and nothing of them written that is kept.
  void discard_from(std::uint64_t seq);

  // -- The writers -----------------------------------------------------------

  /// The article at `sketch.seq` is analysed; settles what can be.
  void publish(ArticleSketch sketch);
  /// Whether `seq` is settled (every earlier position is published).
  bool settled(std::uint64_t seq) const;
  /// Waits until `seq` is settled; then how it is to be written.
  Settlement settlement(std::uint64_t seq) const;
  /// `seq` is written at `docid` of `writer`'s `segment`, with its cluster
  /// value or without, with the term of the cluster it joined or its own
  /// (as settlement() said, or alone when it was written without waiting:
  /// take_changes() then lists what differs).
  void written(std::uint64_t seq, std::uint32_t writer, std::uint32_t segment, Xapian::docid docid,
               bool valued, bool joined);

  /// A writer has failed (or the build stops): every wait ends, rethrowing
  /// `cause`, since what it waits for may never be published.
  void abandon(std::exception_ptr cause);

  // -- At the end ------------------------------------------------------------

  /// The documents written without the value (or term) they must now
  /// have (a copy joined them since, or they joined a cluster after being
  /// written alone), or with a value they must not have (that copy was
  /// discarded), that no earlier call returned; versions still in the
  /// index only. The caller writes them: the ledger counts them as written
  /// so. Call while no writer writes (between batches, or at the end).
  std::vector<ClusterChange> take_changes();

 private:
  using Place = std::uint32_t;  // an input position, as a table stores it
  enum class State : std::uint8_t { kUnpublished, kPublished, kSettled };
  enum class Change : std::uint8_t { kNone, kValue, kKey };  // kKey: term and value
  struct Entry {
    std::uint64_t key = 0;  // own key, then the cluster's
    std::uint64_t superseded_at = UINT64_MAX;
    std::uint32_t shingles = 0;  // the fingerprint, without its bands
    std::array<std::uint8_t, Fingerprint::kHashes> mins{};
    State state = State::kUnpublished;
    Change change = Change::kNone;
    bool written = false;
    bool written_valued = false;
    bool written_joined = false;
    std::uint32_t writer = 0;
    std::uint32_t segment = 0;
    Xapian::docid docid = 0;
    Fingerprint fingerprint() const;
  };
  // What settling or superseding changed, to undo a discarded batch.
  struct Undo {
    enum class Kind : std::uint8_t { kBand, kPage, kGroupAppend, kStarter, kSupersede } kind;
    std::uint64_t seq;     // the position whose settling (or removal) did it
    std::uint64_t target;  // band slot / page hash / group / place
    std::uint64_t before;  // the previous value there
  };

  Entry& entry(std::uint64_t seq);  // grows the ledger as needed
  void settle_ready();              // with mutex_ held
  void settle(Place place);
  // Members of a band or page: one article, or a group of several.
  static constexpr std::uint32_t kGroupBit = 0x8000'0000U;
  void add_candidates(std::uint32_t members, Place place, bool same_page,
                      std::vector<Xapian::docid>& candidates, std::vector<Xapian::docid>& pages);
  std::uint32_t joined_members(std::uint32_t members, Place place);
  Settlement settlement_of(const Entry& e) const;

  mutable std::mutex mutex_;
  mutable std::condition_variable settled_changed_;
  std::deque<Entry> entries_;   // by seq
  std::uint64_t frontier_ = 0;  // the first position not settled
  // Published articles' band and page hashes, until they are settled.
  struct Hashes {
    std::array<std::uint32_t, Fingerprint::kBands> bands;
    std::uint64_t page;
  };
  std::unordered_map<std::uint64_t, Hashes> unsettled_;
  // Band hash (one table per band) and page hash -> members.
  std::array<MemberTable<std::uint32_t>, Fingerprint::kBands> bands_;
  MemberTable<std::uint64_t> pages_;
  std::vector<std::vector<Place>> groups_;
  std::vector<Undo> undo_;
  // Articles whose value was given or taken back since take_changes().
  std::vector<Place> touched_;
  std::exception_ptr abandoned_;
};

}  // namespace newsdex::indexer
