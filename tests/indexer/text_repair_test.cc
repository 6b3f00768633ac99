// Tests of the charset repair and HTML-to-text pieces shared by the HTML
// and XML feed readers.
#include "readers/text_repair.h"

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

TEST(TextRepair, UndoesDoubleEncodedUtf8) {
  // "Köln – Straße" encoded twice through Windows-1252.
  std::string text =
      "K\xC3\x83\xC2\xB6ln \xC3\xA2\xE2\x82\xAC\xE2\x80\x9C Stra\xC3\x83\xC5\xB8"
      "e";
  EXPECT_EQ(repair_double_encoding(text), 3u);
  EXPECT_EQ(text,
            "K\xC3\xB6ln \xE2\x80\x93 Stra\xC3\x9F"
            "e");
  // Correct text in any script stays as it is.
  for (std::string good : {std::string("f\xC3\xBCr K\xC3\xB6ln \xE2\x82\xAC"),
                           std::string("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0"),
                           std::string("\xC3\xA9\xC2\xBB plain")}) {
    const std::string before = good;
    EXPECT_EQ(repair_double_encoding(good), 0u) << before;
    EXPECT_EQ(good, before);
  }
}

TEST(TextRepair, ConvertsLegacyCharsetsWithIcu) {
  EXPECT_EQ(convert_with_icu("\xE6\xF8\xE5", "iso-8859-1"), "\xC3\xA6\xC3\xB8\xC3\xA5");
  EXPECT_EQ(convert_with_icu("\xC1", "koi8-r"), "\xD0\xB0");
  EXPECT_FALSE(convert_with_icu("abc", "no-such-charset").has_value());
}

}  // namespace
}  // namespace newsdex::indexer
