#include "query_rewriter.h"

#include <gtest/gtest.h>

namespace newsdex::searcher {
namespace {

TEST(QueryRewriterTest, NormalisesWordsAndKeepsSyntax) {
  Analyzer analyzer;
  const QueryFields fields{{"title", "body"}, {"source", "date"}};
  struct Case {
    const char* query;
    const char* expected;
  };
  const Case cases[] = {
      {"Chip Exports", "chip exports"},
      {"chips AND (Exports OR imports)", "chips AND (exports OR imports)"},
      {"\"Chip Exports\" -Müller +Nvidia", "\"chip exports\" -müller +nvidia"},
      {"U.S. rules", "\"u s\" rules"},
      {"\"U.S. rules\"", "\"u s rules\""},
      {"title:Chips body:Exports", "title:chips body:exports"},
      {"title:U.S.", "title:\"u s\""},
      {"source:BBC date:2024..2025", "source:BBC date:2024..2025"},
      {"unknown:Field", "\"unknown field\""},
      {"semicond*", "semicond*"},
      {"chips NEAR/3 export", "chips NEAR/3 export"},
      {"and or not", "and or not"},
      {"芯片出口", "\"芯 片 出口\""},
      {"a & b", "a  b"},
      {"", ""},
  };
  for (const auto& c : cases)
    EXPECT_EQ(rewrite_query(c.query, analyzer, fields), c.expected) << c.query;
}

}  // namespace
}  // namespace newsdex::searcher
