#include "newsdex/common/date.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace newsdex
