// text_term_decider.h (internal) — which terms of an index may be offered
// as words to search for: the expansion terms of query expansion and the
// distinctive words of an article for related articles.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/common/schema.h"

namespace newsdex::searcher {

/// Accepts the stems of the ranked text field ("Z" + stem, schema.h) and
/// nothing else: boolean terms (ids, sources, dates, cluster and band
/// terms) say nothing about the text, and the title field's twins ("ZS" +
/// stem) would count a title word twice. Stopwords of the query language
/// are refused too: feedback documents share them whatever they are about.
class TextTermDecider : public Xapian::ExpandDecider {
 public:
  explicit TextTermDecider(const std::vector<std::string_view>& stopwords)
      : stopwords_(stopwords) {}

  bool operator()(const std::string& term) const override {
    const std::string_view marker = schema::kStemMarker;
    if (term.size() <= marker.size() || term.compare(0, marker.size(), marker) != 0) return false;
    // Field prefixes are upper-case ASCII; the analyser folds stems to lower case.
    const char first = term[marker.size()];
    if (first >= 'A' && first <= 'Z') return false;
    const std::string_view stem = std::string_view(term).substr(marker.size());
    return std::find(stopwords_.begin(), stopwords_.end(), stem) == stopwords_.end();
  }

 private:
  const std::vector<std::string_view>& stopwords_;
};

/// The stem of a term TextTermDecider accepted.
inline std::string text_term_stem(const std::string& term) {
  return term.substr(schema::kStemMarker.size());
}

}  // namespace newsdex::searcher
