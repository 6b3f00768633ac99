// Two unrelated news paragraphs and their fingerprints, for the tests of
// what a bulk build does with copies (the ledger, the seen bands).
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "near_duplicates.h"

namespace newsdex::indexer::story_texts {

inline Fingerprint fingerprint_of(const std::string& text) {
  std::vector<std::string> store;
  std::istringstream in(text);
  for (std::string word; in >> word;) store.push_back(word);
  return Fingerprint::of_words({store.begin(), store.end()});
}

inline const std::string kStory =
    "the port authority said on monday that the storm had closed both container terminals "
    "and that dozens of ships were waiting outside the harbour for the wind to drop before "
    "pilots could bring them in safely shipping lines warned customers of delays of up to a "
    "week and truck drivers queued for hours on the approach roads";
inline const std::string kOther =
    "the central bank raised interest rates by half a point on thursday and signalled that "
    "further increases were likely as inflation stayed well above its target for a second "
    "year sending the currency to a three month high against the dollar";

}  // namespace newsdex::indexer::story_texts
