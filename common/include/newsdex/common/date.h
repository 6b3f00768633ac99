// newsdex/common/date.h — parsing and formatting of publication dates.
//
// Everything is proleptic Gregorian UTC; no time-zone database is needed
// because inputs carry numeric offsets (or "Z") and are normalised to UTC.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "newsdex/common/article.h"

namespace newsdex {

/// Parses an ISO 8601 / RFC 3339 date or date-time:
///   "2024-03-01", "2024-03-01T09:30Z", "2024-03-01T09:30:15.25+02:00",
///   "2024-03-01 09:30:15" (no zone: taken as UTC).
/// Returns nullopt when `text` is not such a date or names an impossible one.
std::optional<Timestamp> parse_iso8601(std::string_view text);

/// Parses a publication date in any form newsdex accepts from input files.
/// Currently ISO 8601 / RFC 3339 (see parse_iso8601); readers call this, so
/// every format gains each new form at once. Returns nullopt when `text` is
/// not a date.
std::optional<Timestamp> parse_date(std::string_view text);

/// "2024-03-01T07:30:15Z", or "2024-03-01" for a date-only timestamp.
std::string format_iso8601(const Timestamp& ts);

/// "20240301": the form Xapian's DateRangeProcessor compares.
std::string format_yyyymmdd(const Timestamp& ts);

/// Days since 1970-01-01 of a civil date (month 1..12, day 1..31).
long long days_from_civil(long long year, unsigned month, unsigned day);

/// Broken-down civil date of a day count since 1970-01-01.
struct CivilDate {
  long long year;
  unsigned month;
  unsigned day;
};
CivilDate civil_from_days(long long days);

}  // namespace newsdex
