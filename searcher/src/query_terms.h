// query_terms.h (internal) — the words of a query as the text of a hit
// is matched against them, for highlighting titles and choosing snippets.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <bitset>
#include <cmath>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsdex/common/analyzer.h"
#include "query_builder.h"
#include "snippet.h"

namespace newsdex::searcher {

// The stems a title or body word may match, each with an index and its
// weight in the query (for choosing the snippet); wildcards as prefixes.
class QueryTerms {
 public:
  // `documents`: how many the index holds. A term weighs its inverse
  // document frequency in the whole index, the same on one database and on
  // shards (Xapian's MSet::get_termweight is an upper bound that depends on
  // each shard's document lengths, so a sharded index chose other snippets).
  QueryTerms(const std::vector<HighlightTerm>& terms, const Xapian::MSet& mset,
             Xapian::doccount documents) {
    int next = 0;
    for (const HighlightTerm& term : terms) {
      if (term.stem.empty()) continue;
      const Xapian::doccount frequency =
          term.xapian_term.empty() ? 0 : mset.get_termfreq(term.xapian_term);
      // Unweighted terms (absent from the index, wildcards) still mark a match.
      const double weight = std::max(
          frequency == 0 ? 0.0
                         : std::log((documents + 0.5) / (static_cast<double>(frequency) + 0.5)),
          1e-3);
      if (term.is_prefix) {
        prefixes_.emplace_back(term.stem, TermMatch{next++, weight});
      } else {
        // A title term and its text-field twin are one word to the reader.
        auto [found, added] = stems_.try_emplace(term.stem, TermMatch{next, weight});
        if (added) ++next;
        found->second.weight = std::max(found->second.weight, weight);
      }
      first_bytes_.set(static_cast<unsigned char>(term.stem.front()));
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
    const std::string stem = analyzer.stem(token, language);
    if (const auto found = stems_.find(stem); found != stems_.end()) return found->second;
    for (const auto& [prefix, match] : prefixes_) {
      if (stem.compare(0, prefix.size(), prefix) == 0) return match;
    }
    return {};
  }

 private:
  std::map<std::string, TermMatch, std::less<>> stems_;
  std::vector<std::pair<std::string, TermMatch>> prefixes_;
  std::bitset<256> first_bytes_;  // of every stem and prefix above
};

}  // namespace newsdex::searcher
