#include "newsdex/common/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <algorithm>
#include <map>

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

}  // namespace

class Analyzer::Impl {
 public:
  explicit Impl(AnalyzerOptions options) : options_(std::move(options)) {
    UErrorCode status = U_ZERO_ERROR;
    breaker_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !breaker_) {
      throw ConfigError(std::string("ICU word break iterator unavailable: ") + u_errorName(status));
    }
    normalizer_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) {
      throw ConfigError(std::string("ICU NFKC_Casefold data unavailable: ") + u_errorName(status));
    }
  }

  std::uint32_t tokenize(std::string_view text, std::vector<Token>& out, std::uint32_t position) {
    if (text.empty()) return position;
    UErrorCode status = U_ZERO_ERROR;
    UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) return position;
    breaker_->setText(utext, status);
    std::int32_t start = breaker_->first();
    for (std::int32_t end = breaker_->next(); end != icu::BreakIterator::DONE;
         start = end, end = breaker_->next()) {
      const std::int32_t rule = breaker_->getRuleStatus();
      if (rule < UBRK_WORD_NONE_LIMIT) continue;  // spaces and punctuation
      const TokenKind kind = rule < UBRK_WORD_NUMBER_LIMIT   ? TokenKind::kNumber
                             : rule < UBRK_WORD_LETTER_LIMIT ? TokenKind::kWord
                                                             : TokenKind::kIdeographic;
      position = emit_segment(text, static_cast<std::uint32_t>(start),
                              static_cast<std::uint32_t>(end), kind, position, out);
    }
    utext_close(utext);
    return position;
  }

  std::string stem(const Token& token, std::string_view language) {
    if (token.kind != TokenKind::kWord) return token.term;
    Xapian::Stem* stemmer = stemmer_for(language.empty() ? options_.default_language : language);
    if (stemmer == nullptr) return token.term;
    return (*stemmer)(token.term);
  }

  const AnalyzerOptions& options() const { return options_; }

 private:
  // Normalises one word segment and splits it at inner punctuation ("U.S" ->
  // "u", "s"), appending the pieces as tokens.
  std::uint32_t emit_segment(std::string_view text, std::uint32_t start, std::uint32_t end,
                             TokenKind kind, std::uint32_t position, std::vector<Token>& out) {
    const std::string_view word = text.substr(start, end - start);
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(word.data());
    const auto length = static_cast<std::int32_t>(word.size());
    std::int32_t i = 0;
    while (i < length) {
      std::int32_t piece_start = i;
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
      if (term.empty() || term.size() > options_.max_word_bytes) continue;
      out.push_back(Token{std::move(term), position++,
                          start + static_cast<std::uint32_t>(piece_start),
                          start + static_cast<std::uint32_t>(piece_end), kind});
    }
    return position;
  }

  std::string normalize(std::string_view piece) {
    std::string folded;
    if (is_ascii(piece)) {
      folded.assign(piece);
      for (char& c : folded) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      return folded;
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
      std::int32_t begin = i;
      UChar32 c;
      U8_NEXT(bytes, i, length, c);
      if (c >= 0 && is_term_char(c)) {
        clean.append(folded, static_cast<std::size_t>(begin), static_cast<std::size_t>(i - begin));
      }
    }
    return clean;
  }

  Xapian::Stem* stemmer_for(std::string_view language) {
    auto found = stemmers_.find(language);
    if (found == stemmers_.end()) {
      std::unique_ptr<Xapian::Stem> stemmer;
      const std::string name = Analyzer::stemmer_name(language);
      if (!name.empty()) stemmer = std::make_unique<Xapian::Stem>(name);
      found = stemmers_.emplace(std::string(language), std::move(stemmer)).first;
    }
    return found->second.get();
  }

  AnalyzerOptions options_;
  std::unique_ptr<icu::BreakIterator> breaker_;
  const icu::Normalizer2* normalizer_ = nullptr;  // owned by ICU
  std::map<std::string, std::unique_ptr<Xapian::Stem>, std::less<>> stemmers_;
};

Analyzer::Analyzer(AnalyzerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
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
  std::string lowered(language.substr(0, language.find_first_of("-_")));
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (const auto& entry : kStemmers) {
    if (entry.code == lowered || entry.stemmer == lowered) return std::string(entry.stemmer);
  }
  return {};
}

}  // namespace newsdex
