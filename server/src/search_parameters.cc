#include "search_parameters.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>

#include "http_error.h"
#include "newsdex/common/error.h"
#include "utf8_repair.h"

namespace newsdex::server {
namespace {

// Each parameter once at most, except the ones that repeat like the CLI's.
// A new search option of the CLI gets the same name here, with '_' for
// '-', an entry in one of these lists, a branch below, and a row in
// docs/server.md.
constexpr std::array<std::string_view, 19> kSingle = {
    "q",        "limit",    "offset",        "sort",        "rank",          "half_life", "now",
    "since",    "until",    "lang",          "facet_limit", "snippet_chars", "any",       "suggest",
    "synonyms", "collapse", "duplicates_of", "like",        "expand"};
constexpr std::array<std::string_view, 5> kRepeated = {"source", "author", "topic", "place",
                                                       "facet"};

template <typename Names>
bool contains(const Names& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::uint32_t parse_count(std::string_view name, const std::string& text, std::uint32_t max) {
  std::uint32_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    throw bad_parameter(name, "'" + text + "' is not a whole number");
  }
  if (value > max) {
    throw bad_parameter(
        name, std::to_string(value) + " is above the most allowed, " + std::to_string(max));
  }
  return value;
}

double parse_days(std::string_view name, const std::string& text) {
  // strtod accepts more ("inf", hex, leading space) than a URL should carry.
  const bool plain = !text.empty() && text.find_first_not_of("0123456789.") == std::string::npos;
  char* end = nullptr;
  const double value = plain ? std::strtod(text.c_str(), &end) : 0;
  if (!plain || end != text.c_str() + text.size() || !std::isfinite(value) || value <= 0) {
    throw bad_parameter(name, "'" + text + "' is not a number of days above 0");
  }
  return value;
}

bool parse_bool(std::string_view name, const std::string& text) {
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  throw bad_parameter(name, "'" + text + "' is not true or false");
}

}  // namespace

ApiSearch parse_search_parameters(const std::vector<Parameter>& parameters) {
  ApiSearch search;
  searcher::SearchRequest& request = search.request;
  std::vector<std::string_view> seen;
  std::vector<std::string> facets;
  std::optional<std::uint32_t> facet_limit;
  std::string rank = "relevance";
  std::optional<double> half_life;
  std::optional<std::string> now;

  for (const auto& [name, value] : parameters) {
    if (contains(kSingle, name)) {
      if (contains(seen, name)) throw bad_parameter(name, "given more than once");
      seen.push_back(name);
    } else if (!contains(kRepeated, name)) {
      throw bad_parameter(name, "no such parameter (docs/server.md lists them)");
    }
    if (name != "q") {
      std::string checked = value;
      if (internal::repair_utf8(checked) > 0) throw bad_parameter(name, "not valid UTF-8");
    }

    if (name == "q") {
      request.query = value;
    } else if (name == "limit") {
      request.limit = parse_count(name, value, kMaxLimit);
    } else if (name == "offset") {
      request.offset = parse_count(name, value, kMaxOffset);
    } else if (name == "sort") {
      try {
        request.sort = searcher::parse_sort_order(value);
      } catch (const ConfigError&) {
        throw bad_parameter(name, "'" + value + "' is not relevance, newest or oldest");
      }
    } else if (name == "rank") {
      if (value != "relevance" && value != "fresh") {
        throw bad_parameter(name, "'" + value + "' is not relevance or fresh");
      }
      rank = value;
    } else if (name == "half_life") {
      half_life = parse_days(name, value);
    } else if (name == "now") {
      now = value;
    } else if (name == "since") {
      request.since = value;
    } else if (name == "until") {
      request.until = value;
    } else if (name == "source" || name == "author" || name == "topic" || name == "place") {
      if (value.empty()) throw bad_parameter(name, "empty value");
      request.filters.emplace_back(name, value);
    } else if (name == "lang") {
      if (!value.empty()) {
        request.filters.emplace_back("lang", value);
        request.language = value;
      }
    } else if (name == "facet") {
      facets.push_back(value);
    } else if (name == "facet_limit") {
      facet_limit = parse_count(name, value, kMaxLimit);
    } else if (name == "snippet_chars") {
      request.snippet_bytes = parse_count(name, value, 10000);
    } else if (name == "any") {
      request.default_operator = parse_bool(name, value) ? searcher::DefaultOperator::kOr
                                                         : searcher::DefaultOperator::kAnd;
    } else if (name == "suggest") {
      request.suggest = parse_bool(name, value);
    } else if (name == "synonyms") {
      request.synonyms = parse_bool(name, value);
    } else if (name == "collapse") {
      request.collapse = parse_bool(name, value);
    } else if (name == "duplicates_of") {
      if (value.empty()) throw bad_parameter(name, "empty article id");
      search.duplicates_of = value;
    } else if (name == "like") {
      if (value.empty()) throw bad_parameter(name, "empty article id");
      search.like = value;
    } else if (name == "expand") {
      // Absent: the library's default (natural-language queries only).
      request.expand =
          parse_bool(name, value) ? searcher::ExpandMode::kOn : searcher::ExpandMode::kOff;
    }
  }

  if (rank == "fresh") {
    request.freshness = searcher::Freshness{half_life.value_or(30), now.value_or("")};
    try {
      request.freshness->validate();
    } catch (const ConfigError& e) {
      throw bad_parameter("now", e.what());
    }
  } else if (half_life) {
    throw bad_parameter("half_life", "needs rank=fresh");
  } else if (now) {
    throw bad_parameter("now", "needs rank=fresh");
  }
  for (const std::string& spec : facets) {
    try {
      auto facet = searcher::FacetRequest::parse(spec, facet_limit.value_or(10));
      // As in the CLI: a timeline shows every bucket unless told otherwise.
      if (facet.field == Field::kDate && !facet_limit) facet.limit = 0;
      request.facets.push_back(facet);
    } catch (const ConfigError&) {
      throw bad_parameter("facet", "'" + spec +
                                       "' is not source, topic, place, lang, date, date:year, "
                                       "date:month or date:day");
    }
  }
  if (search.duplicates_of && !request.query.empty()) {
    throw bad_parameter("duplicates_of", "lists an article's copies and takes no q");
  }
  if (search.like && search.duplicates_of) {
    throw bad_parameter("like", "give like or duplicates_of, not both");
  }
  if (search.like && request.expand == searcher::ExpandMode::kOn) {
    throw bad_parameter("expand", "does not apply to like");
  }
  return search;
}

}  // namespace newsdex::server
