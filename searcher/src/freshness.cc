#include "freshness.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "newsdex/common/date.h"
#include "newsdex/common/error.h"
#include "newsdex/common/schema.h"

namespace newsdex::searcher {
namespace {

constexpr long long kSecondsPerDay = 86400;

long long floor_days(std::int64_t unix_seconds) {
  long long days = unix_seconds / kSecondsPerDay;
  if (unix_seconds % kSecondsPerDay < 0) --days;
  return days;
}

std::string yyyymmdd(long long days) {
  const CivilDate date = civil_from_days(days);
  char text[16];
  std::snprintf(text, sizeof text, "%04lld%02u%02u", date.year, date.month, date.day);
  return text;
}

// "YYYYMMDD" as a day count; nullopt for anything else (an empty slot).
std::optional<long long> day_of(const std::string& value) {
  if (value.size() != 8 ||
      !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return days_from_civil(std::stoll(value.substr(0, 4)),
                         static_cast<unsigned>(std::stoul(value.substr(4, 2))),
                         static_cast<unsigned>(std::stoul(value.substr(6, 2))));
}

}  // namespace

long long freshness_reference_day(const Freshness& freshness) {
  freshness.validate();
  if (freshness.now.empty()) return floor_days(static_cast<std::int64_t>(std::time(nullptr)));
  return floor_days(parse_date(freshness.now)->unix_seconds);
}

double freshness_boost(double max_weight, double age_days, double half_life_days) {
  return max_weight * std::exp2(-std::fabs(age_days) / half_life_days);
}

Xapian::Query freshness_query(const Xapian::Database& db, long long reference_day,
                              double half_life_days, double max_weight) {
  if (!(max_weight > 0)) return {};
  const auto oldest = day_of(db.get_value_lower_bound(schema::kSlotDay));
  const auto newest = day_of(db.get_value_upper_bound(schema::kSlotDay));
  if (!oldest || !newest) return {};
  const long long reach = std::min<long long>(
      kFreshnessMaxDaysEachSide,
      static_cast<long long>(std::ceil(kFreshnessHalfLivesKept * half_life_days)));
  const long long first = std::max(*oldest, reference_day - reach);
  const long long last = std::min(*newest, reference_day + reach);
  if (first > last) return {};
  auto* source = new Xapian::ValueMapPostingSource(schema::kSlotDay);
  source->set_default_weight(0.0);
  for (long long day = first; day <= last; ++day) {
    source->add_mapping(
        yyyymmdd(day),
        freshness_boost(max_weight, static_cast<double>(day - reference_day), half_life_days));
  }
  // The query owns the source from here (reference counted).
  return Xapian::Query(source->release());
}

}  // namespace newsdex::searcher
