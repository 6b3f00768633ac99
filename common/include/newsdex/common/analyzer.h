// newsdex/common/analyzer.h — text analysis shared by indexing and querying.
//
// The indexer turns article text into terms with an Analyzer, and the searcher
// passes the words of every query through the same Analyzer before Xapian's
// QueryParser sees them, so a query word always meets the term it was indexed
// as. Pipeline: Unicode word segmentation (ICU; dictionary-based for Chinese,
// Japanese and Thai) -> NFKC + case folding -> split at inner punctuation ->
// optional stemming with Xapian's Snowball stemmers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// What kind of text a token came from; only words are stemmed.
enum class TokenKind : std::uint8_t { kWord, kNumber, kIdeographic };

/// How a token stands in the text.
enum class TokenRole : std::uint8_t {
  /// A word at its own position: searchable, usable in phrases. A word
  /// written with inner punctuation ("U.S.", "e-mail", "COVID-19", "S&P")
  /// is one such word with the punctuation removed ("us", "email",
  /// "covid19", "sp").
  kWord,
  /// A part of such a compound ("mail" of "e-mail", "covid" of "COVID-19"):
  /// findable on its own, but without a position, so not in phrases. Parts
  /// shorter than two bytes and the digit groups of numbers are left out.
  kPart,
  /// The diacritic-free spelling of the token just before it ("muller" after
  /// "müller"), at the same position, so a query without accents finds it.
  kVariant,
};

/// One term of analysed text, with where it came from.
struct Token {
  std::string term;        ///< normalised form: NFKC, case-folded, no punctuation
  std::uint32_t position;  ///< word position, for phrase and proximity search
  std::uint32_t start;     ///< byte offset of the source word in the input
  std::uint32_t end;       ///< byte offset one past the source word
  TokenKind kind;
  TokenRole role = TokenRole::kWord;
};

/// Settings of an Analyzer. The indexer and the searcher must use equal
/// options; newsdex stores none of them in the index yet, so keep defaults.
struct AnalyzerOptions {
  /// Language assumed when an article or query names none (ISO 639-1 code or
  /// a Xapian stemmer name). Default "en".
  std::string default_language = "en";
  /// Words longer than this many bytes (after normalisation) are dropped, as
  /// Xapian's TermGenerator does: they are nearly always junk. Default 64.
  std::size_t max_word_bytes = 64;
};

/// Segments, normalises and stems text.
///
/// Thread-safety: an Analyzer holds ICU and Xapian state that must not be
/// used by two threads at once. Construct one per thread (construction is
/// cheap, well under a millisecond).
class Analyzer {
 public:
  explicit Analyzer(AnalyzerOptions options = {});
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  const AnalyzerOptions& options() const noexcept;

  /// Appends the tokens of `text` to `out`, numbering positions from
  /// `first_position`. Returns the position after the last token. Invalid
  /// UTF-8 is read as U+FFFD and never throws.
  std::uint32_t tokenize(std::string_view text, std::vector<Token>& out,
                         std::uint32_t first_position = 0);

  /// Convenience form of tokenize() returning a fresh vector.
  std::vector<Token> tokenize(std::string_view text);

  /// The stem of a normalised term in `language` (empty = default). Numbers,
  /// ideographs and languages without a Xapian stemmer stem to the term itself.
  std::string stem(const Token& token, std::string_view language);

  /// Xapian stemmer name for a language given as ISO 639-1 code ("de"), as a
  /// stemmer name ("german") or as a locale ("de-AT"); empty if there is none.
  static std::string stemmer_name(std::string_view language);

  /// The language implied by the script of `text` ("zh", "ja", "ru", ...),
  /// or "" for Latin script and anything unclear.
  static std::string detect_language(std::string_view text);

  /// Whether `term` (normalised) is a stopword of `language`. Stopwords are
  /// indexed; the searcher drops them from queries outside phrases.
  static bool is_stopword(std::string_view term, std::string_view language);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
