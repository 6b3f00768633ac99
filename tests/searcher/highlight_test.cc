#include "highlight.h"

#include <gtest/gtest.h>

namespace newsdex::searcher {
namespace {

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
