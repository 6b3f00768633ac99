#include "newsdex/searcher/request.h"

#include "newsdex/common/error.h"

namespace newsdex::searcher {

SortOrder parse_sort_order(std::string_view name) {
  if (name == "relevance") return SortOrder::kRelevance;
  if (name == "newest") return SortOrder::kNewest;
  if (name == "oldest") return SortOrder::kOldest;
  throw ConfigError("unknown sort order '" + std::string(name) +
                    "' (use relevance, newest or oldest)");
}

FacetRequest FacetRequest::parse(std::string_view spec, std::uint32_t limit) {
  FacetRequest request;
  request.limit = limit;
  if (spec == "source") {
    request.field = FacetField::kSource;
  } else if (spec == "topic") {
    request.field = FacetField::kTopic;
  } else if (spec == "place") {
    request.field = FacetField::kPlace;
  } else if (spec == "lang" || spec == "language") {
    request.field = FacetField::kLanguage;
  } else if (spec == "date" || spec == "date:month") {
    request.field = FacetField::kDate;
    request.granularity = DateGranularity::kMonth;
  } else if (spec == "date:year") {
    request.field = FacetField::kDate;
    request.granularity = DateGranularity::kYear;
  } else if (spec == "date:day") {
    request.field = FacetField::kDate;
    request.granularity = DateGranularity::kDay;
  } else {
    throw ConfigError("unknown facet '" + std::string(spec) +
                      "' (use source, topic, place, lang, date:year, date:month or date:day)");
  }
  return request;
}

std::string FacetRequest::name() const {
  switch (field) {
    case FacetField::kSource:
      return "source";
    case FacetField::kTopic:
      return "topic";
    case FacetField::kPlace:
      return "place";
    case FacetField::kLanguage:
      return "lang";
    case FacetField::kDate:
      switch (granularity) {
        case DateGranularity::kYear:
          return "date:year";
        case DateGranularity::kMonth:
          return "date:month";
        case DateGranularity::kDay:
          return "date:day";
      }
  }
  return "unknown";
}

}  // namespace newsdex::searcher
