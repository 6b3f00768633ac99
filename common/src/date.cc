#include "newsdex/common/date.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

#include "ascii.h"

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

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!is_digit(c)) return false;
  }
  return true;
}

long long to_number(std::string_view digits) {
  long long n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

// Checks a civil date and time and builds the timestamp; nullopt when the
// date or time is impossible. `offset` is the zone's offset east of UTC.
std::optional<Timestamp> make_timestamp(long long year, long long month, long long day,
                                        bool has_time, long long hour, long long minute,
                                        long long second, long long offset) {
  // Years 1..9998 keep every zone-shifted result printable as ISO 8601.
  if (year < 1 || year > 9998 || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, static_cast<unsigned>(month))) {
    return std::nullopt;
  }
  if (hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute || second))) {
    return std::nullopt;
  }
  Timestamp ts;
  ts.unix_seconds =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) *
      kSecondsPerDay;
  if (has_time) {
    ts.unix_seconds += hour * 3600 + minute * 60 + second - offset;
  } else {
    ts.date_only = true;
  }
  return ts;
}

// "20240301", "20240301T0930Z", "20240301T093000+0100": ISO 8601 basic form.
std::optional<Timestamp> parse_iso_basic(std::string_view text) {
  Scanner in(text);
  long long year = 0, month = 0, day = 0;
  if (!in.digits(4, year) || !in.digits(2, month) || !in.digits(2, day)) return std::nullopt;
  if (in.at_end()) return make_timestamp(year, month, day, false, 0, 0, 0, 0);
  if (!in.accept('T') && !in.accept('t')) return std::nullopt;
  long long hour = 0, minute = 0, second = 0;
  if (!in.digits(2, hour) || !in.digits(2, minute)) return std::nullopt;
  if (is_digit(in.peek()) && !in.digits(2, second)) return std::nullopt;
  long long offset = 0;
  if (!parse_zone(in, offset) || !in.at_end()) return std::nullopt;
  return make_timestamp(year, month, day, true, hour, minute, second, offset);
}

// "2024/03/01" and "2024.03.01", optionally followed by a time and zone.
std::optional<Timestamp> parse_year_first(std::string_view text) {
  if (text.size() < 8 || !all_digits(text.substr(0, 4)) || (text[4] != '/' && text[4] != '.')) {
    return std::nullopt;
  }
  const char sep = text[4];
  std::string iso(text.substr(0, 4));
  std::size_t pos = 5;
  for (int part = 0; part < 2; ++part) {
    std::size_t end = pos;
    while (end < text.size() && is_digit(text[end])) ++end;
    if (end - pos < 1 || end - pos > 2) return std::nullopt;
    iso += '-';
    if (end - pos == 1) iso += '0';
    iso += text.substr(pos, end - pos);
    pos = end;
    if (part == 0) {
      if (pos >= text.size() || text[pos] != sep) return std::nullopt;
      ++pos;
    }
  }
  iso += text.substr(pos);
  return parse_iso8601(iso);
}

// All-digit strings: YYYYMMDD (8 digits), Unix seconds (9-10) or
// milliseconds (12-13). Other lengths say nothing certain.
std::optional<Timestamp> parse_all_digits(std::string_view text) {
  if (text.size() == 8) return parse_iso_basic(text);
  Timestamp ts;
  if (text.size() == 9 || text.size() == 10) {
    ts.unix_seconds = to_number(text);
    return ts;
  }
  if (text.size() == 12 || text.size() == 13) {
    ts.unix_seconds = to_number(text) / 1000;
    return ts;
  }
  return std::nullopt;
}

// Unix seconds or milliseconds with a decimal fraction ("1709285415.25",
// as spreadsheets write epoch numbers): the fraction is dropped.
std::optional<Timestamp> parse_decimal_epoch(std::string_view text) {
  const std::size_t dot = text.find('.');
  if (dot == std::string_view::npos || !all_digits(text.substr(0, dot)) ||
      !all_digits(text.substr(dot + 1))) {
    return std::nullopt;
  }
  const std::size_t digits = dot;
  if (digits != 9 && digits != 10 && digits != 12 && digits != 13) return std::nullopt;
  return parse_all_digits(text.substr(0, dot));
}

// A month name, full or abbreviated to its first three letters (and
// "Sept"); 0 when `word` (lower case) is none.
long long month_number(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    const std::string_view name = kMonths[i];
    if (word == name || word == name.substr(0, 3) || (i == 8 && word == "sept")) {
      return static_cast<long long>(i + 1);
    }
  }
  return 0;
}

