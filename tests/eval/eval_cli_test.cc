// Runs the built newsdex-eval as the relevance benchmark does: scoring run
// files, with the output formats and exit codes of its contract.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "temp_dir.h"
#include "tool_run.h"

namespace {

using newsdex::testing::quoted;
using newsdex::testing::ToolRun;

// stdout only: the JSON and table outputs are checked whole.
ToolRun run(const std::string& arguments) {
  return newsdex::testing::run_tool(std::string(NEWSDEX_EVAL_BIN) + " " + arguments,
                                    newsdex::testing::Capture::kStdout);
}

class EvalCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Query 1: relevant d1 (grade 2) and d4 (1); d3 ties d1 at 2.0 and,
    // having the larger docid, ranks first: d3, d1, d2.
    //   AP = (1/2)/2 = 0.25; P@10 = 0.1; recall = 1/2;
    //   nDCG@10 = (2/log2(3)) / (2 + 1/log2(3)) = 1.261860/2.630930 = 0.479625
    // Query 2: relevant e1 at rank 1: AP = 1, nDCG@10 = 1, P@10 = 0.1, recall 1.
    // Query 3: judged, no results: 0. Query 9: only non-relevant: skipped.
    std::ofstream(dir_ / "qrels") << "1 0 d1 2\n1 0 d4 1\n2 0 e1 1\n3 0 f1 1\n9 0 g1 0\n";
    std::ofstream(dir_ / "run") << "1 Q0 d1 1 2.0 base\n1 Q0 d3 2 2.0 base\n"
                                << "1 Q0 d2 3 1.5 base\n2 Q0 e1 1 9 base\n";
  }
  std::string files() const {
    return "--run " + quoted(dir_ / "run") + " --qrels " + quoted(dir_ / "qrels");
  }
  newsdex::testing::TempDir dir_;
};

TEST_F(EvalCliTest, JsonScoresARunFile) {
  const ToolRun result = run(files() + " --json");
  ASSERT_EQ(result.exit_code, 0) << result.out;
  const auto json = nlohmann::ordered_json::parse(result.out);
  EXPECT_EQ(json["queries"], 3);
  // MAP = (0.25 + 1 + 0) / 3 = 0.416667
  EXPECT_NEAR(json["map"].get<double>(), 1.25 / 3, 1e-12);
  EXPECT_NEAR(json["p@10"].get<double>(), 0.2 / 3, 1e-12);
  EXPECT_NEAR(json["recall@100"].get<double>(), 1.5 / 3, 1e-12);
  EXPECT_NEAR(json["recall@1000"].get<double>(), 1.5 / 3, 1e-12);
  EXPECT_NEAR(json["ndcg@10"].get<double>(), (0.4796249331 + 1) / 3, 1e-9);
  ASSERT_EQ(json["per_query"].size(), 3u);
  EXPECT_NEAR(json["per_query"]["1"]["map"].get<double>(), 0.25, 1e-12);
  EXPECT_EQ(json["per_query"]["3"]["map"].get<double>(), 0);
  EXPECT_FALSE(json["per_query"].contains("9"));
  // Keys in the documented order.
  std::vector<std::string> keys;
  for (const auto& item : json.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"queries", "map", "ndcg@10", "p@10", "recall@100",
                                            "recall@1000", "per_query"}));
}

TEST_F(EvalCliTest, TableHasARowPerQueryAndAnAllLine) {
  const ToolRun result = run(files());
  ASSERT_EQ(result.exit_code, 0) << result.out;
  EXPECT_EQ(result.out,
            "qid     map  ndcg@10    p@10  recall@100  recall@1000\n"
            "1    0.2500   0.4796  0.1000      0.5000       0.5000\n"
            "2    1.0000   1.0000  0.1000      1.0000       1.0000\n"
            "3    0.0000   0.0000  0.0000      0.0000       0.0000\n"
            "all  0.4167   0.4932  0.0667      0.5000       0.5000  3 queries\n");
}

TEST_F(EvalCliTest, SummaryPrintsOnlyTheMeans) {
  const ToolRun table = run(files() + " --summary");
  ASSERT_EQ(table.exit_code, 0) << table.out;
  EXPECT_EQ(table.out,
            "qid     map  ndcg@10    p@10  recall@100  recall@1000\n"
            "all  0.4167   0.4932  0.0667      0.5000       0.5000  3 queries\n");
  const ToolRun json = run(files() + " --summary --json");
  ASSERT_EQ(json.exit_code, 0) << json.out;
  EXPECT_FALSE(nlohmann::json::parse(json.out).contains("per_query"));
}

TEST_F(EvalCliTest, BadCommandLinesExitTwo) {
  EXPECT_EQ(run(files() + " --no-such-option 2>/dev/null").exit_code, 2);
  EXPECT_EQ(run("--run " + quoted(dir_ / "run") + " 2>/dev/null").exit_code, 2);  // no --qrels
  EXPECT_EQ(run("--qrels " + quoted(dir_ / "qrels") + " 2>/dev/null").exit_code, 2);
  EXPECT_EQ(run(files() + " --queries q.tsv 2>/dev/null").exit_code, 2);
  EXPECT_EQ(run(files() + " --run-out x 2>/dev/null").exit_code, 2);
  EXPECT_EQ(run(files() + " extra 2>/dev/null").exit_code, 2);
}

TEST_F(EvalCliTest, MalformedRunFileExitsOneNamingTheLine) {
  std::ofstream(dir_ / "bad") << "1 Q0 d1 1 2.0 t\n1 Q0 d2 2 t\n";
  const ToolRun result =
      run("--run " + quoted(dir_ / "bad") + " --qrels " + quoted(dir_ / "qrels") + " 2>&1");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find(dir_ / "bad" + ":2: expected 6 fields"), std::string::npos)
      << result.out;
}

TEST_F(EvalCliTest, MissingIndexExitsOne) {
  std::ofstream(dir_ / "q.tsv") << "1\tchips\n";
  const ToolRun result =
      run("--db " + quoted(dir_ / "nodb") + " --queries " + quoted(dir_ / "q.tsv") + " --qrels " +
          quoted(dir_ / "qrels") + " 2>/dev/null");
  EXPECT_EQ(result.exit_code, 1);
}

TEST_F(EvalCliTest, HelpAndVersionExitZero) {
  const ToolRun help = run("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Examples:"), std::string::npos);
  EXPECT_NE(help.out.find("Exit codes:"), std::string::npos);
  EXPECT_EQ(run("--version").exit_code, 0);
}

}  // namespace
