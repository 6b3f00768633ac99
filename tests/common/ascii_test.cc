#include "ascii.h"

#include <gtest/gtest.h>

#include <string>

namespace newsdex::internal {
namespace {

TEST(AsciiTest, LowersAsciiCapitalsOnly) {
  EXPECT_EQ(ascii_lower("Content-Type: TEXT/html; Charset=UTF-8"),
            "content-type: text/html; charset=utf-8");
  // UTF-8 (Ä, ß, Σ) and the bytes beside A-Z pass through unchanged.
  EXPECT_EQ(ascii_lower("\xC3\x84pfel STRA\xC3\x9F"
                        "E \xCE\xA3@[`{"),
            "\xC3\x84pfel stra\xC3\x9F"
            "e \xCE\xA3@[`{");
  EXPECT_EQ(ascii_lower(""), "");
  EXPECT_EQ(ascii_lower('Q'), 'q');
  EXPECT_EQ(ascii_lower('\xC3'), '\xC3');
}

TEST(AsciiTest, ComparesIgnoringAsciiCase) {
  EXPECT_TRUE(iequals_ascii("Canonical", "canonical"));
  EXPECT_TRUE(iequals_ascii("", ""));
  EXPECT_FALSE(iequals_ascii("canonical", "canonicals"));
  EXPECT_FALSE(iequals_ascii("\xC3\x84", "\xC3\xA4"));  // Ä and ä: not ASCII
}

}  // namespace
}  // namespace newsdex::internal
