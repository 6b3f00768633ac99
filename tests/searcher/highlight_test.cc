#include "highlight.h"

#include <gtest/gtest.h>

namespace newsdex::searcher {
namespace {

TEST(HighlightTest, DecodesMarkersIntoSpans) {
  const auto text = decode_marked_snippet(
      "…the \x01"
      "chips\x02 were \x01"
      "exported\x02…");
  EXPECT_EQ(text.text, "…the chips were exported…");
  ASSERT_EQ(text.highlights.size(), 2u);
  EXPECT_EQ(
      text.text.substr(text.highlights[0].start, text.highlights[0].end - text.highlights[0].start),
      "chips");
  EXPECT_EQ(
      text.text.substr(text.highlights[1].start, text.highlights[1].end - text.highlights[1].start),
      "exported");
}

TEST(HighlightTest, UnescapesHtmlEntitiesAndKeepsOffsetsInPlainText) {
  const auto text = decode_marked_snippet(
      "S&amp;P &lt;500&gt; &quot;\x01"
      "rally\x02&quot;");
  EXPECT_EQ(text.text, "S&P <500> \"rally\"");
  ASSERT_EQ(text.highlights.size(), 1u);
  EXPECT_EQ(text.highlights[0], (Span{11, 16}));
}

TEST(HighlightTest, IgnoresUnbalancedMarkers) {
  EXPECT_TRUE(decode_marked_snippet("a \x02 b").highlights.empty());
  EXPECT_TRUE(decode_marked_snippet("a \x01 b").highlights.empty());
}

TEST(HighlightTest, HighlightsMatchingTokens) {
  Analyzer analyzer;
  const auto text = highlight_tokens("U.S. Chip Exports", analyzer, [](const Token& token) {
    return token.term == "us" || token.term == "exports";
  });
  ASSERT_EQ(text.highlights.size(), 2u);
  EXPECT_EQ(text.highlights[0], (Span{0, 3}));    // "U.S"
  EXPECT_EQ(text.highlights[1], (Span{10, 17}));  // "Exports"
}

TEST(HighlightTest, VariantsAndPartsDoNotDuplicateSpans) {
  Analyzer analyzer;
  const auto text = highlight_tokens("Müller sent an e-mail", analyzer, [](const Token& token) {
    return token.term == "muller" || token.term == "müller" || token.term == "mail" ||
           token.term == "email";
  });
  ASSERT_EQ(text.highlights.size(), 2u);
  EXPECT_EQ(text.highlights[0], (Span{0, 7}));    // "Müller" (7 bytes)
  EXPECT_EQ(text.highlights[1], (Span{16, 22}));  // "e-mail"
}

}  // namespace
}  // namespace newsdex::searcher
