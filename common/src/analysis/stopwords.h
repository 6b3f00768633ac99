// stopwords.h (internal) — function words dropped from queries (not from the
// index, so phrases with them still match).
#pragma once

#include <string_view>
#include <vector>

namespace newsdex::analysis {

/// The stopwords of a language (ISO 639-1 code or Xapian stemmer name), in
/// the analyzer's normalised form; empty for languages without a list
/// (en, de, fr, es, it, nl, pt have one).
const std::vector<std::string_view>& stopwords(std::string_view language);

}  // namespace newsdex::analysis
