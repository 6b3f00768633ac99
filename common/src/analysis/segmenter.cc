#include "segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <algorithm>
#include <string>

#include "newsdex/common/error.h"

namespace newsdex::analysis {
namespace {

// UAX #29 word-break classes of the ASCII characters that matter.
enum class AsciiClass {
  kOther,
  kLetter,
  kNumeric,
  kMidLetterOrNum,
  kMidLetter,
  kMidNum,
  kUnderscore
};

AsciiClass classify(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return AsciiClass::kLetter;
  if (c >= '0' && c <= '9') return AsciiClass::kNumeric;
  if (c == '.' || c == '\'') return AsciiClass::kMidLetterOrNum;  // MidNumLet
  if (c == ',' || c == ';') return AsciiClass::kMidNum;
  if (c == '_') return AsciiClass::kUnderscore;  // ExtendNumLet
  // ICU's root rules take ':' out of MidLetter; no other ASCII is MidLetter.
  return AsciiClass::kOther;
}

bool is_word_class(AsciiClass c) {
  return c == AsciiClass::kLetter || c == AsciiClass::kNumeric || c == AsciiClass::kUnderscore;
}

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

WordSegmenter::WordSegmenter() {
  UErrorCode status = U_ZERO_ERROR;
  breaker_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || !breaker_) {
    throw ConfigError(std::string("ICU word break iterator unavailable: ") + u_errorName(status));
  }
}

WordSegmenter::~WordSegmenter() = default;

void WordSegmenter::segment(std::string_view text, std::vector<Segment>& out) {
  if (is_ascii(text)) {
    segment_ascii(text, out);
  } else {
    segment_with_icu(text, out);
  }
}

void WordSegmenter::segment_ascii(std::string_view text, std::vector<Segment>& out) {
  out.clear();
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    if (!is_word_class(classify(text[i]))) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    AsciiClass previous = classify(text[i++]);
    while (i < n) {
      const AsciiClass c = classify(text[i]);
      if (is_word_class(c)) {
        previous = c;
        ++i;
        continue;
      }
      // A middle character joins only between two letters (WB6/7: '.', '\'')
      // or two digits (WB11/12: '.', '\'', ',', ';').
      if (i + 1 >= n) break;
      const AsciiClass next = classify(text[i + 1]);
      const bool between_letters =
          previous == AsciiClass::kLetter && next == AsciiClass::kLetter &&
          (c == AsciiClass::kMidLetterOrNum || c == AsciiClass::kMidLetter);
      const bool between_digits = previous == AsciiClass::kNumeric &&
                                  next == AsciiClass::kNumeric &&
                                  (c == AsciiClass::kMidLetterOrNum || c == AsciiClass::kMidNum);
      if (!between_letters && !between_digits) break;
      previous = next;
      i += 2;
    }
    // ICU gives a lone "_" no word status (though "__" and "_a" have one).
    if (i - start == 1 && text[start] == '_') continue;
    out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i), false});
  }
}

void WordSegmenter::segment_with_icu(std::string_view text, std::vector<Segment>& out) {
  out.clear();
  if (text.empty()) return;
  UErrorCode status = U_ZERO_ERROR;
  UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return;
  breaker_->setText(utext, status);
  std::int32_t start = breaker_->first();
  for (std::int32_t end = breaker_->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker_->next()) {
    const std::int32_t rule = breaker_->getRuleStatus();
    if (rule < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation, symbols
    out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end),
                   rule >= UBRK_WORD_LETTER_LIMIT});
  }
  utext_close(utext);
}

}  // namespace newsdex::analysis
