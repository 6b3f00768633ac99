#include "newsdex/common/analyzer.h"

#include <gtest/gtest.h>

namespace newsdex {
namespace {

std::vector<std::string> terms_of(Analyzer& analyzer, std::string_view text) {
  std::vector<std::string> terms;
  for (const auto& token : analyzer.tokenize(text)) terms.push_back(token.term);
  return terms;
}

using Terms = std::vector<std::string>;

TEST(AnalyzerTest, SplitsWordsAndFoldsCase) {
  Analyzer analyzer;
  struct Case {
    const char* text;
    Terms expected;
  };
  const Case cases[] = {
      {"China Declines Nvidia H200 Chips", {"china", "declines", "nvidia", "h200", "chips"}},
      {"Exports rose 5% in 2024.", {"exports", "rose", "5", "in", "2024"}},
      {"U.S. export rules", {"u", "s", "export", "rules"}},
      {"e-mail", {"e", "mail"}},
      {"MÜLLER straße", {"müller", "strasse"}},
      {"ＦＵＬＬ width", {"full", "width"}},
      {"  ...  ", {}},
      {"", {}},
  };
  for (const auto& c : cases) EXPECT_EQ(terms_of(analyzer, c.text), c.expected) << c.text;
}

TEST(AnalyzerTest, RecordsPositionsAndByteOffsets) {
  Analyzer analyzer;
  const std::string text = "Über chips, Müller!";
  const auto tokens = analyzer.tokenize(text);
  ASSERT_EQ(tokens.size(), 3u);
  for (std::uint32_t i = 0; i < tokens.size(); ++i) EXPECT_EQ(tokens[i].position, i);
  EXPECT_EQ(text.substr(tokens[0].start, tokens[0].end - tokens[0].start), "Über");
  EXPECT_EQ(text.substr(tokens[1].start, tokens[1].end - tokens[1].start), "chips");
  EXPECT_EQ(text.substr(tokens[2].start, tokens[2].end - tokens[2].start), "Müller");
}

TEST(AnalyzerTest, ContinuesPositionsAcrossCalls) {
  Analyzer analyzer;
  std::vector<Token> tokens;
  const auto next = analyzer.tokenize("one two", tokens, 10);
  EXPECT_EQ(next, 12u);
  EXPECT_EQ(tokens.back().position, 11u);
}

TEST(AnalyzerTest, SegmentsChineseIntoDictionaryWords) {
  Analyzer analyzer;
  // ICU 72's dictionary knows 出口 (export) and 管制 (control) but splits 芯片
  // (chip); the query side splits it the same way and searches it as a phrase.
  EXPECT_EQ(terms_of(analyzer, "芯片出口管制"), (Terms{"芯", "片", "出口", "管制"}));
  for (const auto& token : analyzer.tokenize("芯片出口管制")) {
    EXPECT_EQ(token.kind, TokenKind::kIdeographic);
  }
}

TEST(AnalyzerTest, DropsOverlongWords) {
  Analyzer analyzer;
  const std::string junk(200, 'x');
  EXPECT_EQ(terms_of(analyzer, "keep " + junk + " this"), (Terms{"keep", "this"}));
}

TEST(AnalyzerTest, SurvivesInvalidUtf8) {
  Analyzer analyzer;
  const auto terms = terms_of(analyzer, std::string("good \xff\xfe bad\xc3 end"));
  EXPECT_EQ(terms.front(), "good");
  EXPECT_EQ(terms.back(), "end");
}

TEST(AnalyzerTest, StemsByLanguage) {
  Analyzer analyzer;
  const auto stem_of = [&](std::string_view word, std::string_view language) {
    return analyzer.stem(analyzer.tokenize(word).at(0), language);
  };
  EXPECT_EQ(stem_of("exports", "en"), stem_of("exported", "en"));
  EXPECT_EQ(stem_of("exporting", ""), "export");  // default language is English
  EXPECT_EQ(stem_of("Exporte", "de"), stem_of("Export", "de"));
  EXPECT_EQ(stem_of("1987", "en"), "1987");        // numbers are not stemmed
  EXPECT_EQ(stem_of("exports", "xx"), "exports");  // no stemmer: unchanged
  EXPECT_EQ(stem_of("出口", "zh"), "出口");
}

TEST(AnalyzerTest, MapsLanguageCodesToXapianStemmers) {
  EXPECT_EQ(Analyzer::stemmer_name("en"), "english");
  EXPECT_EQ(Analyzer::stemmer_name("DE"), "german");
  EXPECT_EQ(Analyzer::stemmer_name("de-AT"), "german");
  EXPECT_EQ(Analyzer::stemmer_name("french"), "french");
  EXPECT_EQ(Analyzer::stemmer_name("zh"), "");
  EXPECT_EQ(Analyzer::stemmer_name(""), "");
}

}  // namespace
}  // namespace newsdex
