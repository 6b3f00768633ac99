// synonym_key.h (internal) — the form synonym entries are stored under and
// query words are looked up by. Shared by the indexer, which stores the
// groups, and the query builder, which expands query words, so the two
// cannot disagree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "newsdex/common/analyzer.h"

namespace newsdex::internal {

/// Metadata key holding the most words any stored synonym entry has (absent
/// when the index has no synonyms), so a query is only looked up for runs of
/// words that could match.
inline constexpr std::string_view kSynonymMaxWordsKey = "newsdex.synonyms.max_words";

/// The words of `text` as the query builder matches them: each word's
/// normalised token (case-folded, inner punctuation removed: "U.S." is
/// "us"), the diacritic-free variant when it has one ("café" is "cafe").
/// Compound parts are left out, as the builder leaves them out.
inline std::vector<Token> synonym_tokens(Analyzer& analyzer, std::string_view text) {
  std::vector<Token> words;
  bool folded = false;  // the last word already has its diacritic-free form
  for (Token& token : analyzer.tokenize(text)) {
    if (token.role == TokenRole::kWord) {
      words.push_back(std::move(token));
      folded = false;
    } else if (token.role == TokenRole::kVariant && !words.empty() && !folded) {
      // The first variant after a word is its diacritic-free spelling.
      words.back() = std::move(token);
      folded = true;
    }
  }
  return words;
}

/// The key of Xapian's synonym table for words as written (normalised, not
/// stemmed): their terms joined by single spaces ("united states").
inline std::string synonym_key(const std::vector<Token>& words) {
  std::string key;
  for (const Token& word : words) {
    if (!key.empty()) key += ' ';
    key += word.term;
  }
  return key;
}

/// The key for the same words stemmed in `language`: "Z" + the stems joined
/// by single spaces ("Zunit state"), so "vaccines" finds the group of
/// "vaccine". Normalised terms are lower case, so they never start with "Z".
inline std::string synonym_stem_key(Analyzer& analyzer, const std::vector<Token>& words,
                                    std::string_view language) {
  std::string key = "Z";
  for (const Token& word : words) {
    if (key.size() > 1) key += ' ';
    key += analyzer.stem(word, language);
  }
  return key;
}

}  // namespace newsdex::internal
