#include "snippet.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

#include "newsdex/common/analyzer.h"

namespace newsdex::searcher {
namespace {

// Snippets of `text` for a query of `words` (stemmed in English, as the
// searcher matches them), weighted as given (default 1).
class SnippetTest : public ::testing::Test {
 protected:
  HighlightedText snippet(const std::string& text, const std::map<std::string, double>& words,
                          std::size_t max_bytes) {
    std::map<std::string, TermMatch> stems;
    int next = 0;
    for (const auto& [word, weight] : words) {
      Token token{word, 0, 0, 0, TokenKind::kWord};
      stems[analyzer_.stem(token, "en")] = TermMatch{next++, weight};
    }
    tokens_.clear();
    analyzer_.tokenize(text, tokens_, 0);
    return make_snippet(
        text, tokens_,
        [&](const Token& token) {
          const auto found = stems.find(analyzer_.stem(token, "en"));
          return found == stems.end() ? TermMatch{} : found->second;
        },
        max_bytes);
  }

  static std::vector<std::string> highlighted(const HighlightedText& text) {
    std::vector<std::string> words;
    for (const Span& span : text.highlights) {
      words.push_back(text.text.substr(span.start, span.end - span.start));
    }
    return words;
  }

  Analyzer analyzer_;
  std::vector<Token> tokens_;
};

std::string filler(int sentences) {
  std::string text;
  for (int i = 0; i < sentences; ++i)
    text += "Nothing of note happened on day " + std::to_string(i) + ". ";
  return text;
}

TEST_F(SnippetTest, HighlightsStemmedMatches) {
  const auto result = snippet("Chip makers exported more. Exports rose.", {{"export", 1}}, 200);
  EXPECT_EQ(result.text, "Chip makers exported more. Exports rose.");
  EXPECT_EQ(highlighted(result), (std::vector<std::string>{"exported", "Exports"}));
}

TEST_F(SnippetTest, PicksThePassageWithTheMostDistinctTermsAndMarksTheCuts) {
  const std::string text = filler(10) + "Oil rose. Oil fell. Oil again. " + filler(10) +
                           "Oil prices rose sharply. " + filler(10);
  const auto result = snippet(text, {{"oil", 1}, {"prices", 1}}, 80);
  EXPECT_NE(result.text.find("Oil prices rose sharply."), std::string::npos) << result.text;
  EXPECT_EQ(result.text.rfind(kEllipsis, 0), 0u) << "cut before";
  EXPECT_EQ(result.text.substr(result.text.size() - kEllipsis.size()), kEllipsis) << "cut after";
  EXPECT_EQ(highlighted(result), (std::vector<std::string>{"Oil", "prices"}));
}

TEST_F(SnippetTest, ARareTermOutweighsRepeatsOfACommonOne) {
  const std::string text =
      filler(5) + "Market market market market. " + filler(5) + "A tender was held. " + filler(5);
  const auto result = snippet(text, {{"market", 0.2}, {"tender", 3}}, 40);
  EXPECT_NE(result.text.find("tender"), std::string::npos) << result.text;
}

TEST_F(SnippetTest, StartsAtTheSentenceOfTheMatchWhenItFits) {
  const std::string text = filler(3) + "The central bank cut rates today. " + filler(3);
  const auto result = snippet(text, {{"rates", 1}}, 60);
  EXPECT_EQ(result.text.rfind(std::string(kEllipsis) + "The central bank", 0), 0u) << result.text;
}

TEST_F(SnippetTest, NoMatchGivesTheStartOfTheText) {
  const std::string text = "First sentence here. " + filler(20);
  const auto result = snippet(text, {{"absent", 1}}, 50);
  EXPECT_EQ(result.text.rfind("First sentence here.", 0), 0u);
  EXPECT_TRUE(result.highlights.empty());
  EXPECT_EQ(result.text.substr(result.text.size() - kEllipsis.size()), kEllipsis);
}

TEST_F(SnippetTest, ShortTextIsWholeWithoutMarks) {
  const auto result = snippet("Short text.\n", {{"text", 1}}, 200);
  EXPECT_EQ(result.text, "Short text.");
  EXPECT_EQ(highlighted(result), std::vector<std::string>{"text"});
}

TEST_F(SnippetTest, NeverCutsInsideAUtf8Character) {
  const std::string text = "Straße Müller Ärger 芯片出口管制 Überblick ökonomisch " + filler(3);
  for (std::size_t max_bytes = 1; max_bytes < 60; ++max_bytes) {
    const auto result = snippet(text, {{"müller", 1}}, max_bytes);
    std::size_t i = 0;
    while (i < result.text.size()) {  // every sequence whole
      const auto lead = static_cast<unsigned char>(result.text[i]);
      const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
      ASSERT_GE(lead & 0xC0, lead < 0x80 ? 0u : 0xC0u) << max_bytes << ": " << result.text;
      ASSERT_LE(i + length, result.text.size()) << max_bytes << ": " << result.text;
      for (std::size_t k = 1; k < length; ++k) {
        ASSERT_EQ(static_cast<unsigned char>(result.text[i + k]) & 0xC0, 0x80u) << max_bytes;
      }
      i += length;
    }
  }
}

// Random texts, queries and limits: the passage is part of the text, at
// most max_bytes long (plus the marks), and its highlights are ordered,
// inside it and on matched words.
TEST_F(SnippetTest, PropertiesHoldForRandomTexts) {
  const std::vector<std::string> vocabulary = {
      "oil", "prices", "rose", "bank", "Müller", "芯片", "e-mail", "U.S.", "1987",
      "the", "fell",   "!",    "\n\n", "…",      "a",    "crude",  "é",    "-"};
  std::mt19937 random(7);
  for (int round = 0; round < 500; ++round) {
    std::string text;
    const int words = std::uniform_int_distribution<int>(0, 80)(random);
    for (int i = 0; i < words; ++i) {
      text += vocabulary[random() % vocabulary.size()];
      text += (random() % 5 == 0) ? ". " : " ";
    }
    std::map<std::string, double> query{{vocabulary[random() % 6], 1.0},
                                        {vocabulary[random() % 6], 2.0}};
    const std::size_t max_bytes = std::uniform_int_distribution<std::size_t>(1, 120)(random);
    const auto result = snippet(text, query, max_bytes);
    std::string inner = result.text;
    if (inner.rfind(kEllipsis, 0) == 0) inner.erase(0, kEllipsis.size());
    if (inner.size() >= kEllipsis.size() &&
        inner.compare(inner.size() - kEllipsis.size(), kEllipsis.size(), kEllipsis) == 0) {
      inner.erase(inner.size() - kEllipsis.size());
    }
    ASSERT_LE(inner.size(), max_bytes) << "round " << round;
    ASSERT_NE(text.find(inner), std::string::npos) << "round " << round;
    std::uint32_t previous_end = 0;
    for (const Span& span : result.highlights) {
      ASSERT_LT(span.start, span.end) << "round " << round;
      ASSERT_LE(span.end, result.text.size()) << "round " << round;
      ASSERT_TRUE(previous_end == 0 || span.start > previous_end) << "round " << round;
      previous_end = span.end;
    }
  }
}

}  // namespace
}  // namespace newsdex::searcher
