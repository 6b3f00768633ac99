#include "slot_ordinals.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace newsdex::searcher {

SlotOrdinals::SlotOrdinals(const Xapian::Database& db, Xapian::valueno slot) : slot_(slot) {
  ordinals_.assign(static_cast<std::size_t>(db.get_lastdocid()) + 1, kNoValue);
  // Ordinals are first handed out in the order values are met, then
  // renumbered so that ordinal order is value order (date facets list
  // buckets in date order).
  std::unordered_map<std::string, std::uint32_t> first_seen;
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    const Xapian::docid document = it.get_docid();
    if (document >= ordinals_.size()) ordinals_.resize(static_cast<std::size_t>(document) + 1);
    auto [entry, added] = first_seen.try_emplace(*it, 0);
    if (added) {
      values_.push_back(entry->first);
      entry->second = static_cast<std::uint32_t>(values_.size());
    }
    ordinals_[document] = entry->second;
  }
  std::vector<std::uint32_t> by_value(values_.size());
  std::iota(by_value.begin(), by_value.end(), 0);
  std::sort(by_value.begin(), by_value.end(),
            [&](std::uint32_t a, std::uint32_t b) { return values_[a] < values_[b]; });
  std::vector<std::uint32_t> renumbered(values_.size() + 1, kNoValue);
  std::vector<std::string> sorted;
  sorted.reserve(values_.size());
  for (std::uint32_t rank = 0; rank < by_value.size(); ++rank) {
    renumbered[by_value[rank] + 1] = rank + 1;
    sorted.push_back(std::move(values_[by_value[rank]]));
  }
  values_ = std::move(sorted);
  for (std::uint32_t& ordinal : ordinals_) ordinal = renumbered[ordinal];
}

std::size_t SlotOrdinals::memory_bytes() const {
  std::size_t bytes = ordinals_.capacity() * sizeof(std::uint32_t);
  for (const std::string& value : values_) bytes += sizeof(std::string) + value.capacity();
  return bytes;
}

OrdinalCountMatchSpy::OrdinalCountMatchSpy(std::shared_ptr<const SlotOrdinals> ordinals)
    : ordinals_(std::move(ordinals)), counts_(ordinals_->value_count() + 1, 0) {}

void OrdinalCountMatchSpy::operator()(const Xapian::Document& doc, double) {
  ++total_;
  const std::uint32_t ordinal = ordinals_->ordinal_of(doc.get_docid());
  if (ordinal == SlotOrdinals::kOutside) {
    ++outside_;
  } else {
    ++counts_[ordinal];
  }
}

}  // namespace newsdex::searcher
