// segmenter.h (internal) — splits text into word segments (Unicode UAX #29
// word boundaries), the first stage of the analyzer.
#pragma once

#include <unicode/brkiter.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace newsdex::analysis {

/// A word segment: [start, end) in bytes of the text. Spaces, punctuation and
/// symbols between words are not segments.
struct Segment {
  std::uint32_t start;
  std::uint32_t end;
  bool ideographic;  ///< Han, kana or another dictionary-segmented script
};

/// Finds word segments with ICU's word BreakIterator (dictionary-based for
/// Chinese, Japanese, Thai, Lao, Khmer, Burmese). Pure-ASCII text takes a
/// fast path that applies the same UAX #29 rules without ICU and gives the
/// same segments (a property test checks this). One per thread.
class WordSegmenter {
 public:
  WordSegmenter();
  ~WordSegmenter();
  WordSegmenter(const WordSegmenter&) = delete;
  WordSegmenter& operator=(const WordSegmenter&) = delete;

  /// Replaces `out` with the segments of `text`. Invalid UTF-8 is read as
  /// U+FFFD by ICU.
  void segment(std::string_view text, std::vector<Segment>& out);

  /// The ICU path alone, for testing the fast path against it.
  void segment_with_icu(std::string_view text, std::vector<Segment>& out);

  /// The ASCII fast path alone; `text` must be ASCII.
  static void segment_ascii(std::string_view text, std::vector<Segment>& out);

 private:
  std::unique_ptr<icu::BreakIterator> breaker_;
};

}  // namespace newsdex::analysis
