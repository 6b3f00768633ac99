#include "story_counter.h"

#include <algorithm>

#include "newsdex/common/schema.h"

namespace newsdex::searcher {

void StoryCountMatchSpy::operator()(const Xapian::Document& doc, double) {
  ++articles_;
  // Eight bytes: held in the string itself, no allocation.
  const std::string value = doc.get_value(schema::kSlotCluster);
  if (value.size() != 8) {
    ++without_key_;
    return;
  }
  std::uint64_t key = 0;
  for (char byte : value) key = (key << 8) | static_cast<unsigned char>(byte);
  keys_.push_back(key);
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

}  // namespace newsdex::searcher
