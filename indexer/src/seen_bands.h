// seen_bands.h (internal) — the LSH bands and pages of the articles a bulk
// build has fingerprinted so far, shared by its writer threads, so that a
// writer can tell a probable copy before writing it.
//
// A bulk build settles duplicate clusters once every writer has finished
// (cluster_ledger.h). An article written alone that turns out to have
// joined a cluster must then be read back from its segment and rewritten
// with the cluster's term and value: at 1M articles a quarter of them, and
// reading their term lists back was most of the feature's cost. An article
// none of whose bands or page has been seen yet can be the first copy of a
// story but is not a later one, so it is written at once; one that shares
// a band or page with an earlier article is held back and written after
// the clusters are settled, with its final key (BulkWriter).
//
// A hint, not a verdict: articles are noted in the order the writers reach
// them, which is only roughly input order, and a stored hash is shortened
// to 38 bits, so a copy may be written at once (it is rewritten, as
// before) and a unique article held back (it is written unchanged later).
// Neither changes what the index holds.
//
// Memory: about 12 bytes per band and page noted (11 per article).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

#include "near_duplicates.h"

namespace newsdex::indexer {

/// Thread-safe.
class SeenBands {
 public:
  /// Notes the bands of `fp` (none if empty) and page `page` (0: none);
  /// true if any of them had been noted before.
  bool note(const Fingerprint& fp, std::uint64_t page);
  /// Forgets everything and frees the memory: once the writers are done,
  /// the settling that follows needs the room.
  void clear();

 private:
  // Striped so that writers rarely wait for one another.
  static constexpr std::size_t kStripes = 64;
  struct Stripe {
    std::mutex mutex;
    std::vector<std::uint32_t> slots;  // open addressing; 0: empty
    std::size_t used = 0;
  };
  // Adds `key`; true if it was there.
  bool insert(std::uint64_t key);
  static void place(std::vector<std::uint32_t>& slots, std::uint32_t tag);

  std::array<Stripe, kStripes> stripes_;
};

}  // namespace newsdex::indexer
