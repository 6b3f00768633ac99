#include "story_counter.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <string_view>

#include "newsdex/common/schema.h"

namespace newsdex::searcher {
namespace {

// The 8-byte value of the cluster slot as a number; nullopt for anything else.
std::optional<std::uint64_t> key_of(std::string_view value) {
  if (value.size() != 8) return std::nullopt;
  std::uint64_t key = 0;
  for (char byte : value) key = (key << 8) | static_cast<unsigned char>(byte);
  return key;
}

}  // namespace

void StoryTally::add(const StoryTally& other) {
  articles += other.articles;
  without_key += other.without_key;
  std::vector<std::uint64_t> merged;
  merged.reserve(keys.size() + other.keys.size());
  std::set_union(keys.begin(), keys.end(), other.keys.begin(), other.keys.end(),
                 std::back_inserter(merged));
  keys = std::move(merged);
}

StoryTally story_tally_of(const Xapian::ValueCountMatchSpy& spy) {
  StoryTally tally;
  tally.articles = static_cast<Xapian::doccount>(spy.get_total());
  Xapian::doccount with_key = 0;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    if (const auto key = key_of(*it)) {
      tally.keys.push_back(*key);
      with_key += it.get_termfreq();
    }
  }
  std::sort(tally.keys.begin(), tally.keys.end());
  tally.keys.erase(std::unique(tally.keys.begin(), tally.keys.end()), tally.keys.end());
  tally.without_key = tally.articles - with_key;
  return tally;
}

void StoryCountMatchSpy::operator()(const Xapian::Document& doc, double) {
  ++articles_;
  // Eight bytes: held in the string itself, no allocation.
  const auto key = key_of(doc.get_value(schema::kSlotCluster));
  if (!key) {
    ++without_key_;
    return;
  }
  keys_.push_back(*key);
  sorted_ = false;
}

Xapian::doccount StoryCountMatchSpy::stories() {
  if (!sorted_) {
    std::sort(keys_.begin(), keys_.end());
    keys_.erase(std::unique(keys_.begin(), keys_.end()), keys_.end());
    sorted_ = true;
  }
  return static_cast<Xapian::doccount>(keys_.size()) + without_key_;
}

StoryTally StoryCountMatchSpy::tally() {
  stories();  // sorts the keys
  return StoryTally{articles_, without_key_, keys_};
}

}  // namespace newsdex::searcher
