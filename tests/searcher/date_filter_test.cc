// Date ranges: a closed range becomes year, month and day terms; it must
// match exactly the articles whose publication day is inside it.
#include "date_filter.h"

#include <gtest/gtest.h>

#include <random>

#include "newsdex/common/date.h"
#include "newsdex/indexer/indexer.h"
#include "newsdex/searcher/searcher.h"
#include "temp_dir.h"

namespace newsdex::searcher {
namespace {

std::string iso_day(long long days) {
  const CivilDate date = civil_from_days(days);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", date.year, date.month, date.day);
  return buffer;
}

TEST(DateFilterTest, AClosedRangeIsWholeYearsMonthsAndDays) {
  std::string error;
  const auto query = date_range_query("2023-12-30..2025-03-02", error);
  ASSERT_TRUE(query) << error;
  EXPECT_EQ(query->get_description(),
            "Query((D20231230 OR D20231231 OR Y2024 OR M202501 OR M202502 OR D20250301 OR "
            "D20250302))");
}

TEST(DateFilterTest, OpenAndHugeRangesCompareTheDayValue) {
  std::string error;
  const auto open = date_range_query("2024..", error);
  ASSERT_TRUE(open) << error;
  EXPECT_NE(open->get_description().find("VALUE_GE"), std::string::npos);
  const auto huge = date_range_query("1000..9000", error);
  ASSERT_TRUE(huge) << error;
  EXPECT_NE(huge->get_description().find("VALUE_RANGE"), std::string::npos);
}

// An article a day over 800 days that cross year and month ends (a leap
// February included); random ranges of days, months and years count exactly
// the days inside them.
TEST(DateFilterTest, RangesMatchExactlyTheDaysInside) {
  testing::TempDir dir;
  const std::string db = dir / "db";
  const long long first = days_from_civil(2023, 11, 15);
  constexpr int kDays = 800;
  {
    indexer::IndexOptions options;
    options.db_path = db;
    options.spelling = false;
    indexer::Indexer index(options);
    for (int i = 0; i < kDays; ++i) {
      Article a;
      a.id = "d" + std::to_string(i);
      a.title = "Daily note";
      a.body = "Nothing new.";
      a.published = parse_iso8601(iso_day(first + i));
      index.add(a);
    }
    index.commit();
  }
  Searcher searcher(db);
  std::mt19937 random(3);
  for (int round = 0; round < 60; ++round) {
    long long low = first - 20 + static_cast<long long>(random() % (kDays + 40));
    long long high = low + static_cast<long long>(random() % 500);
    // Write the ends as days, months or years, as users may.
    const auto write = [&](long long day, bool is_low, unsigned form) {
      const CivilDate date = civil_from_days(day);
      if (form == 0) return iso_day(day);
      if (form == 1) {
        char month[16];
        std::snprintf(month, sizeof month, "%04lld-%02u", date.year, date.month);
        const long long month_first = days_from_civil(date.year, date.month, 1);
        const long long next = date.month == 12 ? days_from_civil(date.year + 1, 1, 1)
                                                : days_from_civil(date.year, date.month + 1, 1);
        (is_low ? low : high) = is_low ? month_first : next - 1;
        return std::string(month);
      }
      (is_low ? low : high) =
          is_low ? days_from_civil(date.year, 1, 1) : days_from_civil(date.year, 12, 31);
      return std::to_string(date.year);
    };
    const std::string low_text = write(low, true, static_cast<unsigned>(random() % 3));
    const std::string high_text = write(high, false, static_cast<unsigned>(random() % 3));
    const long long inside =
        std::max(0LL, std::min(high, first + kDays - 1) - std::max(low, first) + 1);
    SearchRequest request;
    request.query = "date:" + low_text + ".." + high_text;
    request.limit = 0;
    const SearchResult result = searcher.search(request);
    EXPECT_EQ(result.total_estimate, static_cast<std::uint64_t>(inside)) << request.query;
    EXPECT_TRUE(result.total_exact) << request.query;
  }
}

}  // namespace
}  // namespace newsdex::searcher
