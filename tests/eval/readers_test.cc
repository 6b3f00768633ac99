// Reading queries and qrels: accepted forms, and errors that name file:line.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "input_error_text.h"
#include "newsdex/common/error.h"
#include "newsdex/eval/qrels.h"
#include "newsdex/eval/queries.h"
#include "temp_dir.h"

namespace newsdex::eval {
namespace {

using testing::input_error_text;

TEST(EvalReadersTest, QueriesKeepTextAsWrittenAndSkipBlankLines) {
  std::istringstream in(
      "1\tWhat is TSS (Time Sharing System)?\n"
      "\n"
      "q2\t\"exact phrase\" and -dash\r\n"
      "   \n"
      "10\ttab\tinside\n");
  const auto queries = read_queries(in, "q.tsv");
  ASSERT_EQ(queries.size(), 3u);
  EXPECT_EQ(queries[0].id, "1");
  EXPECT_EQ(queries[0].text, "What is TSS (Time Sharing System)?");
  EXPECT_EQ(queries[1].id, "q2");
  EXPECT_EQ(queries[1].text, "\"exact phrase\" and -dash");  // CR dropped
  EXPECT_EQ(queries[2].text, "tab\tinside");                 // split at the first tab only
}

TEST(EvalReadersTest, BadQueryLinesNameFileAndLine) {
  struct Case {
    std::string input;
    std::string expected;
  };
  const Case cases[] = {
      {"1\tok\n\nno tab here\n", "q.tsv:3: expected 'qid<TAB>text', found no tab"},
      {"\ttext\n", "q.tsv:1: qid: empty"},
      {"1 2\ttext\n", "q.tsv:1: qid: contains white space: '1 2'"},
      {"1\t  \n", "q.tsv:1: text: empty query"},
      {"1\ta\n2\tb\n1\tc\n", "q.tsv:3: qid: repeated query id '1'"},
  };
  for (const auto& c : cases) {
    std::istringstream in(c.input);
    EXPECT_EQ(input_error_text([&] { read_queries(in, "q.tsv"); }), c.expected) << c.input;
  }
}

TEST(EvalReadersTest, QrelsKeepGradesAndAcceptSpacesOrTabs) {
  std::istringstream in(
      "1 0 d1 1\n"
      "1\t0\td2\t2\n"
      "\n"
      "1 0 d3 0\n"
      "2  0  d1  -1\r\n");
  const Qrels qrels = read_qrels(in, "qrels");
  ASSERT_EQ(qrels.size(), 2u);
  EXPECT_EQ(qrels.at("1").at("d1"), 1);
  EXPECT_EQ(qrels.at("1").at("d2"), 2);
  EXPECT_EQ(qrels.at("1").at("d3"), 0);
  EXPECT_EQ(qrels.at("2").at("d1"), -1);
  EXPECT_EQ(relevant_count(qrels.at("1")), 2u);
  EXPECT_EQ(relevant_count(qrels.at("2")), 0u);
}

TEST(EvalReadersTest, BadQrelsLinesNameFileAndLine) {
  struct Case {
    std::string input;
    std::string expected;
  };
  const Case cases[] = {
      {"1 0 d1 1\n1 0 d2\n", "qrels:2: expected 4 fields 'qid 0 docid rel', found 3"},
      {"1 0 d1 1 extra\n", "qrels:1: expected 4 fields 'qid 0 docid rel', found 5"},
      {"1 0 d1 yes\n", "qrels:1: rel: not an integer: 'yes'"},
      {"1 0 d1 1.5\n", "qrels:1: rel: not an integer: '1.5'"},
      {"1 0 d1 1\n\n1 0 d1 0\n", "qrels:3: docid: document 'd1' judged twice for query '1'"},
  };
  for (const auto& c : cases) {
    std::istringstream in(c.input);
    EXPECT_EQ(input_error_text([&] { read_qrels(in, "qrels"); }), c.expected) << c.input;
  }
}

TEST(EvalReadersTest, ReadsFilesAndReportsOnesThatCannotBeOpened) {
  newsdex::testing::TempDir dir;
  std::ofstream(dir / "q.tsv") << "1\tchip exports\n2 x\n";
  EXPECT_EQ(input_error_text([&] { read_queries(dir / "q.tsv"); }),
            dir / "q.tsv" + ":2: expected 'qid<TAB>text', found no tab");
  std::ofstream(dir / "qrels") << "1 0 d1 1\n";
  EXPECT_EQ(read_qrels(dir / "qrels").size(), 1u);

  const std::string missing = input_error_text([&] { read_qrels(dir / "missing"); });
  EXPECT_EQ(missing.rfind(dir / "missing" + ": cannot open: ", 0), 0u) << missing;
  EXPECT_EQ(input_error_text([&] { read_queries(dir.path().string()); }),
            dir.path().string() + ": cannot open: is a directory");
}

}  // namespace
}  // namespace newsdex::eval
