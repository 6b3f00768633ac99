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

/// Parses a publication date in any form newsdex accepts from input files;
/// readers call this, so every format gains each new form at once. Accepted,
/// normalised to UTC (leading and trailing white space is ignored):
///   - ISO 8601 / RFC 3339, see parse_iso8601;
///   - ISO 8601 basic: "20240301", "20240301T0930Z", "20240301T093000+0100";
///   - year first with slashes or dots: "2024/03/01", "2024.3.1 09:30";
///   - RFC 822/2822: "Fri, 01 Mar 2024 09:30:00 +0100", weekday and seconds
///     optional, two-digit years 00-49 = 20xx and 50-99 = 19xx (three-digit
///     years + 1900), zones +hhmm, GMT, UT, UTC, Z, EST/EDT, CST/CDT,
///     MST/MDT, PST/PDT, and the military letters as UTC (RFC 2822 4.3:
///     RFC 822 gave them the wrong sign); a trailing "(comment)" is ignored;
///   - month names, full or abbreviated, in English: "March 1, 2024",
///     "Mar 1 2024", "1 March 2024", "1 Mar 2024 09:30",
///     "March 1, 2024 9:30 AM EST" (no zone: UTC);
///   - all digits: 8 = YYYYMMDD, 9-10 = Unix seconds, 12-13 = Unix
///     milliseconds (rounded down to the second), seconds and milliseconds
///     with a decimal fraction too ("1709285415.25").
/// A weekday that does not match the date is ignored, as is any word
/// followed by a comma in the weekday's place ("mer, 16 nov 2022 ..."; month
/// names themselves must be English). Dates without a time
/// of day are date_only. Numeric day/month/year forms such as "03/01/2024"
/// are rejected, not guessed: they mean 1 March in Europe and 3 January in
/// the US, and a wrong date in the index is worse than none. Unknown zone
/// names ("CET", "IST" - several mean different zones) are rejected too.
/// Returns nullopt when `text` is not such a date or names an impossible one
/// (30 February, hour 25); years must be 1-9998.
std::optional<Timestamp> parse_date(std::string_view text);

/// Where epoch numbers switch from seconds to milliseconds: a magnitude of
/// 1e11 is the year 5138 in seconds but 1973-03-03 in milliseconds, so
/// exports of either unit for the last fifty years and the next thousand
/// fall on the right side. (Milliseconds between 1966-10-31 and 1973-03-03
/// read as seconds: such a number names a year between 0 and 5138.)
inline constexpr double kEpochMillisecondsFrom = 1e11;

/// The instant a Unix epoch number names, for inputs that give a date as a
/// number (JSON "published": 1700000000): seconds when |value| <
/// kEpochMillisecondsFrom, else milliseconds; fractions are allowed and
/// rounded down to the second, and negative values count back from 1970.
/// Returns nullopt when `value` is not finite or the instant falls outside
/// the years 1-9998 that parse_date() accepts.
std::optional<Timestamp> timestamp_from_epoch(double value);

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
