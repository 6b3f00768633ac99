#include "newsdex/common/analyzer.h"

#include <gtest/gtest.h>

namespace newsdex {
namespace {

using Terms = std::vector<std::string>;

// Terms of the tokens with `role`, in order.
Terms terms_of(Analyzer& analyzer, std::string_view text, TokenRole role = TokenRole::kWord) {
  Terms terms;
  for (const auto& token : analyzer.tokenize(text)) {
    if (token.role == role) terms.push_back(token.term);
  }
  return terms;
}

TEST(AnalyzerTest, SplitsWordsAndFoldsCase) {
  Analyzer analyzer;
  struct Case {
    const char* text;
    Terms expected;
  };
  const Case cases[] = {
      {"China Declines Nvidia H200 Chips", {"china", "declines", "nvidia", "h200", "chips"}},
      {"Exports rose 5% in 2024.", {"exports", "rose", "5", "in", "2024"}},
      {"MÜLLER straße", {"müller", "strasse"}},
      {"ＦＵＬＬ width", {"full", "width"}},
      {"ﬁnance", {"finance"}},
      {"  ...  ", {}},
      {"", {}},
  };
  for (const auto& c : cases) EXPECT_EQ(terms_of(analyzer, c.text), c.expected) << c.text;
}

TEST(AnalyzerTest, NewsTokensSurviveAsOneWord) {
  Analyzer analyzer;
  struct Case {
    const char* text;
    Terms words;
    Terms parts;
  };
  const Case cases[] = {
      {"U.S. export rules", {"us", "export", "rules"}, {}},
      {"U.S.A.", {"usa"}, {}},
      {"H200 and A320 on 5G", {"h200", "and", "a320", "on", "5g"}, {}},
      {"e-mail", {"email"}, {"mail"}},
      {"COVID-19 cases", {"covid19", "cases"}, {"covid", "19"}},
      {"S&P 500", {"sp", "500"}, {}},
      {"AT&T", {"att"}, {"at"}},
      {"$1.5bn deal", {"15bn", "deal"}, {"5bn"}},
      {"state-of-the-art", {"stateoftheart"}, {"state", "of", "the", "art"}},
      {"don't", {"dont"}, {"don"}},
      {"1,000,000 barrels", {"1000000", "barrels"}, {}},
      {"long\u2011term", {"longterm"}, {"long", "term"}},
      {"a - b", {"a", "b"}, {}},  // spaced dash: separate words
  };
  for (const auto& c : cases) {
    EXPECT_EQ(terms_of(analyzer, c.text), c.words) << c.text;
    EXPECT_EQ(terms_of(analyzer, c.text, TokenRole::kPart), c.parts) << c.text;
  }
}

TEST(AnalyzerTest, CompoundAndItsPartsShareOnePosition) {
  Analyzer analyzer;
  const auto tokens = analyzer.tokenize("new COVID-19 vaccine");
  ASSERT_EQ(tokens.size(), 5u);  // new, covid19 (+ covid, 19 parts), vaccine
  EXPECT_EQ(tokens[0].position, 0u);
  EXPECT_EQ(tokens[1].term, "covid19");
  EXPECT_EQ(tokens[1].position, 1u);
  EXPECT_EQ(tokens[2].role, TokenRole::kPart);
  EXPECT_EQ(tokens[4].term, "vaccine");
  EXPECT_EQ(tokens[4].position, 2u);  // so "covid19 vaccine" is a phrase
  EXPECT_EQ(tokens[1].start, 4u);
  EXPECT_EQ(tokens[1].end, 12u);
}

TEST(AnalyzerTest, AddsDiacriticFreeVariants) {
  Analyzer analyzer;
  struct Case {
    const char* text;
    Terms words;
    Terms variants;
  };
  const Case cases[] = {
      {"Müller", {"müller"}, {"muller", "mueller"}},
      {"Öl Bär", {"öl", "bär"}, {"ol", "oel", "bar", "baer"}},
      {"naïve café", {"naïve", "café"}, {"naive", "cafe"}},
      {"José Núñez", {"josé", "núñez"}, {"jose", "nunez"}},
      {"Łódź Ørsted Æther", {"łódź", "ørsted", "æther"}, {"lodz", "orsted", "aether"}},
      {"plain ascii", {"plain", "ascii"}, {}},
      {"ガス が", {"ガス", "が"}, {}},  // kana keep their voicing marks
  };
  for (const auto& c : cases) {
    EXPECT_EQ(terms_of(analyzer, c.text), c.words) << c.text;
    EXPECT_EQ(terms_of(analyzer, c.text, TokenRole::kVariant), c.variants) << c.text;
  }
  const auto tokens = analyzer.tokenize("Müller");
  ASSERT_EQ(tokens.size(), 3u);
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    EXPECT_EQ(tokens[i].position, tokens[0].position);
    EXPECT_EQ(tokens[i].start, tokens[0].start);
  }
}

TEST(AnalyzerTest, RecordsPositionsAndByteOffsets) {
  Analyzer analyzer;
  const std::string text = "Über chips, Müller!";
  std::vector<Token> words;
  for (const auto& token : analyzer.tokenize(text)) {
    if (token.role == TokenRole::kWord) words.push_back(token);
  }
  ASSERT_EQ(words.size(), 3u);
  for (std::uint32_t i = 0; i < words.size(); ++i) EXPECT_EQ(words[i].position, i);
  EXPECT_EQ(text.substr(words[0].start, words[0].end - words[0].start), "Über");
  EXPECT_EQ(text.substr(words[1].start, words[1].end - words[1].start), "chips");
  EXPECT_EQ(text.substr(words[2].start, words[2].end - words[2].start), "Müller");
}

TEST(AnalyzerTest, ContinuesPositionsAcrossCalls) {
  Analyzer analyzer;
  std::vector<Token> tokens;
  const auto next = analyzer.tokenize("one two", tokens, 10);
  EXPECT_EQ(next, 12u);
  EXPECT_EQ(tokens.back().position, 11u);
}

TEST(AnalyzerTest, SegmentsChineseAndJapaneseIntoDictionaryWords) {
  Analyzer analyzer;
  // ICU 72's dictionary knows 出口 (export) and 管制 (control) but splits 芯片
  // (chip); the query side splits it the same way and searches it as a phrase.
  EXPECT_EQ(terms_of(analyzer, "芯片出口管制"), (Terms{"芯", "片", "出口", "管制"}));
  EXPECT_EQ(terms_of(analyzer, "日本の半導体輸出規制"),
            (Terms{"日本", "の", "半導体", "輸出", "規制"}));
  for (const auto& token : analyzer.tokenize("芯片出口管制")) {
    EXPECT_EQ(token.kind, TokenKind::kIdeographic);
  }
  // Mixed scripts: Latin words keep their own rules.
  EXPECT_EQ(terms_of(analyzer, "Nvidia的H200芯片"), (Terms{"nvidia", "的", "h200", "芯", "片"}));
}

TEST(AnalyzerTest, SegmentsThaiIntoDictionaryWords) {
  Analyzer analyzer;
  // Thai has no spaces between words either; ICU's dictionary splits it.
  EXPECT_EQ(terms_of(analyzer, "ภาษาไทยง่ายนิดเดียว"), (Terms{"ภาษา", "ไทย", "ง่าย", "นิด", "เดียว"}));
}

TEST(AnalyzerTest, DropsOverlongWords) {
  Analyzer analyzer;
  const std::string junk(200, 'x');
  EXPECT_EQ(terms_of(analyzer, "keep " + junk + " this"), (Terms{"keep", "this"}));
  // A long hyphenated chain is kept as its words, not as one huge term.
  const std::string chain = std::string(40, 'a') + "-" + std::string(40, 'b');
  EXPECT_EQ(terms_of(analyzer, chain), (Terms{std::string(40, 'a'), std::string(40, 'b')}));
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

TEST(AnalyzerTest, DetectsLanguageFromScript) {
  struct Case {
    const char* text;
    const char* language;
  };
  const Case cases[] = {
      {"商务部回应美方芯片出口管制新规", "zh"},
      {"日本の半導体輸出規制を強化する", "ja"},
      {"한국 반도체 수출", "ko"},
      {"Экспорт нефти из России", "ru"},
      {"Η Ελλάδα και η Ευρώπη", "el"},
      {"Chip exports fall", ""},
      {"", ""},
      {"2024 1987 !!", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(Analyzer::detect_language(c.text), c.language) << c.text;
}

TEST(AnalyzerTest, KnowsStopwordsPerLanguage) {
  EXPECT_TRUE(Analyzer::is_stopword("the", "en"));
  EXPECT_TRUE(Analyzer::is_stopword("und", "de"));
  EXPECT_TRUE(Analyzer::is_stopword("über", "german"));
  EXPECT_TRUE(Analyzer::is_stopword("les", "fr"));
  EXPECT_FALSE(Analyzer::is_stopword("chip", "en"));
  EXPECT_FALSE(Analyzer::is_stopword("the", "zh"));
}

}  // namespace
}  // namespace newsdex
