#include "newsdex/searcher/json.h"

#include <nlohmann/json.hpp>

#include "newsdex/common/date.h"

namespace newsdex::searcher {
namespace {

using Json = nlohmann::ordered_json;

Json spans(const HighlightedText& text) {
  Json list = Json::array();
  for (const Span& span : text.highlights) list.push_back({span.start, span.end});
  return list;
}

Json hit_json(const Hit& hit) {
  return {
      {"rank", hit.rank},
      {"id", hit.id},
      {"score", hit.score},
      {"title", hit.title.text},
      {"title_highlights", spans(hit.title)},
      {"source", hit.source},
      {"published", hit.published ? Json(format_iso8601(*hit.published)) : Json(nullptr)},
      {"url", hit.url},
      {"snippet", hit.snippet.text},
      {"highlights", spans(hit.snippet)},
      {"language", hit.language},
      {"authors", hit.authors},
      {"topics", hit.topics},
      {"places", hit.places},
  };
}

}  // namespace

std::string to_json(const SearchResult& result, int indent) {
  Json hits = Json::array();
  for (const Hit& hit : result.hits) hits.push_back(hit_json(hit));
  Json facets = Json::object();
  bool facets_exact = true;
  for (const Facet& facet : result.facets) {
    Json values = Json::array();
    for (const FacetValue& value : facet.values) {
      values.push_back({{"value", value.value}, {"count", value.count}});
    }
    facets[facet.name] = std::move(values);
    facets_exact = facets_exact && facet.exact;
  }
  Json warnings = Json::array();
  for (const QueryWarning& warning : result.warnings) {
    warnings.push_back({{"code", std::string(query_warning_code_name(warning.code))},
                        {"fragment", warning.fragment},
                        {"message", warning.message}});
  }
  const Json object = {
      {"query", result.query},
      {"total",
       {{"estimate", result.total_estimate},
        {"lower", result.total_lower_bound},
        {"upper", result.total_upper_bound},
        {"exact", result.total_exact}}},
      {"hits", std::move(hits)},
      {"facets", std::move(facets)},
      {"facets_exact", facets_exact},
      {"suggestion", result.suggestion.empty() ? Json(nullptr) : Json(result.suggestion)},
      {"warnings", std::move(warnings)},
      {"seconds", result.seconds},
  };
  return object.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace newsdex::searcher
