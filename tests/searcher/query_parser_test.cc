#include "query_parser.h"

#include <gtest/gtest.h>

namespace newsdex::searcher {
namespace {

struct Case {
  const char* query;
  const char* tree;     // describe() of the tree, "" for an empty query
  const char* warning;  // a substring of the first warning's message, or "" for none
};

std::string tree_of(const ParsedQuery& parsed) {
  return parsed.empty ? std::string() : describe(parsed.root);
}

void check(const Case& c, const QueryParseOptions& options = {}) {
  const ParsedQuery parsed = parse_query(c.query, options);
  EXPECT_EQ(tree_of(parsed), c.tree) << c.query;
  if (*c.warning == '\0') {
    EXPECT_TRUE(parsed.warnings.empty())
        << c.query << ": " << (parsed.warnings.empty() ? "" : parsed.warnings[0].message);
  } else {
    ASSERT_FALSE(parsed.warnings.empty()) << c.query;
    EXPECT_NE(parsed.warnings[0].message.find(c.warning), std::string::npos)
        << c.query << ": " << parsed.warnings[0].message;
  }
}

TEST(QueryParserTest, WordsPhrasesAndFields) {
  const Case cases[] = {
      {"Chip Exports", "[Chip Exports]", ""},
      {"chips", "chips", ""},
      {"\"Chip Exports\" -Müller +Nvidia", "[\"Chip Exports\" -Müller +Nvidia]", ""},
      {"title:Chips Exports", "[title:Chips Exports]", ""},
      {"title:\"Chip Exports\"", "title:\"Chip Exports\"", ""},
      {"-\"chip exports\"", "[-\"chip exports\"]", ""},
      {"source:BBC date:2024..2025", "[source:BBC date:2024..2025]", ""},
      {"source:\"Global Wire\"", "source:\"Global Wire\"", ""},
      {"lang:de language:fr url:https://x.test/a", "[lang:de lang:fr url:https://x.test/a]", ""},
      {"semicond*", "semicond*", ""},
      {"+title:Semicond*", "[+title:Semicond*]", ""},
      {"U.S. rules", "[U.S. rules]", ""},
      {"10:30 meeting", "[10:30 meeting]", ""},
      {"Examples: chips", "[Examples chips]", ""},
      {"", "", ""},
      {"   ", "", ""},
  };
  for (const Case& c : cases) check(c);
}

TEST(QueryParserTest, OperatorsFollowQueryParsersPrecedence) {
  const Case cases[] = {
      {"chips AND (Exports OR imports)", "(AND chips (OR Exports imports))", ""},
      {"a b OR c", "(OR [a b] c)", ""},
      {"a OR b AND c", "(OR a (AND b c))", ""},
      {"a XOR b OR c", "(OR (XOR a b) c)", ""},
      {"chips NEAR/3 export", "(NEAR/3 chips export)", ""},
      {"a NEAR b NEAR/4 c d", "[(NEAR/4 a b c) d]", ""},
      {"a ADJ/2 b", "(ADJ/2 a b)", ""},
      {"NOT chips", "(ALL-BUT chips)", ""},
      {"chips AND NOT export", "(NOT chips export)", ""},
      {"chips NOT export", "(NOT chips export)", ""},
      {"a OR NOT b", "(OR a (ALL-BUT b))", ""},
      {"+(a OR b) -(c d)", "[+(OR a b) -[c d]]", ""},
      {"and or not", "[and or not]", ""},
  };
  for (const Case& c : cases) check(c);
}

TEST(QueryParserTest, OperatorsCanBeReadAsWords) {
  QueryParseOptions prose;
  prose.operators = false;
  check({"IT DOES NOT INCLUDE MAPS OR CHARTS", "[IT DOES NOT INCLUDE MAPS OR CHARTS]", ""}, prose);
}

TEST(QueryParserTest, FreeFiltersApplyToTheWholeQuery) {
  const Case cases[] = {
      {"a OR b source:X", "[(OR a b) source:X]", ""},
      {"source:X a OR b", "[(OR a b) source:X]", ""},
      {"source:X OR source:Y a", "(OR source:X [source:Y a])", ""},
      {"a source:X", "[a source:X]", ""},
      {"(a OR b) source:X", "[(OR a b) source:X]", ""},
  };
  for (const Case& c : cases) check(c);
}

TEST(QueryParserTest, BodyFieldSearchesTheTextFieldWithAWarning) {
  const Case cases[] = {
      {"title:Chips body:Exports", "[title:Chips Exports]", "searches title and body together"},
      {"body:\"Chip Exports\"", "\"Chip Exports\"", "searches title and body together"},
  };
  for (const Case& c : cases) check(c);
}

TEST(QueryParserTest, RepairsMalformedQueriesWithAWarning) {
  const Case cases[] = {
      {"\"chip export", "\"chip export\"", "unbalanced quote"},
      {"(chip OR export", "(OR chip export)", "unclosed '('"},
      {"chip) export", "[chip export]", "unmatched ')'"},
      {"chip OR", "chip", "'OR' needs a term on each side"},
      {"AND chip", "chip", "'AND' needs a term on each side"},
      {"chip AND AND export", "(AND chip export)", "'AND' needs a term on each side"},
      {"chip NOT", "chip", "'NOT' needs a term after it"},
      {"( ) chip", "chip", "empty brackets"},
      {"(OR)", "", "'OR' needs a term"},
      {"unknown:Field", "Field", "unknown field 'unknown:'"},
      {"+unknown:\"Chip Exports\"", "[+\"Chip Exports\"]", "unknown field 'unknown:'"},
      {"title: chip", "chip", "'title:' without a word"},
      {"source: chip", "chip", "'source:' without a value"},
      {"chip \"\"", "chip", "empty phrase"},
      {"\"a b\" NEAR c", "[\"a b\" c]", "'NEAR' joins single words only"},
      {"a NEAR b ADJ c", "[(NEAR/10 a b) c]", "'ADJ' joins single words only"},
  };
  for (const Case& c : cases) check(c);
}

TEST(QueryParserTest, WarningsCarryACodeAndTheFragment) {
  const ParsedQuery parsed = parse_query("colour:red (chip \"export");
  ASSERT_EQ(parsed.warnings.size(), 3u);
  EXPECT_EQ(parsed.warnings[0].code, QueryWarningCode::kUnknownField);
  EXPECT_EQ(parsed.warnings[0].fragment, "colour:");
  EXPECT_EQ(parsed.warnings[1].code, QueryWarningCode::kUnbalancedQuote);
  EXPECT_EQ(parsed.warnings[1].fragment, "\"export");
  EXPECT_EQ(parsed.warnings[2].code, QueryWarningCode::kUnclosedBracket);
  EXPECT_EQ(query_warning_code_name(parsed.warnings[2].code), "unclosed_bracket");
}

TEST(QueryParserTest, SpansPointAtTheWordsAsTyped) {
  const std::string query = "+title:Chips \"export rules\" semicond*";
  const ParsedQuery parsed = parse_query(query);
  ASSERT_EQ(parsed.root.children.size(), 3u);
  const auto text_at = [&](const QuerySpan& span) {
    return query.substr(span.start, span.end - span.start);
  };
  EXPECT_EQ(text_at(parsed.root.children[0].span), "Chips");
  EXPECT_EQ(text_at(parsed.root.children[1].span), "export rules");
  EXPECT_EQ(text_at(parsed.root.children[2].span), "semicond");
}

}  // namespace
}  // namespace newsdex::searcher
