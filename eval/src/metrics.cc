#include "newsdex/eval/metrics.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <unordered_set>

#include "newsdex/common/error.h"

namespace newsdex::eval {
namespace {

constexpr std::size_t kNdcgCutoff = 10;
constexpr std::size_t kPrecisionCutoff = 10;
constexpr std::size_t kRecallCutoffs[] = {100, 1000};

int grade_of(const Judgments& judgments, const std::string& doc) {
  const auto found = judgments.find(doc);
  return found == judgments.end() ? 0 : found->second;
}

// trec_eval's ndcg_cut ideal: the qrels' positive grades, best first.
double ideal_dcg_at(const Judgments& judgments, std::size_t cutoff) {
  std::vector<int> grades;
  for (const auto& [doc, grade] : judgments) {
    if (grade > 0) grades.push_back(grade);
  }
  std::sort(grades.begin(), grades.end(), std::greater<>());
  double dcg = 0;
  for (std::size_t i = 0; i < grades.size() && i < cutoff; ++i) {
    dcg += grades[i] / std::log2(static_cast<double>(i + 2));
  }
  return dcg;
}

void add_to(Metrics& sum, const Metrics& metrics) {
  sum.ap += metrics.ap;
  sum.ndcg_at_10 += metrics.ndcg_at_10;
  sum.p_at_10 += metrics.p_at_10;
  sum.recall_at_100 += metrics.recall_at_100;
  sum.recall_at_1000 += metrics.recall_at_1000;
}

}  // namespace

Metrics score_query(std::vector<ScoredDoc> results, const Judgments& judgments) {
  Metrics metrics;
  const std::size_t relevant = relevant_count(judgments);
  if (relevant == 0) return metrics;
  std::unordered_set<std::string_view> seen;
  for (const auto& doc : results) {
    if (!seen.insert(doc.id).second) {
      throw ConfigError("document '" + doc.id + "' retrieved twice for one query");
    }
  }
  sort_like_trec_eval(results);

  const auto total = static_cast<double>(relevant);
  double precision_sum = 0;
  double dcg = 0;
  std::size_t found = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const std::size_t rank = i + 1;
    const int grade = grade_of(judgments, results[i].id);
    if (grade <= 0) continue;
    ++found;
    precision_sum += static_cast<double>(found) / static_cast<double>(rank);
    if (rank <= kNdcgCutoff) dcg += grade / std::log2(static_cast<double>(rank + 1));
    // Counts at a cutoff are those of the last relevant document within it.
    if (rank <= kPrecisionCutoff) {
      metrics.p_at_10 = static_cast<double>(found) / static_cast<double>(kPrecisionCutoff);
    }
    if (rank <= kRecallCutoffs[0]) metrics.recall_at_100 = static_cast<double>(found) / total;
    if (rank <= kRecallCutoffs[1]) metrics.recall_at_1000 = static_cast<double>(found) / total;
  }
  metrics.ap = precision_sum / total;
  metrics.ndcg_at_10 = dcg / ideal_dcg_at(judgments, kNdcgCutoff);
  return metrics;
}

Evaluation evaluate(const Run& run, const Qrels& qrels) {
  Evaluation evaluation;
  static const std::vector<ScoredDoc> kNoResults;
  for (const auto& [qid, judgments] : qrels) {
    if (relevant_count(judgments) == 0) continue;
    const auto retrieved = run.find(qid);
    const Metrics metrics =
        score_query(retrieved == run.end() ? kNoResults : retrieved->second, judgments);
    evaluation.per_query.emplace(qid, metrics);
    add_to(evaluation.mean, metrics);
  }
  if (const auto n = static_cast<double>(evaluation.queries()); n > 0) {
    evaluation.mean.ap /= n;
    evaluation.mean.ndcg_at_10 /= n;
    evaluation.mean.p_at_10 /= n;
    evaluation.mean.recall_at_100 /= n;
    evaluation.mean.recall_at_1000 /= n;
  }
  return evaluation;
}

}  // namespace newsdex::eval
