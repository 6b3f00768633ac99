#include "newsdex/searcher/request.h"

#include <cmath>
#include <cstdio>

#include "newsdex/common/date.h"
#include "newsdex/common/error.h"

namespace newsdex::searcher {
namespace {

bool has_facet(const FieldSpec& spec) { return spec.facet_slot >= 0; }

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

}  // namespace

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
  std::string_view name = spec;
  std::string_view granularity;
  if (const auto colon = spec.find(':'); colon != std::string_view::npos) {
    name = spec.substr(0, colon);
    granularity = spec.substr(colon + 1);
  }
  const FieldSpec* field = find_field(name);
  const bool known = field != nullptr && has_facet(*field) &&
                     (granularity.empty() || field->field == Field::kDate);
  if (known && field->field == Field::kDate) {
    if (granularity.empty() || granularity == "month") {
      request.granularity = DateGranularity::kMonth;
    } else if (granularity == "year") {
      request.granularity = DateGranularity::kYear;
    } else if (granularity == "day") {
      request.granularity = DateGranularity::kDay;
    } else {
      field = nullptr;
    }
  }
  if (!known || field == nullptr) {
    throw ConfigError(
        "unknown facet '" + std::string(spec) + "' (use " +
        field_names([](const FieldSpec& f) { return has_facet(f) && f.field != Field::kDate; }) +
        ", date:year, date:month or date:day)");
  }
  request.field = field->field;
  return request;
}

std::string FacetRequest::name() const {
  std::string name(field_spec(field).name);
  if (field != Field::kDate) return name;
  switch (granularity) {
    case DateGranularity::kYear:
      return name + ":year";
    case DateGranularity::kMonth:
      return name + ":month";
    case DateGranularity::kDay:
      return name + ":day";
  }
  return name;
}

void Freshness::validate() const {
  if (!(half_life_days > 0) || !std::isfinite(half_life_days)) {
    throw ConfigError("freshness half-life must be a number of days above 0 (got " +
                      number(half_life_days) + ")");
  }
  if (!(max_boost >= 0) || !std::isfinite(max_boost)) {
    throw ConfigError("freshness max_boost must be 0 or more (got " + number(max_boost) + ")");
  }
  if (!now.empty() && !parse_date(now)) {
    throw ConfigError("freshness reference date '" + now + "' is not a date (use e.g. 2024-03-01)");
  }
}

void QueryExpansion::validate() const {
  if (documents < 1) throw ConfigError("query expansion needs at least 1 feedback document");
  if (terms < 1) throw ConfigError("query expansion needs at least 1 term to add");
  if (!(weight > 0 && weight <= 1)) {
    throw ConfigError("query expansion weight must be above 0 and at most 1 (got " +
                      number(weight) + ")");
  }
}

Filter::Filter(Field field_to_match, std::string wanted)
    : field(field_to_match), value(std::move(wanted)) {}

Filter::Filter(std::string_view field_name, std::string wanted) : value(std::move(wanted)) {
  const FieldSpec* spec = find_field(field_name);
  if (spec == nullptr || !spec->filterable) {
    throw ConfigError("cannot filter on '" + std::string(field_name) + "' (use " +
                      field_names([](const FieldSpec& f) { return f.filterable; }) + ")");
  }
  field = spec->field;
}

}  // namespace newsdex::searcher
