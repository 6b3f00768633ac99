// slot_ordinals.h (internal) — one value slot of one index revision as a
// small number per document, for counting facets without reading values.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace newsdex::searcher {

/// The distinct values of a slot, sorted, and for every document the
/// ordinal of its value: what Lucene calls a field cache. Reading a value
/// through Xapian costs a B-tree lookup per matching document (about a
/// microsecond on a million-article index); an ordinal is an array index.
///
/// A snapshot of one revision: immutable once built, so it may be shared.
/// Memory: 4 bytes per document number up to the highest, plus the values.
class SlotOrdinals {
 public:
  /// The ordinal of documents without a value.
  static constexpr std::uint32_t kNoValue = 0;
  /// The "ordinal" of a document newer than the snapshot.
  static constexpr std::uint32_t kOutside = std::numeric_limits<std::uint32_t>::max();

  /// Reads every value of `slot` in one pass over its value stream.
  /// @throws Xapian::Error from the database (e.g. a remote shard, whose
  ///         value streams Xapian 1.4 cannot read)
  SlotOrdinals(const Xapian::Database& db, Xapian::valueno slot);

  Xapian::valueno slot() const { return slot_; }

  std::uint32_t ordinal_of(Xapian::docid document) const {
    return document < ordinals_.size() ? ordinals_[document] : kOutside;
  }

  /// Distinct values; ordinals run from 1 to value_count().
  std::uint32_t value_count() const { return static_cast<std::uint32_t>(values_.size()); }
  const std::string& value(std::uint32_t ordinal) const { return values_[ordinal - 1]; }

  std::size_t memory_bytes() const;

 private:
  Xapian::valueno slot_;
  std::vector<std::uint32_t> ordinals_;  // indexed by document number
  std::vector<std::string> values_;      // ordinal - 1 -> value, sorted
};

/// Counts the values of a slot over the matching documents from its
/// ordinals. A database of one shard only: over several, Xapian 1.4 gives
/// spies each match's document number within its own shard.
class OrdinalCountMatchSpy : public Xapian::MatchSpy {
 public:
  explicit OrdinalCountMatchSpy(std::shared_ptr<const SlotOrdinals> ordinals);

  void operator()(const Xapian::Document& doc, double weight) override;

  const SlotOrdinals& ordinals() const { return *ordinals_; }
  /// Documents seen (with a value or without).
  Xapian::doccount total() const { return total_; }
  /// Documents seen that are newer than the ordinals: their counts are
  /// missing, so the caller must count again with fresh ordinals.
  Xapian::doccount outside() const { return outside_; }
  /// Matches per ordinal (index 0: documents without a value).
  const std::vector<Xapian::doccount>& counts() const { return counts_; }

 private:
  std::shared_ptr<const SlotOrdinals> ordinals_;
  std::vector<Xapian::doccount> counts_;
  Xapian::doccount total_ = 0;
  Xapian::doccount outside_ = 0;
};

}  // namespace newsdex::searcher
