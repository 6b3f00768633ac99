#include "spelling_suggester.h"

#include <algorithm>

#include "newsdex/common/schema.h"

namespace newsdex::searcher {

bool SpellingSuggester::indexed_in_any_form(const Token& word) {
  // Words are indexed as stems (schema.h); title words are in the text field
  // too, so the text field alone tells. The unstemmed form is looked up as
  // well for indexes that hold one.
  std::string stemmed(schema::kStemMarker);
  stemmed += analyzer_.stem(word, language_);
  return db_.term_exists(stemmed) || db_.term_exists(word.term);
}

void SpellingSuggester::check(const Token& word, std::size_t start, std::size_t end) {
  if (word.kind != TokenKind::kWord || word.term.empty() || indexed_in_any_form(word)) return;
  ++corrector_calls_;
  std::string corrected = db_.get_spelling_suggestion(word.term);
  if (corrected.empty() || corrected == word.term) return;
  const bool overlaps =
      std::any_of(corrections_.begin(), corrections_.end(),
                  [&](const Correction& c) { return start < c.end && c.start < end; });
  if (!overlaps) corrections_.push_back({start, end, std::move(corrected)});
}

std::string SpellingSuggester::suggestion(std::string_view query) const {
  if (corrections_.empty()) return {};
  std::vector<Correction> ordered = corrections_;
  std::sort(ordered.begin(), ordered.end(),
            [](const Correction& a, const Correction& b) { return a.start < b.start; });
  std::string out;
  std::size_t at = 0;
  for (const Correction& c : ordered) {
    out.append(query.substr(at, c.start - at));
    out.append(c.replacement);
    at = c.end;
  }
  out.append(query.substr(at));
  return out;
}

}  // namespace newsdex::searcher
