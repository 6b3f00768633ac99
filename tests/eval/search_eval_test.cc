// End to end: index a tiny collection, run hand-written queries through the
// searcher and score them against hand-written judgments.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "newsdex/common/error.h"
#include "newsdex/eval/metrics.h"
#include "newsdex/eval/search_run.h"
#include "newsdex/indexer/indexer.h"
#include "temp_dir.h"

namespace newsdex::eval {
namespace {

Article article(std::string id, std::string title, std::string body) {
  Article a;
  a.id = std::move(id);
  a.title = std::move(title);
  a.body = std::move(body);
  a.language = "en";
  return a;
}

class EvalSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    indexer::IndexOptions options;
    options.db_path = dir_ / "db";
    indexer::Indexer indexer(options);
    for (const auto& a : {
             article("a1", "Volcano erupts in Iceland",
                     "Lava from the volcano reached the coast; the eruption forced an "
                     "evacuation of nearby villages in Iceland."),
             article("a2", "Central bank raises interest rates",
                     "The central bank raised interest rates again; interest rates are now "
                     "at their highest level in a decade."),
             article("a3", "Chip exports to China curbed",
                     "New rules limit chip exports; chipmakers expect lower exports."),
             article("a4", "Football final ends in penalty shootout",
                     "The cup final went to penalties after a goalless draw."),
             article("a5", "Malaria vaccine approved",
                     "Regulators approved a vaccine against malaria for children."),
             article("a6", "Inflation cools",
                     "Prices rose more slowly last month; markets expect steady rates."),
         }) {
      indexer.add(a);
    }
    indexer.commit();
  }

  newsdex::testing::TempDir dir_;
};

TEST_F(EvalSearchTest, ScoresSearchedQueriesAgainstJudgments) {
  const std::vector<Query> queries = {
      // Punctuation and a stray bracket are passed through: the searcher
      // repairs them, with a warning, and the query still runs.
      {"1", "Which volcano (in Iceland erupted?"},
      {"2", "interest rates"},
      {"3", "zebra xylophone"},  // matches nothing
      {"4", "chip exports"},
      {"5", "malaria vaccine"},  // not judged: run, but not scored
  };
  const Qrels qrels = {
      {"1", {{"a1", 1}}},
      {"2", {{"a2", 2}, {"a6", 1}}},
      {"3", {{"a5", 1}}},
      {"4", {{"a3", 1}, {"a4", 1}}},  // a4 is judged relevant but never matches
  };
  searcher::Searcher searcher(dir_ / "db");
  const SearchRun searched = search_queries(searcher, queries);

  ASSERT_EQ(searched.run.size(), 5u);  // every query, even one with no results
  EXPECT_TRUE(searched.run.at("3").empty());
  ASSERT_FALSE(searched.run.at("1").empty());
  EXPECT_EQ(searched.run.at("1").front().id, "a1");
  EXPECT_GT(searched.run.at("1").front().score, 0);
  // OR semantics: "rates" alone finds a6 too.
  EXPECT_EQ(searched.run.at("2").size(), 2u);
  EXPECT_EQ(searched.warnings.count("1"), 1u) << "the unclosed bracket is repaired";

  const Evaluation evaluation = evaluate(searched.run, qrels);
  ASSERT_EQ(evaluation.queries(), 4u);
  // Query 1: the only relevant document ranks first: AP = 1/1 = 1.
  EXPECT_DOUBLE_EQ(evaluation.per_query.at("1").ap, 1.0);
  EXPECT_DOUBLE_EQ(evaluation.per_query.at("1").ndcg_at_10, 1.0);
  EXPECT_DOUBLE_EQ(evaluation.per_query.at("1").p_at_10, 0.1);
  // Query 2: both relevant documents and nothing else are retrieved, so
  // AP = (1/1 + 2/2)/2 = 1 whatever their order; a2 mentions "interest
  // rates" three times, a6 "rates" once, so a2 (grade 2) leads: nDCG@10 = 1.
  EXPECT_DOUBLE_EQ(evaluation.per_query.at("2").ap, 1.0);
  EXPECT_DOUBLE_EQ(evaluation.per_query.at("2").ndcg_at_10, 1.0);
  EXPECT_DOUBLE_EQ(evaluation.per_query.at("2").p_at_10, 0.2);
  // Query 3: no results: 0.
  EXPECT_EQ(evaluation.per_query.at("3").ap, 0);
  // Query 4: a3 first, a4 never retrieved: AP = (1/1)/2 = 0.5, recall 1/2;
  // nDCG@10 = 1 / (1 + 1/log2(3)) = 0.613147.
  EXPECT_DOUBLE_EQ(evaluation.per_query.at("4").ap, 0.5);
  EXPECT_DOUBLE_EQ(evaluation.per_query.at("4").recall_at_1000, 0.5);
  EXPECT_NEAR(evaluation.per_query.at("4").ndcg_at_10, 0.6131471927654584, 1e-12);
  // MAP = (1 + 1 + 0 + 0.5) / 4 = 0.625
  EXPECT_DOUBLE_EQ(evaluation.mean.ap, 0.625);
}

TEST_F(EvalSearchTest, DepthLimitsResultsPerQuery) {
  searcher::Searcher searcher(dir_ / "db");
  SearchRunOptions options;
  options.depth = 1;
  const SearchRun searched = search_queries(searcher, {{"q", "interest rates"}}, options);
  EXPECT_EQ(searched.run.at("q").size(), 1u);
  options.depth = 0;
  EXPECT_THROW(search_queries(searcher, {{"q", "rates"}}, options), ConfigError);
}

TEST_F(EvalSearchTest, ReportsJudgedQueriesMissingFromTheQueries) {
  const Qrels qrels = {{"1", {{"a1", 1}}}, {"2", {{"a2", 0}}}, {"7", {{"a3", 1}}}};
  EXPECT_EQ(judged_but_not_queried({{"1", "volcano"}}, qrels), std::vector<std::string>{"7"});
}

}  // namespace
}  // namespace newsdex::eval
