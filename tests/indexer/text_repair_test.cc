// Tests of the charset repair and HTML-to-text pieces shared by the HTML
// and XML feed readers.
#include "text_repair.h"

#include <gtest/gtest.h>

#include <string>

namespace newsdex::indexer {
namespace {

TEST(TextRepair, HtmlToTextMakesParagraphs) {
  EXPECT_EQ(html_to_text("<p>One &amp; two.</p><p>Three\n four</p>"), "One & two.\n\nThree four");
  EXPECT_EQ(html_to_text("Line one<br/>Line two <b>bold</b><script>x()</script>"),
            "Line one\n\nLine two bold");
  EXPECT_EQ(html_to_text("  plain\n text  "), "plain text");
  EXPECT_EQ(html_to_text(""), "");
}

TEST(TextRepair, HtmlToTextSurvivesDeepNesting) {
  std::string html;
  for (int i = 0; i < 50000; ++i) html += "<div>";
  html += "deep";
  EXPECT_EQ(html_to_text(html), "");
}

TEST(TextRepair, RepairsOnlyTheStrayBytes) {
  std::string text = "caf\xC3\xA9 na\xEFve \x93quoted\x94";
  EXPECT_EQ(repair_stray_windows1252(text), 3u);
  EXPECT_EQ(text, "caf\xC3\xA9 na\xC3\xAFve \xE2\x80\x9Cquoted\xE2\x80\x9D");
  std::string valid = "caf\xC3\xA9";
  EXPECT_EQ(repair_stray_windows1252(valid), 0u);
  EXPECT_EQ(valid, "caf\xC3\xA9");
}

TEST(TextRepair, ConvertsLegacyCharsetsWithIcu) {
  EXPECT_EQ(convert_with_icu("\xE6\xF8\xE5", "iso-8859-1"), "\xC3\xA6\xC3\xB8\xC3\xA5");
  EXPECT_EQ(convert_with_icu("\xC1", "koi8-r"), "\xD0\xB0");
  EXPECT_FALSE(convert_with_icu("abc", "no-such-charset").has_value());
}

}  // namespace
}  // namespace newsdex::indexer
