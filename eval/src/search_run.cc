#include "newsdex/eval/search_run.h"

#include <set>

#include "newsdex/common/error.h"

namespace newsdex::eval {

SearchRun search_queries(searcher::Searcher& searcher, const std::vector<Query>& queries,
                         const SearchRunOptions& options) {
  if (options.depth == 0) throw ConfigError("run depth must be at least 1");
  searcher::SearchRequest request;
  request.default_operator = searcher::DefaultOperator::kOr;
  request.sort = searcher::SortOrder::kRelevance;
  request.limit = options.depth;
  request.snippet_bytes = 0;
  request.suggest = false;
  // Test-collection queries are prose, often in capitals: "AND", "NOT" are words.
  request.operators = false;
  request.language = options.language;
  request.expand = options.expand ? searcher::ExpandMode::kOn : searcher::ExpandMode::kOff;
  request.expansion = options.expansion;

  SearchRun result;
  for (const auto& query : queries) {
    request.query = query.text;
    std::vector<ScoredDoc>& docs = result.run[query.id];
    try {
      const searcher::SearchResult found = searcher.search(request);
      docs.reserve(found.hits.size());
      for (const auto& hit : found.hits) docs.push_back({hit.id, hit.score});
      for (const auto& warning : found.warnings) {
        result.warnings[query.id].push_back(warning.message);
      }
    } catch (const QueryError& e) {
      // One query the searcher cannot run must not cost the whole evaluation:
      // it retrieves nothing and scores 0, and the caller hears why.
      result.warnings[query.id].push_back(std::string("not run: ") + e.what());
    }
  }
  return result;
}

std::vector<std::string> judged_but_not_queried(const std::vector<Query>& queries,
                                                const Qrels& qrels) {
  std::set<std::string> asked;
  for (const auto& query : queries) asked.insert(query.id);
  std::vector<std::string> missing;
  for (const auto& [qid, judgments] : qrels) {
    if (relevant_count(judgments) > 0 && asked.count(qid) == 0) missing.push_back(qid);
  }
  return missing;
}

}  // namespace newsdex::eval