bool is_weekday(std::string_view word) {
  static constexpr std::string_view kDays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                               "friday", "saturday", "sunday"};
  for (std::string_view name : kDays) {
    if (word == name || word == name.substr(0, 3)) return true;
  }
  return word == "tues" || word == "thur" || word == "thurs";
}

// Zone names of RFC 2822 (and UTC); offset east of UTC in seconds.
bool zone_offset(std::string_view word, long long& offset) {
  struct Zone {
    std::string_view name;
    int hours;
  };
  static constexpr Zone kZones[] = {{"gmt", 0},  {"ut", 0},   {"utc", 0},  {"z", 0},
                                    {"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5},
                                    {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7}};
  for (const Zone& zone : kZones) {
    if (word == zone.name) {
      offset = zone.hours * 3600LL;
      return true;
    }
  }
  // RFC 2822 section 4.3: the military letters were defined with the wrong
  // sign in RFC 822, so they "SHOULD all be considered equivalent to -0000".
  if (word.size() == 1 && word[0] != 'j') {
    offset = 0;
    return true;
  }
  return false;
}

struct Token {
  enum Kind { kWord, kNumber, kTime, kOffset } kind;
  std::string text;  // lower-case word or digits
  long long hour = 0, minute = 0, second = 0;
  bool has_seconds = false;
  long long offset = 0;
  bool comma_after = false;
};

// Splits "Fri, 01 Mar 2024 09:30:00 +0100 (CET)" into words, numbers, times
// and numeric zones; commas, dots after words and comments are dropped.
// False on anything else.
bool tokenize(std::string_view text, std::vector<Token>& tokens) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ',') {
      if (!tokens.empty()) tokens.back().comma_after = true;
      ++i;
    } else if (c == ' ' || c == '\t') {
      ++i;
    } else if (c == '(') {
      // An RFC 2822 comment such as "(CET)": it carries no meaning.
      const std::size_t close = text.find(')', i);
      if (close == std::string_view::npos) return false;
      i = close + 1;
    } else if (is_alpha(c)) {
      std::size_t end = i;
      while (end < text.size() && is_alpha(text[end])) ++end;
      tokens.push_back({Token::kWord, internal::ascii_lower(text.substr(i, end - i))});
      i = end;
      if (i < text.size() && text[i] == '.') ++i;  // "Mar.", "Sept."
    } else if ((c == '+' || c == '-') && i + 1 < text.size() && is_digit(text[i + 1])) {
      std::size_t end = i + 1;
      while (end < text.size() && (is_digit(text[end]) || text[end] == ':')) ++end;
      std::string digits;
      for (char d : text.substr(i + 1, end - i - 1)) {
        if (d != ':') digits += d;
      }
      if (digits.size() != 4 && digits.size() != 2) return false;
      const long long hours = to_number(std::string_view(digits).substr(0, 2));
      const long long minutes =
          digits.size() == 4 ? to_number(std::string_view(digits).substr(2)) : 0;
      if (hours > 23 || minutes > 59) return false;
      Token token{Token::kOffset, ""};
      token.offset = (c == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
      tokens.push_back(token);
      i = end;
    } else if (is_digit(c)) {
      std::size_t end = i;
      while (end < text.size() && is_digit(text[end])) ++end;
      if (end < text.size() && text[end] == ':') {
        // h:mm or hh:mm:ss
        Token token{Token::kTime, ""};
        if (end - i > 2) return false;
        token.hour = to_number(text.substr(i, end - i));
        std::size_t pos = end + 1;
        if (pos + 2 > text.size() || !is_digit(text[pos]) || !is_digit(text[pos + 1])) return false;
        token.minute = to_number(text.substr(pos, 2));
        pos += 2;
        if (pos < text.size() && text[pos] == ':') {
          if (pos + 3 > text.size() || !is_digit(text[pos + 1]) || !is_digit(text[pos + 2])) {
            return false;
          }
          token.second = to_number(text.substr(pos + 1, 2));
          token.has_seconds = true;
          pos += 3;
        }
        if (pos < text.size() && is_digit(text[pos])) return false;
        tokens.push_back(token);
        i = pos;
      } else {
        if (end - i > 4) return false;
        tokens.push_back({Token::kNumber, std::string(text.substr(i, end - i))});
        i = end;
      }
    } else {
      return false;
    }
  }
  return true;
}

