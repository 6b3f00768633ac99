// facet_cache.h (internal) — when a Searcher counts facets from per-document
// ordinals instead of reading each match's value.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <set>

#include "slot_ordinals.h"

namespace newsdex::searcher {

/// Owns the SlotOrdinals of one Searcher's current revision and decides
/// when they are worth building.
///
/// Building a slot's ordinals reads every document's value once; a
/// value-reading spy reads one value per match. So a slot gets ordinals
/// once spies have read enough values on this revision to have paid for a
/// build (the rent-or-buy rule: never more than about twice the cost of the
/// better choice made in hindsight). A one-off search from the command line
/// therefore never pays for a build, and a server does after a few broad
/// searches. Preloaded slots are built up front instead.
class FacetCache {
 public:
  /// `enabled` false: always spies. `preloaded`: slots built as soon as
  /// they are asked for, on every revision.
  FacetCache(bool enabled, std::set<Xapian::valueno> preloaded);

  /// The ordinals to count `slot` with on `db`'s current revision, built
  /// now if the slot is preloaded or its spies have earned it; null to
  /// count with a value-reading spy.
  std::shared_ptr<const SlotOrdinals> ordinals_for(const Xapian::Database& db,
                                                   Xapian::valueno slot);

  /// Builds the preloaded slots' ordinals now, so that no search waits
  /// for them (a Searcher does this when it opens). Best effort: a slot
  /// that cannot be built now is built by the search that needs it.
  void preload(const Xapian::Database& db);

  /// A spy read `documents` values of `slot` on the current revision.
  void spy_read(Xapian::valueno slot, Xapian::doccount documents);

  /// The database moved to a new revision: the ordinals no longer hold.
  void forget();

 private:
  bool enabled_;
  std::set<Xapian::valueno> preloaded_;
  std::map<Xapian::valueno, std::shared_ptr<const SlotOrdinals>> built_;
  std::map<Xapian::valueno, std::uint64_t> spy_reads_;
};

}  // namespace newsdex::searcher
