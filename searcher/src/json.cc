#include "newsdex/searcher/json.h"

#include <nlohmann/json.hpp>

#include "newsdex/common/date.h"

namespace newsdex::searcher {
namespace {

nlohmann::ordered_json highlighted(const HighlightedText& text) {
  nlohmann::ordered_json spans = nlohmann::ordered_json::array();
  for (const Span& span : text.highlights) spans.push_back({span.start, span.end});
  return {{"text", text.text}, {"highlights", std::move(spans)}};
}

nlohmann::ordered_json hit_json(const Hit& hit) {
  return {
      {"rank", hit.rank},
      {"score", hit.score},
      {"id", hit.id},
      {"title", highlighted(hit.title)},
      {"source", hit.source},
      {"url", hit.url},
      {"published",
       hit.published ? nlohmann::ordered_json(format_iso8601(*hit.published)) : nullptr},
      {"language", hit.language},
      {"authors", hit.authors},
      {"topics", hit.topics},
      {"places", hit.places},
      {"snippet", highlighted(hit.snippet)},
  };
}

}  // namespace

std::string to_json(const SearchResult& result, int indent) {
  nlohmann::ordered_json hits = nlohmann::ordered_json::array();
  for (const Hit& hit : result.hits) hits.push_back(hit_json(hit));
  const nlohmann::ordered_json object = {
      {"query", result.query},
      {"total",
       {{"estimate", result.total_estimate},
        {"lower_bound", result.total_lower_bound},
        {"upper_bound", result.total_upper_bound},
        {"exact", result.total_exact}}},
      {"hits", std::move(hits)},
      {"warnings", result.warnings},
      {"seconds", result.seconds},
  };
  return object.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace newsdex::searcher
