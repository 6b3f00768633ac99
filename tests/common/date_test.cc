#include "newsdex/common/date.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <optional>
#include <random>
#include <string>

namespace newsdex {
namespace {

struct ParseCase {
  const char* input;
  long long unix_seconds;
  bool date_only;
};

TEST(DateTest, ParsesIso8601Forms) {
  const ParseCase cases[] = {
      {"1970-01-01", 0, true},
      {"2024-03-01", 1709251200, true},
      {"2024-03-01T09:30:15Z", 1709285415, false},
      {"2024-03-01T09:30Z", 1709285400, false},
      {"2024-03-01t09:30:15z", 1709285415, false},
      {"2024-03-01 09:30:15", 1709285415, false},
      {"2024-03-01T09:30:15.789Z", 1709285415, false},
      {"2024-03-01T11:30:15+02:00", 1709285415, false},
      {"2024-03-01T04:00:15-0530", 1709285415, false},
      {"2024-02-29T00:00:00Z", 1709164800, false},
      {"1987-02-26T15:01:01Z", 541350061, false},
      {"  2024-03-01  ", 1709251200, true},
      {"1969-12-31T23:59:59Z", -1, false},
  };
  for (const auto& c : cases) {
    const auto parsed = parse_iso8601(c.input);
    ASSERT_TRUE(parsed.has_value()) << c.input;
    EXPECT_EQ(parsed->unix_seconds, c.unix_seconds) << c.input;
    EXPECT_EQ(parsed->date_only, c.date_only) << c.input;
  }
}

TEST(DateTest, RejectsWhatIsNotADate) {
  const char* cases[] = {"",
                         "yesterday",
                         "2024-13-01",
                         "2023-02-29",
                         "2024-04-31",
                         "2024-3-1",
                         "20240301",
                         "2024-03-01T25:00:00Z",
                         "2024-03-01T09:30:15+",
                         "2024-03-01X",
                         "2024-03-01T09:61Z",
                         "2024-03-01T09:30:15Zjunk"};
  for (const char* input : cases) EXPECT_FALSE(parse_iso8601(input).has_value()) << input;
}

TEST(DateTest, FormatsBackToIso8601) {
  EXPECT_EQ(format_iso8601({1709285415, false}), "2024-03-01T09:30:15Z");
  EXPECT_EQ(format_iso8601({1709251200, true}), "2024-03-01");
  EXPECT_EQ(format_iso8601({-1, false}), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_yyyymmdd({1709285415, false}), "20240301");
  EXPECT_EQ(format_yyyymmdd({-1, false}), "19691231");
}

TEST(DateTest, CivilDaysRoundTripOverFourCenturies) {
  for (long long days = -146097; days <= 146097; days += 17) {
    const CivilDate date = civil_from_days(days);
    ASSERT_EQ(days_from_civil(date.year, date.month, date.day), days);
  }
}

void expect_parses(const ParseCase& c) {
  const auto parsed = parse_date(c.input);
  ASSERT_TRUE(parsed.has_value()) << c.input;
  EXPECT_EQ(parsed->unix_seconds, c.unix_seconds) << c.input;
  EXPECT_EQ(parsed->date_only, c.date_only) << c.input;
}

// 2024-03-01T09:30:00Z
constexpr long long kMorning = 1709285400;
constexpr long long kDay = 1709251200;

TEST(DateTest, ParseDateKeepsIso8601) {
  expect_parses({"2024-03-01T09:30:00Z", kMorning, false});
  expect_parses({"2024-03-01", kDay, true});
  expect_parses({"\n 2024-03-01T10:30:00+01:00 \r\n", kMorning, false});
}

TEST(DateTest, ParsesRfc2822) {
  const ParseCase cases[] = {
      {"Fri, 01 Mar 2024 09:30:00 +0000", kMorning, false},
      {"Fri, 01 Mar 2024 10:30:00 +0100", kMorning, false},
      {"Fri, 01 Mar 2024 04:00:00 -0530", kMorning, false},
      {"01 Mar 2024 09:30:00 GMT", kMorning, false},
      {"1 Mar 2024 09:30 GMT", kMorning, false},
      {"Fri, 1 Mar 2024 09:30:00 UT", kMorning, false},
      {"Fri, 01 Mar 2024 09:30:00 UTC", kMorning, false},
      {"Fri, 01 Mar 2024 09:30:00 Z", kMorning, false},
      {"Fri, 01 Mar 2024 09:30:00 +01:00", kMorning - 3600, false},
      {"Fri, 01 Mar 2024 09:30:00 +0100 (CET)", kMorning - 3600, false},
      {"Friday, 01 March 2024 09:30:00 GMT", kMorning, false},
      {"Fri,01 Mar 2024 09:30:00 GMT", kMorning, false},
      {"Fri, 01 Mar 24 09:30:00 GMT", kMorning, false},
      {"Mon, 01 Mar 99 00:00:00 GMT", 920246400, false},
      {"Mon, 01 Mar 124 09:30:00 GMT", kMorning, false},
      {"fri, 01 mar 2024 09:30:00 gmt", kMorning, false},
      {"Fri, 01 Mar 2024 09:30:60 GMT", kMorning + 60, false},
  };
  for (const auto& c : cases) expect_parses(c);
}

TEST(DateTest, ParsesRfc2822Zones) {
  struct ZoneCase {
    const char* zone;
    long long hours_east;
  };
  const ZoneCase zones[] = {{"EST", -5}, {"EDT", -4}, {"CST", -6}, {"CDT", -5},
                            {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7},
                            {"GMT", 0},  {"UT", 0},   {"UTC", 0},  {"Z", 0},
                            {"A", 0},    {"M", 0},    {"N", 0},    {"Y", 0}};
  for (const ZoneCase& z : zones) {
    const std::string input = std::string("Fri, 01 Mar 2024 09:30:00 ") + z.zone;
    const auto parsed = parse_date(input);
    ASSERT_TRUE(parsed.has_value()) << input;
    EXPECT_EQ(parsed->unix_seconds, kMorning - z.hours_east * 3600) << input;
  }
  // J is not a military zone; CET and IST are not RFC 2822 zones.
  for (const char* input : {"Fri, 01 Mar 2024 09:30:00 J", "Fri, 01 Mar 2024 09:30:00 CET",
                            "Fri, 01 Mar 2024 09:30:00 IST"}) {
    EXPECT_FALSE(parse_date(input).has_value()) << input;
  }
}

TEST(DateTest, ParsesHumanForms) {
  const ParseCase cases[] = {
      {"March 1, 2024", kDay, true},
      {"Mar 1 2024", kDay, true},
      {"Mar. 1, 2024", kDay, true},
      {"1 March 2024", kDay, true},
      {"1 Mar 2024", kDay, true},
      {"Friday, March 1, 2024", kDay, true},
      {"Sept 30, 2024", 1727654400, true},
      {"1 Mar 2024 09:30", kMorning, false},
      {"March 1, 2024 9:30", kMorning, false},
      {"March 1, 2024 9:30 AM", kMorning, false},
      {"March 1, 2024 9:30 PM", kMorning + 12 * 3600, false},
      {"March 1, 2024 12:15 AM", kDay + 15 * 60, false},
      {"March 1, 2024 12:15 PM", kDay + 12 * 3600 + 15 * 60, false},
      {"March 1, 2024 4:30 AM EST", kMorning, false},
      {"2024/03/01", kDay, true},
      {"2024.03.01", kDay, true},
      {"2024/3/1", kDay, true},
      {"2024/03/01 09:30:00", kMorning, false},
      {"20240301", kDay, true},
      {"20240301T093000Z", kMorning, false},
      {"20240301T0930Z", kMorning, false},
      {"20240301T103000+0100", kMorning, false},
  };
  for (const auto& c : cases) expect_parses(c);
}

TEST(DateTest, ParsesUnixEpochs) {
  const ParseCase cases[] = {
      {"1709285400", kMorning, false},
      {"1709285400999", kMorning, false},
      {"999999999", 999999999, false},
      {"100000000000", 100000000, false},
  };
  for (const auto& c : cases) expect_parses(c);
}

TEST(DateTest, ParsesUnixEpochsWithAFraction) {
  const ParseCase cases[] = {
      {"1709285400.75", kMorning, false},
      {"1709285400999.5", kMorning, false},
      {" 999999999.0 ", 999999999, false},
  };
  for (const auto& c : cases) expect_parses(c);
  for (const char* input : {"1709285400.", ".5", "1709285400.7.5", "12345678901.5", "1709285400.x"})
    EXPECT_FALSE(parse_date(input).has_value()) << input;
}

// JSON and other typed inputs give dates as epoch numbers: seconds below
// kEpochMillisecondsFrom, milliseconds from there on.
TEST(DateTest, TimestampFromEpochNumbers) {
  struct Case {
    double value;
    long long unix_seconds;
  };
  const Case cases[] = {
      {1709285400, kMorning},
      {1709285400.9, kMorning},     // fractions round down
      {1709285400999.0, kMorning},  // milliseconds
      {1709285400999.9, kMorning},
      {0, 0},
      {-86400, -86400},            // 1969-12-31
      {-0.5, -1},                  // down, not toward zero
      {99999999999, 99999999999},  // the last second count: year 5138
      {1e11, 100000000},           // the first millisecond count: 1973
      {-1e11, -100000000},
      {-62135596800, -62135596800},     // 0001-01-01T00:00:00Z
      {253402214399, 253402214},        // milliseconds, year 1978
      {253370764799000, 253370764799},  // 9998-12-31T23:59:59Z in ms
  };
  for (const Case& c : cases) {
    const std::optional<Timestamp> ts = timestamp_from_epoch(c.value);
    ASSERT_TRUE(ts.has_value()) << c.value;
    EXPECT_EQ(ts->unix_seconds, c.unix_seconds) << c.value;
    EXPECT_FALSE(ts->date_only) << c.value;
  }
  EXPECT_EQ(format_iso8601(*timestamp_from_epoch(253370764799000)), "9998-12-31T23:59:59Z");
  for (const double value :
       {-62135596801.0, 253370764800000.0, -1e15, 1e300, -1e300,
        std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
        std::numeric_limits<double>::quiet_NaN(), 1.8446744073709552e19}) {
    EXPECT_FALSE(timestamp_from_epoch(value).has_value()) << value;
  }
}

TEST(DateTest, ParseDateRejectsAmbiguousAndImpossibleDates) {
  const char* cases[] = {"",
                         "yesterday",
                         "03/01/2024",
                         "01.03.2024",
                         "1/3/24",
                         "12345",
                         "12345678901",
                         "12345678901234",
                         "20240230",
                         "20241301",
                         "Fri, 30 Feb 2024 09:30:00 GMT",
                         "Fri, 01 Mar 2024 25:00:00 GMT",
                         "Fri, 01 Mar 2024 09:60:00 GMT",
                         "Fri, 01 Mar 2024 09:30:00 +2500",
                         "Fri, 01 Foo 2024 09:30:00 GMT",
                         "Fri, 01 Mar 2024 09:30:00 GMT junk",
                         "Fri, 01 Mar 2024 09:30:00 (unclosed",
                         "March 32, 2024",
                         "March 1, 2024 13:30 PM",
                         "March 1, 2024 0:30 AM",
                         "March 1 12024",
                         "2024/03/01/02",
                         "2024/13/01",
                         "20240301T2500Z",
                         "29 Feb 2023",
                         "0000-01-01T00:30:00+01:00",
                         "9999-12-31T23:30:00-01:00"};
  for (const char* input : cases) EXPECT_FALSE(parse_date(input).has_value()) << input;
}

TEST(DateTest, IgnoresAWrongWeekday) {
  expect_parses({"Mon, 01 Mar 2024 09:30:00 GMT", kMorning, false});
  expect_parses({"ven, 01 mar 2024 10:30:00 +0100", kMorning, false});
  // Without the comma a word is not in the weekday's place.
  EXPECT_FALSE(parse_date("ven 01 mar 2024 10:30:00 +0100").has_value());
  EXPECT_FALSE(parse_date("Seg, 24 Set 2018 19:42:40 -0300").has_value());  // "Set" is Portuguese
}

// Property: any instant, written in RFC 2822 in any zone, parses back to the
// same UTC second.
TEST(DateTest, Rfc2822RoundTripsInRandomZones) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  struct Zone {
    const char* name;
    long long offset;
  };
  static constexpr Zone kNamed[] = {{"GMT", 0},         {"UT", 0},          {"UTC", 0},
                                    {"EST", -5 * 3600}, {"EDT", -4 * 3600}, {"CST", -6 * 3600},
                                    {"CDT", -5 * 3600}, {"MST", -7 * 3600}, {"MDT", -6 * 3600},
                                    {"PST", -8 * 3600}, {"PDT", -7 * 3600}};
  std::mt19937_64 random(20240301);
  std::uniform_int_distribution<long long> instants(0, 4102444800LL);  // 1970-2100
  std::uniform_int_distribution<int> numeric_minutes(-12 * 60, 14 * 60);
  std::uniform_int_distribution<int> coin(0, 3);
  for (int round = 0; round < 2000; ++round) {
    const long long instant = instants(random);
    long long offset = 0;
    std::string zone;
    if (coin(random) == 0) {
      const Zone& named =
          kNamed[std::uniform_int_distribution<std::size_t>(0, std::size(kNamed) - 1)(random)];
      zone = named.name;
      offset = named.offset;
    } else {
      const int minutes = numeric_minutes(random);
      offset = minutes * 60LL;
      char buffer[32];  // room for any int, so no truncation warning
      std::snprintf(buffer, sizeof buffer, "%c%02d%02d", minutes < 0 ? '-' : '+',
                    std::abs(minutes) / 60, std::abs(minutes) % 60);
      zone = buffer;
    }
    const long long local = instant + offset;
    const long long days = local / 86400;
    const long long rest = local % 86400;
    const CivilDate date = civil_from_days(days);
    const bool weekday = coin(random) != 0;
    const bool seconds = coin(random) != 0;
    char text[80];
    std::snprintf(text, sizeof text, "%s%s%u %s %lld %02lld:%02lld",
                  weekday ? kDays[(days + 4) % 7] : "", weekday ? ", " : "", date.day,
                  kMonths[date.month - 1], date.year, rest / 3600, rest / 60 % 60);
    std::string input = text;
    if (seconds) {
      std::snprintf(text, sizeof text, ":%02lld", rest % 60);
      input += text;
    }
    input += " " + zone;
    const auto parsed = parse_date(input);
    ASSERT_TRUE(parsed.has_value()) << input;
    // Without seconds the local time was cut to the minute.
    EXPECT_EQ(parsed->unix_seconds, seconds ? instant : instant - rest % 60) << input;
    EXPECT_FALSE(parsed->date_only) << input;
  }
}

}  // namespace
}  // namespace newsdex
