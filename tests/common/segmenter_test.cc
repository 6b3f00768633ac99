#include "analysis/segmenter.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace newsdex::analysis {
namespace {

std::vector<std::string> words(std::string_view text, const std::vector<Segment>& segments) {
  std::vector<std::string> out;
  for (const auto& s : segments) out.emplace_back(text.substr(s.start, s.end - s.start));
  return out;
}

TEST(SegmenterTest, AsciiFastPathFollowsWordBoundaryRules) {
  struct Case {
    const char* text;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"U.S.A. and don't", {"U.S.A", "and", "don't"}},
      {"1,000.5 a.1 1.a 3'4", {"1,000.5", "a", "1", "1", "a", "3'4"}},
      {"x_y __ a:b e-mail", {"x_y", "__", "a", "b", "e", "mail"}},
      {"5G H200 $1.5bn", {"5G", "H200", "1.5bn"}},
  };
  for (const auto& c : cases) {
    std::vector<Segment> segments;
    WordSegmenter::segment_ascii(c.text, segments);
    EXPECT_EQ(words(c.text, segments), c.expected) << c.text;
  }
}

// The fast path must cut ASCII exactly where ICU does, or an index built from
// ASCII text would disagree with queries that contain one accented letter.
TEST(SegmenterTest, AsciiFastPathAgreesWithIcuOnRandomText) {
  WordSegmenter segmenter;
  const std::string alphabet = "aZq09.,;:'_-&$ \n\t!?\"()/";
  std::mt19937 random(20261128);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(0, 24);
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    for (int n = length(random); n > 0; --n) text.push_back(alphabet[pick(random)]);
    std::vector<Segment> fast, icu;
    WordSegmenter::segment_ascii(text, fast);
    segmenter.segment_with_icu(text, icu);
    ASSERT_EQ(words(text, fast), words(text, icu)) << "text: [" << text << "]";
  }
}

TEST(SegmenterTest, MarksIdeographicSegments) {
  WordSegmenter segmenter;
  std::vector<Segment> segments;
  segmenter.segment("Nvidia的芯片", segments);
  ASSERT_GE(segments.size(), 2u);
  EXPECT_FALSE(segments[0].ideographic);
  EXPECT_TRUE(segments[1].ideographic);
}

}  // namespace
}  // namespace newsdex::analysis