// RFC 822/2822 dates and the common human forms built from a month name:
//   [Weekday,] D Month Y [time [AM|PM]] [zone]
//   [Weekday,] Month D[,] Y [time [AM|PM]] [zone]
std::optional<Timestamp> parse_named_month(std::string_view text) {
  std::vector<Token> tokens;
  if (!tokenize(text, tokens)) return std::nullopt;
  std::size_t i = 0;
  auto word = [&](std::size_t at) { return at < tokens.size() && tokens[at].kind == Token::kWord; };
  auto number = [&](std::size_t at) {
    return at < tokens.size() && tokens[at].kind == Token::kNumber;
  };
  // The weekday is redundant; a wrong one is ignored, as mail readers do,
  // and so is a word followed by a comma in its place: feeds write the
  // weekday in their own language ("mer, 16 nov 2022 00:38:15 +0100").
  if (word(i) && (is_weekday(tokens[i].text) || tokens[i].comma_after)) ++i;
  long long month = 0;
  std::string day_digits;
  if (number(i) && word(i + 1) && month_number(tokens[i + 1].text) != 0) {
    day_digits = tokens[i].text;
    month = month_number(tokens[i + 1].text);
    i += 2;
  } else if (word(i) && month_number(tokens[i].text) != 0 && number(i + 1)) {
    month = month_number(tokens[i].text);
    day_digits = tokens[i + 1].text;
    i += 2;
  } else {
    return std::nullopt;
  }
  if (day_digits.size() > 2 || !number(i)) return std::nullopt;
  const std::string& year_digits = tokens[i++].text;
  long long year = to_number(year_digits);
  // RFC 2822 section 4.3: two-digit years 00-49 are 2000-2049, 50-99 are
  // 1950-1999; three-digit years are counted from 1900.
  if (year_digits.size() == 2) {
    year += year < 50 ? 2000 : 1900;
  } else if (year_digits.size() == 3) {
    year += 1900;
  } else if (year_digits.size() != 4) {
    return std::nullopt;
  }
  long long hour = 0, minute = 0, second = 0, offset = 0;
  const bool has_time = i < tokens.size() && tokens[i].kind == Token::kTime;
  if (has_time) {
    hour = tokens[i].hour;
    minute = tokens[i].minute;
    second = tokens[i].second;
    ++i;
    if (word(i) && (tokens[i].text == "am" || tokens[i].text == "pm")) {
      if (hour < 1 || hour > 12) return std::nullopt;
      hour = hour % 12 + (tokens[i].text == "pm" ? 12 : 0);
      ++i;
    }
    if (i < tokens.size() && tokens[i].kind == Token::kOffset) {
      offset = tokens[i++].offset;
    } else if (word(i)) {
      if (!zone_offset(tokens[i].text, offset)) return std::nullopt;
      ++i;
    }
  }
  if (i != tokens.size()) return std::nullopt;
  return make_timestamp(year, month, to_number(day_digits), has_time, hour, minute, second, offset);
}

}  // namespace

std::optional<Timestamp> parse_date(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' ||
                           text.front() == '\r')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                           text.back() == '\r')) {
    text.remove_suffix(1);
  }
  if (text.empty() || text.size() > 100) return std::nullopt;
  std::optional<Timestamp> ts = parse_iso8601(text);
  if (!ts) ts = parse_decimal_epoch(text);
  if (!ts && all_digits(text)) {
    ts = parse_all_digits(text);
  } else if (!ts && text.size() > 8 && all_digits(text.substr(0, 8))) {
    ts = parse_iso_basic(text);
  } else if (!ts) {
    ts = parse_year_first(text);
    if (!ts) ts = parse_named_month(text);
  }
  // A zone offset can carry year 0000 or 9999 over the edge; such an
  // instant would not print as ISO 8601 (and no news is that old or new).
  static const long long kFirst = days_from_civil(0, 1, 1) * kSecondsPerDay;
  static const long long kLast = days_from_civil(10000, 1, 1) * kSecondsPerDay - 1;
  if (ts && (ts->unix_seconds < kFirst || ts->unix_seconds > kLast)) return std::nullopt;
  return ts;
}

std::optional<Timestamp> timestamp_from_epoch(double value) {
  if (!std::isfinite(value)) return std::nullopt;
  const double seconds =
      std::floor(std::fabs(value) < kEpochMillisecondsFrom ? value : value / 1000);
  // Compared as doubles first: converting an out-of-range double to an
  // integer is undefined behaviour.
  static const long long kFirst = days_from_civil(1, 1, 1) * kSecondsPerDay;
  static const long long kLast = days_from_civil(9999, 1, 1) * kSecondsPerDay - 1;
  if (seconds < static_cast<double>(kFirst) || seconds > static_cast<double>(kLast)) {
    return std::nullopt;
  }
  Timestamp ts;
  ts.unix_seconds = static_cast<long long>(seconds);
  return ts;
}

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
