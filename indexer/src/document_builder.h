// document_builder.h (internal) — maps an Article onto a Xapian document
// following newsdex/common/schema.h.
#pragma once

#include <xapian.h>

#include <initializer_list>
#include <string>
#include <unordered_set>
#include <vector>

#include "near_duplicates.h"
#include "newsdex/common/analyzer.h"
#include "newsdex/common/article.h"

namespace newsdex::indexer {

/// Builds Xapian documents. Holds a reference to the analyzer (not owned) and
/// so is, like it, for one thread at a time.
class DocumentBuilder {
 public:
  /// @param title_weight within-document frequency added per title word
  DocumentBuilder(Analyzer& analyzer, unsigned title_weight);

  Xapian::Document build(const Article& article);

  /// The distinct words (not numbers or ideographs) of the article last
  /// built, for Xapian's spelling dictionary.
  const std::vector<std::string>& spelling_words() const { return spelling_words_; }

  /// The near-duplicate fingerprint of the article last built, bands
  /// included (empty when its text was too short).
  const Fingerprint& fingerprint() const { return fingerprint_; }

 private:
  /// Where the words of one text go: a term prefix and the wdf per word.
  struct FieldTarget {
    std::string_view prefix;
    unsigned wdf;
  };

  // Appends the stems of the text's words to `words` when not null.
  void index_text(Xapian::Document& doc, std::string_view text,
                  std::initializer_list<FieldTarget> targets, std::string_view language,
                  Xapian::termpos& position, std::vector<std::string>* words = nullptr);
  // The fingerprint, band terms and first cluster key (near_duplicates.h).
  void add_fingerprint(Xapian::Document& doc, const Article& article);

  Analyzer& analyzer_;
  unsigned title_weight_;
  std::vector<Token> tokens_;  // reused between documents to save allocations
  std::string term_;
  std::vector<std::string> spelling_words_;
  std::unordered_set<std::string> seen_words_;
  std::vector<std::string> title_stems_;  // the words the fingerprint is made of
  std::vector<std::string> body_stems_;
  Fingerprint fingerprint_;
};

}  // namespace newsdex::indexer
