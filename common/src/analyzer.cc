#include "newsdex/common/analyzer.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <unordered_map>

#include "analysis/folding.h"
#include "analysis/language_detector.h"
#include "analysis/segmenter.h"
#include "analysis/stopwords.h"
#include "ascii.h"
#include "newsdex/common/error.h"

namespace newsdex {
namespace {

struct LanguageName {
  std::string_view code;
  std::string_view stemmer;
};

// ISO 639-1 codes of the languages Xapian 1.4 can stem.
constexpr LanguageName kStemmers[] = {
    {"ar", "arabic"},    {"hy", "armenian"},  {"eu", "basque"},     {"ca", "catalan"},
    {"da", "danish"},    {"nl", "dutch"},     {"en", "english"},    {"fi", "finnish"},
    {"fr", "french"},    {"de", "german"},    {"hu", "hungarian"},  {"id", "indonesian"},
    {"ga", "irish"},     {"it", "italian"},   {"lt", "lithuanian"}, {"ne", "nepali"},
    {"no", "norwegian"}, {"nb", "norwegian"}, {"nn", "norwegian"},  {"pt", "portuguese"},
    {"ro", "romanian"},  {"ru", "russian"},   {"es", "spanish"},    {"sv", "swedish"},
    {"ta", "tamil"},     {"tr", "turkish"},
};

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// True for code points that may stand inside a term: letters, digits, marks.
bool is_term_char(UChar32 c) { return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0; }

// Characters that join two words into one compound when nothing else stands
// between them: "e-mail", "COVID-19", "S&P", "AT&T".
std::size_t joiner_length(std::string_view text, std::size_t at) {
  if (at >= text.size()) return 0;
  if (text[at] == '-' || text[at] == '&') return 1;
  // U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN
  if (text.compare(at, 3, "\xE2\x80\x90") == 0 || text.compare(at, 3, "\xE2\x80\x91") == 0) {
    return 3;
  }
  return 0;
}

// Stems remembered per language before the cache starts over.
constexpr std::size_t kStemCacheSize = 100000;

bool all_digits(std::string_view term) {
  return std::all_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

class Analyzer::Impl {
 public:
  explicit Impl(AnalyzerOptions options) : options_(std::move(options)) {
    UErrorCode status = U_ZERO_ERROR;
    normalizer_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) {
      throw ConfigError(std::string("ICU NFKC_Casefold data unavailable: ") + u_errorName(status));
    }
  }

  std::uint32_t tokenize(std::string_view text, std::vector<Token>& out, std::uint32_t position) {
    segmenter_.segment(text, segments_);
    for (std::size_t i = 0; i < segments_.size();) {
      // A chain: segments joined by a single hyphen or ampersand.
      std::size_t last = i;
      while (!segments_[last].ideographic && last + 1 < segments_.size() &&
             !segments_[last + 1].ideographic) {
        const std::size_t joiner = joiner_length(text, segments_[last].end);
        if (joiner == 0 || segments_[last].end + joiner != segments_[last + 1].start) break;
        ++last;
      }
      position = emit_chain(text, i, last, position, out);
      i = last + 1;
    }
    return position;
  }

  std::string stem(const Token& token, std::string_view language) {
    if (token.kind != TokenKind::kWord) return token.term;
    CachedStemmer* stemmer = stemmer_for(language.empty() ? options_.default_language : language);
    if (!stemmer->stem) return token.term;
    // News vocabulary is Zipfian: a few thousand words make most of the
    // text, so remembering stems saves most Snowball calls.
    auto found = stemmer->cache.find(token.term);
    if (found != stemmer->cache.end()) return found->second;
    if (stemmer->cache.size() >= kStemCacheSize) stemmer->cache.clear();
    std::string stemmed = (*stemmer->stem)(token.term);
    stemmer->cache.emplace(token.term, stemmed);
    return stemmed;
  }

  const AnalyzerOptions& options() const { return options_; }

 private:
  struct Piece {
    std::string term;
    std::uint32_t start;
    std::uint32_t end;
  };

  // Emits the segments first..last (one word, or a compound of several) as
  // tokens at `position`; returns the next free position.
  std::uint32_t emit_chain(std::string_view text, std::size_t first, std::size_t last,
                           std::uint32_t position, std::vector<Token>& out) {
    pieces_.clear();
    for (std::size_t k = first; k <= last; ++k) split_segment(text, segments_[k], pieces_);
    if (pieces_.empty()) return position;
    const bool ideographic = segments_[first].ideographic;
    const std::uint32_t start = pieces_.front().start;
    const std::uint32_t end = pieces_.back().end;
    if (pieces_.size() == 1) {
      if (pieces_[0].term.size() > options_.max_word_bytes) return position;
      push(out, std::move(pieces_[0].term), position, start, end, ideographic, TokenRole::kWord);
      return position + 1;
    }
    std::string joined;
    for (const Piece& piece : pieces_) joined += piece.term;
    if (joined.size() > options_.max_word_bytes) {
      // Too long to be one word (a URL, a long code): its pieces become words.
      for (Piece& piece : pieces_) {
        if (piece.term.size() > options_.max_word_bytes) continue;
        push(out, std::move(piece.term), position++, piece.start, piece.end, ideographic,
             TokenRole::kWord);
      }
      return position;
    }
    const bool number = all_digits(joined);
    push(out, std::move(joined), position, start, end, ideographic, TokenRole::kWord);
    if (!number) {
      for (Piece& piece : pieces_) {
        if (piece.term.size() < 2) continue;
        push(out, std::move(piece.term), position, piece.start, piece.end, ideographic,
             TokenRole::kPart);
      }
    }
    return position + 1;
  }

  // Appends a token, then its diacritic-free variant and its umlauts
  // spelt out, where it has them.
  void push(std::vector<Token>& out, std::string term, std::uint32_t position, std::uint32_t start,
            std::uint32_t end, bool ideographic, TokenRole role) {
    const TokenKind kind = ideographic        ? TokenKind::kIdeographic
                           : all_digits(term) ? TokenKind::kNumber
                                              : TokenKind::kWord;
    const bool foldable = kind == TokenKind::kWord && analysis::fold_diacritics(term, folded_);
    const bool spelt = foldable && analysis::transliterate_umlauts(term, spelt_);
    out.push_back(Token{std::move(term), position, start, end, kind, role});
    const TokenRole variant_role =
        role == TokenRole::kPart ? TokenRole::kPart : TokenRole::kVariant;
    if (foldable && folded_.size() <= options_.max_word_bytes) {
      out.push_back(Token{folded_, position, start, end, kind, variant_role});
    }
    if (spelt && spelt_.size() <= options_.max_word_bytes) {
      out.push_back(Token{spelt_, position, start, end, kind, variant_role});
    }
  }

  // Normalises one segment and splits it at inner punctuation ("U.S" ->
  // "u", "s"; "1,000" -> "1", "000").
  void split_segment(std::string_view text, const analysis::Segment& segment,
                     std::vector<Piece>& pieces) {
    const std::string_view word = text.substr(segment.start, segment.end - segment.start);
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(word.data());
    const auto length = static_cast<std::int32_t>(word.size());
    std::int32_t i = 0;
    while (i < length) {
      const std::int32_t piece_start = i;
      UChar32 c;
      U8_NEXT(bytes, i, length, c);
      if (c < 0 || !is_term_char(c)) continue;
      std::int32_t piece_end = i;
      while (i < length) {
        std::int32_t next = i;
        U8_NEXT(bytes, next, length, c);
        if (c < 0 || !is_term_char(c)) break;
        i = piece_end = next;
      }
      std::string term = normalize(word.substr(static_cast<std::size_t>(piece_start),
                                               static_cast<std::size_t>(piece_end - piece_start)));
      if (term.empty()) continue;
      pieces.push_back({std::move(term), segment.start + static_cast<std::uint32_t>(piece_start),
                        segment.start + static_cast<std::uint32_t>(piece_end)});
    }
  }

  std::string normalize(std::string_view piece) {
    std::string folded;
    if (is_ascii(piece)) {
      return internal::ascii_lower(piece);
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::StringByteSink<std::string> sink(&folded, static_cast<int32_t>(piece.size()));
    normalizer_->normalizeUTF8(0,
                               icu::StringPiece(piece.data(), static_cast<int32_t>(piece.size())),
                               sink, nullptr, status);
    if (U_FAILURE(status)) return std::string(piece);
    // NFKC can turn one character into several (e.g. "ﬁ" -> "fi") and may
    // introduce spaces ("¼" -> "1⁄4"): keep only term characters.
    std::string clean;
    clean.reserve(folded.size());
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(folded.data());
    const auto length = static_cast<std::int32_t>(folded.size());
    for (std::int32_t i = 0; i < length;) {
      const std::int32_t begin = i;
      UChar32 c;
      U8_NEXT(bytes, i, length, c);
      if (c >= 0 && is_term_char(c)) {
        clean.append(folded, static_cast<std::size_t>(begin), static_cast<std::size_t>(i - begin));
      }
    }
    return clean;
  }

  struct CachedStemmer {
    std::unique_ptr<Xapian::Stem> stem;  // null: no stemmer for the language
    std::unordered_map<std::string, std::string> cache;
  };

  CachedStemmer* stemmer_for(std::string_view language) {
    auto found = stemmers_.find(language);
    if (found == stemmers_.end()) {
      CachedStemmer stemmer;
      const std::string name = Analyzer::stemmer_name(language);
      if (!name.empty()) stemmer.stem = std::make_unique<Xapian::Stem>(name);
      found = stemmers_.emplace(std::string(language), std::move(stemmer)).first;
    }
    return &found->second;
  }

  AnalyzerOptions options_;
  analysis::WordSegmenter segmenter_;
  const icu::Normalizer2* normalizer_ = nullptr;  // owned by ICU
  std::map<std::string, CachedStemmer, std::less<>> stemmers_;
  // Scratch space reused between calls to save allocations.
  std::vector<analysis::Segment> segments_;
  std::vector<Piece> pieces_;
  std::string folded_;
  std::string spelt_;
};

namespace {

// ICU builds its shared data (break rules, normalisation tables, locale
// data) the first time an object needs it, synchronised by atomics inside
// ICU that ThreadSanitizer cannot see (ICU is not instrumented), so two
// writer threads building their analyzers at once were reported as a race.
// Analyzers are built one at a time instead: a build is rare and cheap, and
// each then happens after the one before it in a way every tool can see.
std::mutex& analyzer_construction() {
  static std::mutex mutex;
  return mutex;
}

}  // namespace

Analyzer::Analyzer(AnalyzerOptions options)
    : impl_([&options] {
        const std::lock_guard<std::mutex> one_at_a_time(analyzer_construction());
        return std::make_unique<Impl>(std::move(options));
      }()) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

const AnalyzerOptions& Analyzer::options() const noexcept { return impl_->options(); }

std::uint32_t Analyzer::tokenize(std::string_view text, std::vector<Token>& out,
                                 std::uint32_t first_position) {
  return impl_->tokenize(text, out, first_position);
}

std::vector<Token> Analyzer::tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokenize(text, tokens, 0);
  return tokens;
}

std::string Analyzer::stem(const Token& token, std::string_view language) {
  return impl_->stem(token, language);
}

std::string Analyzer::stemmer_name(std::string_view language) {
  const std::string lowered =
      internal::ascii_lower(language.substr(0, language.find_first_of("-_")));
  for (const auto& entry : kStemmers) {
    if (entry.code == lowered || entry.stemmer == lowered) return std::string(entry.stemmer);
  }
  return {};
}

std::string Analyzer::detect_language(std::string_view text) {
  return analysis::detect_language_by_script(text);
}

bool Analyzer::is_stopword(std::string_view term, std::string_view language) {
  const auto& list = analysis::stopwords(language);
  return std::find(list.begin(), list.end(), term) != list.end();
}

}  // namespace newsdex
