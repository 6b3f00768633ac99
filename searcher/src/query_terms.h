// query_terms.h (internal) — the words of a query as the text of a hit
// is matched against them, for highlighting titles and choosing snippets.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <bitset>
#include <map>
#include <string>
#include <string_view>

#include "newsdex/common/analyzer.h"
#include "newsdex/common/schema.h"
#include "snippet.h"

namespace newsdex::searcher {

// The terms a title or body word may have been matched through, each with
// an index and its weight in the query (for choosing the snippet).
struct QueryTerms {
  std::map<std::string, TermMatch, std::less<>> words;  // unstemmed, prefix removed
  std::map<std::string, TermMatch, std::less<>> stems;  // stemmed, "Z" and prefix removed

  QueryTerms(const Xapian::Query& query, const Xapian::MSet& mset) {
    int next = 0;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
      const std::string full_term = *it;  // the iterator yields a temporary
      std::string_view term = full_term;
      const bool stemmed = !term.empty() && term.front() == 'Z';
      if (stemmed) term.remove_prefix(1);
      if (!term.empty() && term.front() == schema::kTitlePrefix.front()) term.remove_prefix(1);
      // Other prefixes are upper-case; a lower-case or non-ASCII start is a word.
      if (term.empty() || (term.front() >= 'A' && term.front() <= 'Z')) continue;
      auto& known = stemmed ? stems : words;
      // A title term and its text-field twin are one word to the reader.
      auto [found, added] = known.try_emplace(std::string(term), TermMatch{next, 0.0});
      if (added) ++next;
      // Unweighted terms (absent from the index) still mark a match.
      found->second.weight = std::max({found->second.weight, mset.get_termweight(full_term), 1e-3});
      first_bytes_.set(static_cast<unsigned char>(term.front()));
    }
  }

  TermMatch match(const Token& token, Analyzer& analyzer, const std::string& language) const {
    if (token.term.empty()) return {};
    // Most words of a text cannot match: stemming keeps an ASCII first
    // letter (a non-ASCII one may change: German "über" -> "uber"), so a
    // word starting with an ASCII byte no query term starts with is skipped
    // without stemming it.
    const auto first = static_cast<unsigned char>(token.term.front());
    if (first < 0x80 && !first_bytes_.test(first)) return {};
    if (const auto found = words.find(token.term); found != words.end()) return found->second;
    if (const auto found = stems.find(analyzer.stem(token, language)); found != stems.end()) {
      return found->second;
    }
    return {};
  }

 private:
  std::bitset<256> first_bytes_;  // of every term above
};

}  // namespace newsdex::searcher
