// Metrics against values worked out by hand with trec_eval's definitions
// (the same runs and qrels give these numbers in
// `trec_eval -c -m map -m ndcg_cut.10 -m P.10 -m recall.100,1000`).
#include "newsdex/eval/metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "newsdex/common/error.h"

namespace newsdex::eval {
namespace {

constexpr double kTolerance = 1e-12;

// Query "1": three relevant documents of grades 1, 2, 1 (d1, d2, d4), one
// judged non-relevant (d3). Retrieved: d5 3.0, d1 2.0, d3 2.0, d2 1.0.
// d1 and d3 tie at 2.0; trec_eval breaks ties by docid descending, so d3
// ranks before d1. Ranking: 1 d5 (not judged), 2 d3 (0), 3 d1 (1), 4 d2 (2).
Judgments graded_judgments() { return {{"d1", 1}, {"d2", 2}, {"d3", 0}, {"d4", 1}}; }
std::vector<ScoredDoc> tied_results() {
  return {{"d1", 2.0}, {"d2", 1.0}, {"d3", 2.0}, {"d5", 3.0}};
}

TEST(EvalMetricsTest, AveragePrecisionDividesByAllRelevantAndBreaksTiesByDocidDescending) {
  // Relevant at ranks 3 and 4: precisions 1/3 and 2/4; d4 never retrieved.
  // AP = (1/3 + 2/4) / 3 = 0.8333.../3 = 0.27777...
  // (Ties broken the other way would put d1 at rank 2: (1/2 + 2/4)/3 = 1/3.)
  const Metrics m = score_query(tied_results(), graded_judgments());
  EXPECT_NEAR(m.ap, (1.0 / 3 + 2.0 / 4) / 3, kTolerance);
  EXPECT_NEAR(m.ap, 0.2777777777777778, 1e-12);
}

TEST(EvalMetricsTest, NdcgUsesGradesAsGainsAndTheIdealOrderOfTheQrels) {
  // DCG@10 = 1/log2(3+1) + 2/log2(4+1) = 0.5 + 2/2.321928 = 0.5 + 0.861353 = 1.361353
  // ideal: grades 2, 1, 1 at ranks 1..3:
  //   2/log2(2) + 1/log2(3) + 1/log2(4) = 2 + 0.630930 + 0.5 = 3.130930
  // nDCG@10 = 1.361353 / 3.130930 = 0.434808
  const Metrics m = score_query(tied_results(), graded_judgments());
  const double dcg = 1 / std::log2(4.0) + 2 / std::log2(5.0);
  const double ideal = 2 / std::log2(2.0) + 1 / std::log2(3.0) + 1 / std::log2(4.0);
  EXPECT_NEAR(m.ndcg_at_10, dcg / ideal, kTolerance);
  EXPECT_NEAR(m.ndcg_at_10, 0.4348079399, 1e-9);
}

TEST(EvalMetricsTest, PrecisionAtTenDividesByTenEvenWithFewerResults) {
  // 4 retrieved, 2 of them relevant: P@10 = 2/10 = 0.2 (not 2/4).
  EXPECT_NEAR(score_query(tied_results(), graded_judgments()).p_at_10, 0.2, kTolerance);
}

TEST(EvalMetricsTest, RecallCountsRetrievedRelevantOverAllRelevant) {
  // 2 of the 3 relevant retrieved, both within the top 100: 2/3 at 100 and 1000.
  const Metrics m = score_query(tied_results(), graded_judgments());
  EXPECT_NEAR(m.recall_at_100, 2.0 / 3, kTolerance);
  EXPECT_NEAR(m.recall_at_1000, 2.0 / 3, kTolerance);
}

// 150 results, relevant ones at ranks 1 and 120 (R = 2).
std::vector<ScoredDoc> long_results() {
  std::vector<ScoredDoc> docs;
  for (int rank = 1; rank <= 150; ++rank) {
    const std::string id = rank == 1 ? "rel-a" : rank == 120 ? "rel-b" : "n" + std::to_string(rank);
    docs.push_back({id, 1000.0 - rank});
  }
  return docs;
}

TEST(EvalMetricsTest, CutoffsIgnoreDocumentsBelowThem) {
  const Metrics m = score_query(long_results(), {{"rel-a", 1}, {"rel-b", 1}});
  // AP = (1/1 + 2/120) / 2 = (1 + 0.016667) / 2 = 0.508333
  EXPECT_NEAR(m.ap, (1 + 2.0 / 120) / 2, kTolerance);
  // DCG@10 = 1/log2(2) = 1; ideal = 1 + 1/log2(3) = 1.630930; nDCG@10 = 0.613147
  EXPECT_NEAR(m.ndcg_at_10, 1 / (1 + 1 / std::log2(3.0)), kTolerance);
  EXPECT_NEAR(m.p_at_10, 0.1, kTolerance);         // 1 relevant in the top 10
  EXPECT_NEAR(m.recall_at_100, 0.5, kTolerance);   // rank 120 is past 100
  EXPECT_NEAR(m.recall_at_1000, 1.0, kTolerance);  // both within 1000
}

TEST(EvalMetricsTest, IdealDcgStopsAtTenDocuments) {
  // 12 relevant documents of grade 1, retrieved first in some order: the
  // top 10 are all relevant, as in the ideal ranking, so nDCG@10 = 1, while
  // P@10 = 10/10 and AP = 1 (every relevant document above every other).
  Judgments judgments;
  std::vector<ScoredDoc> results;
  for (int i = 0; i < 12; ++i) {
    judgments["r" + std::to_string(i)] = 1;
    results.push_back({"r" + std::to_string(i), 50.0 - i});
  }
  results.push_back({"other", 1.0});
  const Metrics m = score_query(results, judgments);
  EXPECT_NEAR(m.ndcg_at_10, 1.0, kTolerance);
  EXPECT_NEAR(m.p_at_10, 1.0, kTolerance);
  EXPECT_NEAR(m.ap, 1.0, kTolerance);
}

TEST(EvalMetricsTest, NegativeGradesAreNotRelevantAndNotGains) {
  // trec_eval reads grades < 0 as "in the pool, unjudged": not relevant.
  // Retrieved: bad (-1) at 1, good (1) at 2. R = 1.
  // AP = (1/2)/1 = 0.5; nDCG@10 = (1/log2(3)) / (1/log2(2)) = 0.630930
  const Metrics m = score_query({{"bad", 2.0}, {"good", 1.0}}, {{"bad", -1}, {"good", 1}});
  EXPECT_NEAR(m.ap, 0.5, kTolerance);
  EXPECT_NEAR(m.ndcg_at_10, 1 / std::log2(3.0), kTolerance);
}

TEST(EvalMetricsTest, NoResultsScoreZero) {
  const Metrics m = score_query({}, {{"d1", 1}});
  EXPECT_EQ(m.ap, 0);
  EXPECT_EQ(m.ndcg_at_10, 0);
  EXPECT_EQ(m.p_at_10, 0);
  EXPECT_EQ(m.recall_at_100, 0);
  EXPECT_EQ(m.recall_at_1000, 0);
}

TEST(EvalMetricsTest, RepeatedDocumentIsRejected) {
  EXPECT_THROW(score_query({{"d1", 2.0}, {"d1", 1.0}}, {{"d1", 1}}), ConfigError);
}

TEST(EvalMetricsTest, EvaluateAveragesOverJudgedQueriesWithRelevantDocuments) {
  const Qrels qrels = {
      {"1", graded_judgments()},
      {"2", {{"x", 1}}},            // judged, never retrieved: scores 0, counted
      {"3", {{"y", 0}, {"z", 0}}},  // no relevant document: skipped
      {"5", {{"rel-a", 1}, {"rel-b", 1}}},
  };
  const eval::Run run = {
      {"1", tied_results()},
      {"3", {{"y", 1.0}}},
      {"4", {{"d1", 1.0}}},  // not in the qrels: skipped
      {"5", long_results()},
  };
  const Evaluation evaluation = evaluate(run, qrels);
  ASSERT_EQ(evaluation.queries(), 3u);
  EXPECT_EQ(evaluation.per_query.count("3"), 0u);
  EXPECT_EQ(evaluation.per_query.count("4"), 0u);
  EXPECT_EQ(evaluation.per_query.at("2").ap, 0);
  // Means over queries 1, 2 and 5:
  //   MAP        = (0.277778 + 0 + 0.508333) / 3 = 0.262037
  //   nDCG@10    = (0.434808 + 0 + 0.613147) / 3 = 0.349318
  //   P@10       = (0.2 + 0 + 0.1) / 3           = 0.1
  //   Recall@100 = (2/3 + 0 + 0.5) / 3           = 0.388889
  //   Recall@1000= (2/3 + 0 + 1) / 3             = 0.555556
  EXPECT_NEAR(evaluation.mean.ap, (0.2777777777777778 + 0 + 0.5083333333333333) / 3, 1e-12);
  EXPECT_NEAR(evaluation.mean.ndcg_at_10, (0.4348079399079101 + 0 + 0.6131471927654584) / 3, 1e-12);
  EXPECT_NEAR(evaluation.mean.p_at_10, 0.1, 1e-12);
  EXPECT_NEAR(evaluation.mean.recall_at_100, (2.0 / 3 + 0.5) / 3, 1e-12);
  EXPECT_NEAR(evaluation.mean.recall_at_1000, (2.0 / 3 + 1) / 3, 1e-12);
}

TEST(EvalMetricsTest, EvaluateWithNoJudgedQueriesGivesZeroQueries) {
  const Evaluation evaluation = evaluate({{"1", {{"d", 1.0}}}}, {});
  EXPECT_EQ(evaluation.queries(), 0u);
  EXPECT_EQ(evaluation.mean.ap, 0);
}

TEST(EvalMetricsTest, QueryIdsSortNumericallyThenAsText) {
  const eval::Run run = {{"10", {}}, {"2", {}}, {"b", {}}, {"1", {}}, {"a", {}}, {"02", {}}};
  std::vector<std::string> order;
  for (const auto& [qid, docs] : run) order.push_back(qid);
  EXPECT_EQ(order, (std::vector<std::string>{"1", "02", "2", "10", "a", "b"}));
}

}  // namespace
}  // namespace newsdex::eval
