// spelling_suggester.h (internal) — "did you mean", asked only where it can
// help.
//
// Xapian's corrector (Database::get_spelling_suggestion) reads the trigram
// postings of a word: on a one-word query it cost more than the search. A
// word the index holds in any form (as written or stemmed, in titles or
// bodies) is never corrected, so the corrector runs only for words that two
// B-tree lookups show to be absent, which is where it is wanted.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/common/analyzer.h"

namespace newsdex::searcher {

class SpellingSuggester {
 public:
  SpellingSuggester(const Xapian::Database& db, Analyzer& analyzer, std::string language)
      : db_(db), analyzer_(analyzer), language_(std::move(language)) {}

  /// Looks at one word of the query, which stands at bytes [start, end) of
  /// the query text; corrects it if the index has it in no form.
  void check(const Token& word, std::size_t start, std::size_t end);

  /// `query` with every correction made, or empty when there is none.
  std::string suggestion(std::string_view query) const;

  /// How many words were sent to the corrector (for tests and profiles).
  std::size_t corrector_calls() const { return corrector_calls_; }

 private:
  bool indexed_in_any_form(const Token& word);

  struct Correction {
    std::size_t start;
    std::size_t end;
    std::string replacement;
  };

  const Xapian::Database& db_;
  Analyzer& analyzer_;
  std::string language_;
  std::vector<Correction> corrections_;
  std::size_t corrector_calls_ = 0;
};

}  // namespace newsdex::searcher
