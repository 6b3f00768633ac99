#include "seen_bands.h"

#include "mix64.h"

namespace newsdex::indexer {
namespace {

// Where a tag's probe starts: its own bits, so that a table can grow
// without the keys the tags came from.
std::size_t home(std::uint32_t tag, std::size_t mask) {
  return static_cast<std::size_t>(tag * 0x9e3779b1U) & mask;
}

constexpr std::size_t kFirstSlots = 1024;

}  // namespace

bool SeenBands::note(const Fingerprint& fp, std::uint64_t page) {
  bool seen = false;
  if (!fp.empty() && fp.bands) {
    for (std::size_t band = 0; band < Fingerprint::kBands; ++band) {
      // Every hash noted, even once one was seen: a later copy may share
      // only this article's other bands.
      seen |= insert(mix64((static_cast<std::uint64_t>(band + 1) << 32) | (*fp.bands)[band]));
    }
  }
  if (page != 0) seen |= insert(mix64(page ^ 0x5bd1e9955bd1e995ULL));
  return seen;
}

void SeenBands::clear() {
  for (Stripe& stripe : stripes_) {
    const std::lock_guard<std::mutex> lock(stripe.mutex);
    std::vector<std::uint32_t>().swap(stripe.slots);
    stripe.used = 0;
  }
}

bool SeenBands::insert(std::uint64_t key) {
  Stripe& stripe = stripes_[key % kStripes];
  auto tag = static_cast<std::uint32_t>(key >> 32);
  if (tag == 0) tag = 1;
  const std::lock_guard<std::mutex> lock(stripe.mutex);
  if (stripe.slots.empty()) stripe.slots.assign(kFirstSlots, 0);
  const std::size_t mask = stripe.slots.size() - 1;
  for (std::size_t i = home(tag, mask);; i = (i + 1) & mask) {
    if (stripe.slots[i] == tag) return true;
    if (stripe.slots[i] == 0) break;
  }
  // Grown at half full: probes stay short.
  if (2 * (stripe.used + 1) > stripe.slots.size()) {
    std::vector<std::uint32_t> grown(2 * stripe.slots.size(), 0);
    for (const std::uint32_t old : stripe.slots) {
      if (old != 0) place(grown, old);
    }
    stripe.slots.swap(grown);
  }
  place(stripe.slots, tag);
  ++stripe.used;
  return false;
}

void SeenBands::place(std::vector<std::uint32_t>& slots, std::uint32_t tag) {
  const std::size_t mask = slots.size() - 1;
  std::size_t i = home(tag, mask);
  while (slots[i] != 0) i = (i + 1) & mask;
  slots[i] = tag;
}

}  // namespace newsdex::indexer
