#include "query_rewriter.h"

#include <gtest/gtest.h>

namespace newsdex::searcher {
namespace {

const QueryFields kFields{{"title"}, {"source", "date"}, {"body"}};

struct Case {
  const char* query;
  const char* expected;
  const char* warning;  // a substring of the first warning, or "" for none
};

void check(const Case& c) {
  Analyzer analyzer;
  std::vector<std::string> warnings;
  EXPECT_EQ(rewrite_query(c.query, analyzer, kFields, warnings), c.expected) << c.query;
  if (*c.warning == '\0') {
    EXPECT_TRUE(warnings.empty()) << c.query << ": " << (warnings.empty() ? "" : warnings[0]);
  } else {
    ASSERT_FALSE(warnings.empty()) << c.query;
    EXPECT_NE(warnings[0].find(c.warning), std::string::npos) << c.query << ": " << warnings[0];
  }
}

TEST(QueryRewriterTest, BodyFieldSearchesTheTextFieldWithAWarning) {
  const Case cases[] = {
      {"title:Chips body:Exports", "title:chips exports", "searches title and body together"},
      {"body:\"Chip Exports\"", "\"chip exports\"", "searches title and body together"},
  };
  for (const Case& c : cases) check(c);
}

TEST(QueryRewriterTest, NormalisesWordsAndKeepsSyntax) {
  const Case cases[] = {
      {"Chip Exports", "chip exports", ""},
      {"chips AND (Exports OR imports)", "chips AND ( exports OR imports )", ""},
      {"\"Chip Exports\" -Müller +Nvidia", "\"chip exports\" -muller +nvidia", ""},
      {"Müller", "(müller OR muller OR mueller)", ""},
      {"café", "(café OR cafe)", ""},
      {"\"José Müller\"", "\"jose muller\"", ""},
      {"U.S. rules", "us rules", ""},
      {"\"U.S. rules\"", "\"us rules\"", ""},
      {"e-mail", "email", ""},
      {"COVID-19 vaccine", "covid19 vaccine", ""},
      {"\"COVID-19 vaccine\"", "\"covid19 vaccine\"", ""},
      {"S&P 500", "sp 500", ""},
      {"title:Chips Exports", "title:chips exports", ""},
      {"title:U.S.", "title:us", ""},
      {"title:Müller", "title:muller", ""},
      {"title:\"Chip Exports\"", "title:\"chip exports\"", ""},
      {"-\"chip exports\"", "-\"chip exports\"", ""},
      {"source:BBC date:2024..2025", "source:BBC date:2024..2025", ""},
      {"source:\"Global Wire\"", "source:\"Global Wire\"", ""},
      {"semicond*", "textstem:semicond*", ""},
      {"+title:Semicond*", "+titlestem:semicond*", ""},
      {"chips NEAR/3 export", "chips NEAR/3 export", ""},
      {"NOT chips", "NOT chips", ""},
      {"chips AND NOT export", "chips AND NOT export", ""},
      {"and or not", "and or not", ""},
      {"芯片出口", "\"芯 片 出口\"", ""},
      {"a & b", "a b", ""},
      {"Examples: chips", "examples chips", ""},
      {"a OR b source:X", "( a OR b ) source:X", ""},
      {"source:X a OR b", "( a OR b ) source:X", ""},
      {"source:X OR source:Y a", "source:X OR source:Y a", ""},
      {"a source:X", "a source:X", ""},
      {"(a OR b) source:X", "( a OR b ) source:X", ""},
      {"", "", ""},
  };
  for (const auto& c : cases) check(c);
}

TEST(QueryRewriterTest, OperatorsCanBeReadAsWords) {
  Analyzer analyzer;
  QueryFields prose = kFields;
  prose.operators = false;
  std::vector<std::string> warnings;
  EXPECT_EQ(rewrite_query("IT DOES NOT INCLUDE MAPS OR CHARTS", analyzer, prose, warnings),
            "it does not include maps or charts");
  EXPECT_TRUE(warnings.empty());
}

TEST(QueryRewriterTest, RepairsMalformedQueriesWithAWarning) {
  const Case cases[] = {
      {"\"chip export", "\"chip export\"", "unbalanced quote"},
      {"(chip OR export", "( chip OR export )", "unclosed '('"},
      {"chip) export", "chip export", "unmatched ')'"},
      {"chip OR", "chip", "'OR' needs a term on each side"},
      {"AND chip", "chip", "'AND' needs a term on each side"},
      {"chip AND AND export", "chip AND export", "'AND' needs a term on each side"},
      {"chip NOT", "chip", "'NOT' needs a term after it"},
      {"( ) chip", "chip", "empty brackets"},
      {"(OR)", "", "'OR' needs a term"},
      {"unknown:Field", "field", "unknown field 'unknown:'"},
      {"+unknown:\"Chip Exports\"", "+\"chip exports\"", "unknown field 'unknown:'"},
      {"title: chip", "chip", "'title:' without a word"},
      {"source: chip", "chip", "'source:' without a value"},
      {"chip \"\"", "chip", "empty phrase"},
  };
  for (const auto& c : cases) check(c);
}

}  // namespace
}  // namespace newsdex::searcher
