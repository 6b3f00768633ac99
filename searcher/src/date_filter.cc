#include "date_filter.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "newsdex/common/date.h"
#include "newsdex/common/schema.h"

namespace newsdex::searcher {
namespace {

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string day_string(long long year, unsigned month, unsigned day) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04lld%02u%02u", year, month, day);
  return buffer;
}

unsigned last_day_of_month(long long year, unsigned month) {
  const long long first_of_next =
      month == 12 ? days_from_civil(year + 1, 1, 1) : days_from_civil(year, month + 1, 1);
  return civil_from_days(first_of_next - 1).day;
}

// A closed range as year, month and day terms (whole years as Y terms,
// whole months as M terms, the days left as D terms), or nullopt when that
// takes more than kMaxRangeTerms. Xapian skips through a few boolean
// posting lists far faster than it checks the day value of every
// candidate: on 1,000,000 articles, a three-month filter went from ~40 ms
// to ~1 ms (docs/performance.md).
constexpr std::size_t kMaxRangeTerms = 300;

std::optional<Xapian::Query> range_as_terms(const std::string& low, const std::string& high) {
  const auto days_of = [](const std::string& yyyymmdd) {
    return days_from_civil(std::stoll(yyyymmdd.substr(0, 4)),
                           static_cast<unsigned>(std::stoul(yyyymmdd.substr(4, 2))),
                           static_cast<unsigned>(std::stoul(yyyymmdd.substr(6, 2))));
  };
  const long long last = days_of(high);
  std::vector<std::string> terms;
  for (long long day = days_of(low); day <= last;) {
    if (terms.size() == kMaxRangeTerms) return std::nullopt;
    const CivilDate date = civil_from_days(day);
    const long long year_end = days_from_civil(date.year, 12, 31);
    const long long month_end =
        days_from_civil(date.year, date.month, 1) + last_day_of_month(date.year, date.month) - 1;
    const std::string yyyymmdd = day_string(date.year, date.month, date.day);
    if (date.month == 1 && date.day == 1 && year_end <= last) {
      terms.push_back(std::string(schema::kYearPrefix) + yyyymmdd.substr(0, 4));
      day = year_end + 1;
    } else if (date.day == 1 && month_end <= last) {
      terms.push_back(std::string(schema::kMonthPrefix) + yyyymmdd.substr(0, 6));
      day = month_end + 1;
    } else {
      terms.push_back(std::string(schema::kDayPrefix) + yyyymmdd);
      ++day;
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

std::optional<Xapian::Query> range(const std::string& low, const std::string& high) {
  if (!low.empty() && !high.empty()) {
    if (low > high) return std::nullopt;
    if (auto terms = range_as_terms(low, high)) return terms;
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDay, low, high);
  }
  if (!low.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotDay, low);
  if (!high.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotDay, high);
  return match_all_query();
}

}  // namespace

std::optional<std::pair<std::string, std::string>> date_period(std::string_view text) {
  const bool year_only = text.size() == 4 && all_digits(text);
  const bool year_month = text.size() == 7 && all_digits(text.substr(0, 4)) && text[4] == '-' &&
                          all_digits(text.substr(5, 2));
  const auto number = [&](std::size_t at, std::size_t length) {
    long long value = 0;
    for (char c : text.substr(at, length)) value = value * 10 + (c - '0');
    return value;
  };
  if (year_only) {
    const long long year = number(0, 4);
    return std::make_pair(day_string(year, 1, 1), day_string(year, 12, 31));
  }
  if (year_month) {
    const long long year = number(0, 4);
    const auto month = static_cast<unsigned>(number(5, 2));
    if (month < 1 || month > 12) return std::nullopt;
    return std::make_pair(day_string(year, month, 1),
                          day_string(year, month, last_day_of_month(year, month)));
  }
  const auto day = parse_iso8601(text);
  if (!day || !day->date_only) return std::nullopt;
  const std::string yyyymmdd = format_yyyymmdd(*day);
  return std::make_pair(yyyymmdd, yyyymmdd);
}

std::optional<Xapian::Query> date_range_query(std::string_view expression, std::string& error) {
  const std::size_t dots = expression.find("..");
  const std::string_view low_text =
      dots == std::string_view::npos ? expression : expression.substr(0, dots);
  const std::string_view high_text =
      dots == std::string_view::npos ? expression : expression.substr(dots + 2);
  if (low_text.empty() && high_text.empty()) {
    error = "date range '" + std::string(expression) + "' has no date";
    return std::nullopt;
  }
  std::string low, high;
  for (const auto& [text, bound] : {std::pair{low_text, &low}, std::pair{high_text, &high}}) {
    if (text.empty()) continue;
    const auto period = date_period(text);
    if (!period) {
      error = "'" + std::string(text) + "' is not a date (use 2024, 2024-03 or 2024-03-01)";
      return std::nullopt;
    }
    *bound = bound == &low ? period->first : period->second;
  }
  auto query = range(low, high);
  if (!query) error = "date range '" + std::string(expression) + "' ends before it starts";
  return query;
}

std::optional<Xapian::Query> since_until_query(std::string_view since, std::string_view until,
                                               std::string& error) {
  std::string low, high;
  if (!since.empty()) {
    const auto period = date_period(since);
    if (!period) {
      error = "since: '" + std::string(since) + "' is not a date (use 2024, 2024-03 or 2024-03-01)";
      return std::nullopt;
    }
    low = period->first;
  }
  if (!until.empty()) {
    const auto period = date_period(until);
    if (!period) {
      error = "until: '" + std::string(until) + "' is not a date (use 2024, 2024-03 or 2024-03-01)";
      return std::nullopt;
    }
    high = period->second;
  }
  auto query = range(low, high);
  if (!query) error = "since " + std::string(since) + " is after until " + std::string(until);
  return query;
}

}  // namespace newsdex::searcher
