// TREC run files: reading, writing, and that a written run scores exactly
// like the run in memory.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>

#include "input_error_text.h"
#include "newsdex/common/error.h"
#include "newsdex/eval/metrics.h"
#include "newsdex/eval/run.h"
#include "temp_dir.h"

namespace newsdex::eval {
namespace {

using testing::input_error_text;

TEST(EvalRunFileTest, ReadsQidDocidAndScoreIgnoringRankAndTag) {
  std::istringstream in(
      "1 Q0 d1 1 12.5 sysA\n"
      "1\tQ0\td2\t7\t-3e-1\tsysA\n"  // rank column ignored, as trec_eval does
      "\n"
      "2 Q0 d1 1 +4 other-tag\r\n");
  const eval::Run run = read_run(in, "run");
  ASSERT_EQ(run.size(), 2u);
  EXPECT_EQ(run.at("1"), (std::vector<ScoredDoc>{{"d1", 12.5}, {"d2", -0.3}}));
  EXPECT_EQ(run.at("2"), (std::vector<ScoredDoc>{{"d1", 4.0}}));
}

TEST(EvalRunFileTest, BadRunLinesNameFileAndLine) {
  struct Case {
    std::string input;
    std::string expected;
  };
  const Case cases[] = {
      {"1 Q0 d1 1 2.0 t\n1 Q0 d2 2 1.0\n",
       "run:2: expected 6 fields 'qid Q0 docid rank score tag', found 5"},
      {"1 Q0 d1 1 high t\n", "run:1: score: not a finite number: 'high'"},
      {"1 Q0 d1 1 nan t\n", "run:1: score: not a finite number: 'nan'"},
      {"1 Q0 d1 1 2.0 t\n2 Q0 d1 1 2.0 t\n1 Q0 d1 2 1.0 t\n",
       "run:3: docid: document 'd1' listed twice for query '1'"},
  };
  for (const auto& c : cases) {
    std::istringstream in(c.input);
    EXPECT_EQ(input_error_text([&] { read_run(in, "run"); }), c.expected) << c.input;
  }
}

TEST(EvalRunFileTest, WritesInTrecEvalOrderWithRanks) {
  // d1 and d3 tie: trec_eval ranks the larger docid first.
  const eval::Run run = {{"10", {{"d1", 2.0}, {"d2", 1.0}}},
                         {"9", {{"d1", 2.0}, {"d3", 2.0}, {"d0", 3.25}}},
                         {"11", {}}};
  std::ostringstream out;
  write_run(out, run, "newsdex");
  EXPECT_EQ(out.str(),
            "9 Q0 d0 1 3.25 newsdex\n"
            "9 Q0 d3 2 2 newsdex\n"
            "9 Q0 d1 3 2 newsdex\n"
            "10 Q0 d1 1 2 newsdex\n"
            "10 Q0 d2 2 1 newsdex\n");
}

TEST(EvalRunFileTest, RoundTripKeepsScoresExactlyAndScoresTheSame) {
  newsdex::testing::TempDir dir;
  // Scores that differ only in the last bits must not become ties.
  const double close = 1.0 / 3;
  const double closer = std::nextafter(close, 1.0);
  const eval::Run run = {{"1", {{"a", close}, {"b", closer}, {"c", 17.123456789012345}}},
                         {"2", {{"a", 1e-300}, {"z", 0.0}}}};
  write_run(dir / "run", run, "tag");
  eval::Run back = read_run(dir / "run");
  for (auto& [qid, docs] : back) sort_like_trec_eval(docs);
  eval::Run expected = run;
  for (auto& [qid, docs] : expected) sort_like_trec_eval(docs);
  EXPECT_EQ(back, expected);

  const Qrels qrels = {{"1", {{"a", 1}, {"c", 2}}}, {"2", {{"z", 1}}}};
  const Evaluation in_memory = evaluate(run, qrels);
  const Evaluation from_file = evaluate(back, qrels);
  EXPECT_EQ(in_memory.mean.ap, from_file.mean.ap);
  EXPECT_EQ(in_memory.mean.ndcg_at_10, from_file.mean.ndcg_at_10);
}

TEST(EvalRunFileTest, RejectsTagsAndIdsThatWouldBreakTheFormat) {
  std::ostringstream out;
  EXPECT_THROW(write_run(out, {}, ""), ConfigError);
  EXPECT_THROW(write_run(out, {}, "two words"), ConfigError);
  EXPECT_THROW(write_run(out, {{"1", {{"doc id", 1.0}}}}, "t"), Error);
}

TEST(EvalRunFileTest, UnwritablePathIsAnError) {
  newsdex::testing::TempDir dir;
  EXPECT_THROW(write_run(dir / "no/such/dir/run", {}, "t"), Error);
}

}  // namespace
}  // namespace newsdex::eval
