#include "newsdex/eval/report.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>

namespace newsdex::eval {
namespace {

constexpr const char* kColumns[] = {"map", "ndcg@10", "p@10", "recall@100", "recall@1000"};

double value(const Metrics& metrics, std::size_t column) {
  switch (column) {
    case 0:
      return metrics.ap;
    case 1:
      return metrics.ndcg_at_10;
    case 2:
      return metrics.p_at_10;
    case 3:
      return metrics.recall_at_100;
    default:
      return metrics.recall_at_1000;
  }
}

int column_width(std::size_t column) {
  return std::max(6, static_cast<int>(std::string_view(kColumns[column]).size()));
}

std::string padded(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

void print_row(std::ostream& out, const std::string& qid, std::size_t qid_width,
               const Metrics& metrics) {
  out << padded(qid, qid_width);
  char cell[64];
  for (std::size_t column = 0; column < std::size(kColumns); ++column) {
    std::snprintf(cell, sizeof cell, "  %*.4f", column_width(column), value(metrics, column));
    out << cell;
  }
}

nlohmann::ordered_json metrics_json(const Metrics& metrics) {
  nlohmann::ordered_json json;
  for (std::size_t column = 0; column < std::size(kColumns); ++column) {
    json[kColumns[column]] = value(metrics, column);
  }
  return json;
}

}  // namespace

void print_table(std::ostream& out, const Evaluation& evaluation, bool summary_only) {
  std::size_t qid_width = 3;  // "qid", "all"
  if (!summary_only) {
    for (const auto& [qid, metrics] : evaluation.per_query) {
      qid_width = std::max(qid_width, qid.size());
    }
  }
  out << padded("qid", qid_width);
  char cell[64];
  for (std::size_t column = 0; column < std::size(kColumns); ++column) {
    std::snprintf(cell, sizeof cell, "  %*s", column_width(column), kColumns[column]);
    out << cell;
  }
  out << "\n";
  if (!summary_only) {
    for (const auto& [qid, metrics] : evaluation.per_query) {
      print_row(out, qid, qid_width, metrics);
      out << "\n";
    }
  }
  print_row(out, "all", qid_width, evaluation.mean);
  out << "  " << evaluation.queries() << (evaluation.queries() == 1 ? " query" : " queries")
      << "\n";
}

std::string to_json(const Evaluation& evaluation, bool summary_only, int indent) {
  nlohmann::ordered_json json;
  json["queries"] = evaluation.queries();
  json.update(metrics_json(evaluation.mean));
  if (!summary_only) {
    json["per_query"] = nlohmann::ordered_json::object();
    for (const auto& [qid, metrics] : evaluation.per_query) {
      json["per_query"][qid] = metrics_json(metrics);
    }
  }
  return json.dump(indent);
}

}  // namespace newsdex::eval
