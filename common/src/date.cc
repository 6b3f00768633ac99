#include "newsdex/common/date.h"

#include <cstdio>

namespace newsdex {
namespace {

constexpr long long kSecondsPerDay = 86400;

bool is_leap(long long year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned days_in_month(long long year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// A cursor over the input that reads fixed-width digit groups.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ == text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  bool accept(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  // Reads exactly `width` digits.
  bool digits(int width, long long& out) {
    out = 0;
    for (int i = 0; i < width; ++i) {
      char c = peek();
      if (c < '0' || c > '9') return false;
      out = out * 10 + (c - '0');
      ++pos_;
    }
    return true;
  }
  void skip_digits() {
    while (peek() >= '0' && peek() <= '9') ++pos_;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// Parses "Z", "+hh:mm", "+hhmm", "+hh" (or "-"); returns the offset east of UTC.
bool parse_zone(Scanner& in, long long& offset_seconds) {
  offset_seconds = 0;
  if (in.at_end() || in.accept('Z') || in.accept('z')) return true;
  int sign = 0;
  if (in.accept('+'))
    sign = 1;
  else if (in.accept('-'))
    sign = -1;
  else
    return false;
  long long hours = 0, minutes = 0;
  if (!in.digits(2, hours)) return false;
  if (!in.at_end()) {
    in.accept(':');
    if (!in.digits(2, minutes)) return false;
  }
  if (hours > 23 || minutes > 59) return false;
  offset_seconds = sign * (hours * 3600 + minutes * 60);
  return true;
}

}  // namespace

long long days_from_civil(long long year, unsigned month, unsigned day) {
  // Shift the year to start in March so the leap day is the year's last day.
  year -= month <= 2 ? 1 : 0;
  const long long era = (year >= 0 ? year : year - 399) / 400;
  const long long year_of_era = year - era * 400;
  const long long shifted_month = month > 2 ? month - 3 : month + 9;
  const long long day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
  const long long day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilDate civil_from_days(long long days) {
  days += 719468;
  const long long era = (days >= 0 ? days : days - 146096) / 146097;
  const long long day_of_era = days - era * 146097;
  const long long year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const long long day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const long long shifted_month = (5 * day_of_year + 2) / 153;
  const auto day = static_cast<unsigned>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const auto month =
      static_cast<unsigned>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  const long long year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

std::optional<Timestamp> parse_iso8601(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  Scanner in(text);
  long long year = 0, month = 0, day = 0;
  if (!in.digits(4, year) || !in.accept('-') || !in.digits(2, month) || !in.accept('-') ||
      !in.digits(2, day)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, static_cast<unsigned>(month))) {
    return std::nullopt;
  }
  Timestamp ts;
  const long long days =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  if (in.at_end()) {
    ts.unix_seconds = days * kSecondsPerDay;
    ts.date_only = true;
    return ts;
  }
  if (!in.accept('T') && !in.accept('t') && !in.accept(' ')) return std::nullopt;
  long long hour = 0, minute = 0, second = 0;
  if (!in.digits(2, hour) || !in.accept(':') || !in.digits(2, minute)) return std::nullopt;
  if (in.accept(':')) {
    if (!in.digits(2, second)) return std::nullopt;
    if (in.accept('.') || in.accept(',')) in.skip_digits();
  }
  // 24:00:00 is midnight at the end of the day; 60 seconds is a leap second.
  if (hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute || second))) {
    return std::nullopt;
  }
  long long offset = 0;
  if (!parse_zone(in, offset) || !in.at_end()) return std::nullopt;
  ts.unix_seconds = days * kSecondsPerDay + hour * 3600 + minute * 60 + second - offset;
  return ts;
}

std::optional<Timestamp> parse_date(std::string_view text) { return parse_iso8601(text); }

std::string format_iso8601(const Timestamp& ts) {
  long long days = ts.unix_seconds / kSecondsPerDay;
  long long rest = ts.unix_seconds % kSecondsPerDay;
  if (rest < 0) {
    rest += kSecondsPerDay;
    --days;
  }
  const CivilDate date = civil_from_days(days);
  char buffer[40];
  if (ts.date_only) {
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", date.year, date.month, date.day);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", date.year,
                  date.month, date.day, rest / 3600, rest / 60 % 60, rest % 60);
  }
  return buffer;
}

std::string format_yyyymmdd(const Timestamp& ts) {
  long long days = ts.unix_seconds / kSecondsPerDay;
  if (ts.unix_seconds % kSecondsPerDay < 0) --days;
  const CivilDate date = civil_from_days(days);
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%04lld%02u%02u", date.year, date.month, date.day);
  return buffer;
}

}  // namespace newsdex
