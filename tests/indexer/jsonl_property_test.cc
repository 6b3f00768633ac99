// Property test of the JSON Lines reader: any bytes give articles or
// InputErrors, never another exception or a crash, and a bad line never
// stops the reader from reading the next one.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <random>
#include <sstream>
#include <vector>

#include "newsdex/common/error.h"
#include "readers/jsonl_reader.h"

namespace newsdex::indexer {
namespace {

const std::string kValidLine =
    R"({"id": "nd-1", "source": "Global Wire", "url": "https://example.test/a", )"
    R"("title": "U.S. chip exports", "body": "Text \"quoted\" 芯片.\n\nMore.", )"
    R"("published": "2023-10-17T14:20:00+02:00", "authors": ["Ana Müller"], )"
    R"("topics": ["trade"], "places": ["china"], "language": "en"})";

std::string mutate(std::string line, std::mt19937& random) {
  std::uniform_int_distribution<int> edits(1, 6);
  std::uniform_int_distribution<int> kind(0, 3);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int n = edits(random); n > 0 && !line.empty(); --n) {
    std::uniform_int_distribution<std::size_t> at(0, line.size() - 1);
    const std::size_t pos = at(random);
    switch (kind(random)) {
      case 0:
        line[pos] = static_cast<char>(byte(random));
        break;
      case 1:
        line.erase(pos, 1);
        break;
      case 2:
        line.insert(pos, 1, static_cast<char>(byte(random)));
        break;
      default:
        line.resize(pos);
        break;  // truncation
    }
  }
  // A newline inside the mutated text would split it; keep one record a line.
  for (char& c : line) {
    if (c == '\n') c = ' ';
  }
  return line;
}

// The same line with the date as a Unix epoch in milliseconds, so that
// mutations also reach the number path (and numbers simdjson refuses).
const std::string kNumericDateLine =
    R"({"id": "nd-1", "title": "U.S. chip exports", "published": 1697545200123, )"
    R"("body": "Text."})";

void expect_mutations_never_crash_or_stop_the_reader(const std::string& valid_line,
                                                     std::uint32_t seed) {
  std::mt19937 random(seed);
  for (int i = 0; i < 5000; ++i) {
    const std::string bad = mutate(valid_line, random);
    std::istringstream in(bad + "\n" + valid_line + "\n");
    JsonlReader reader(in, "fuzz.jsonl");
    std::vector<std::string> ids;
    int errors = 0;
    while (true) {
      try {
        const auto article = reader.next();
        if (!article) break;
        ids.push_back(article->id);
      } catch (const InputError& error) {
        ++errors;
        EXPECT_EQ(error.line(), 1u);
        EXPECT_EQ(std::string(error.what()).rfind("fuzz.jsonl:1: ", 0), 0u) << error.what();
      }
    }
    // The mutated line is an article, an error or (blank) nothing; the valid
    // line after it is always read.
    ASSERT_FALSE(ids.empty()) << "after: " << bad;
    EXPECT_EQ(ids.back(), "nd-1") << "after: " << bad;
    EXPECT_LE(ids.size() + static_cast<std::size_t>(errors), 2u);
  }
}

TEST(JsonlPropertyTest, MutatedLinesNeverCrashOrStopTheReader) {
  expect_mutations_never_crash_or_stop_the_reader(kValidLine, 20261128);
}

TEST(JsonlPropertyTest, MutatedNumericDatesNeverCrashOrStopTheReader) {
  expect_mutations_never_crash_or_stop_the_reader(kNumericDateLine, 20261129);
}

// Whatever number is the date, the article is read: with a date in the
// years 1-9998, or without one and with exactly one warning.
TEST(JsonlPropertyTest, AnyNumberAsTheDateKeepsTheArticle) {
  std::mt19937 random(20261130);
  std::uniform_int_distribution<int> digits(1, 40);
  std::uniform_int_distribution<int> digit(0, 9);
  std::uniform_int_distribution<int> coin(0, 3);
  std::uniform_int_distribution<int> exponent(-30, 450);
  for (int i = 0; i < 3000; ++i) {
    std::string number = coin(random) == 0 ? "-" : "";
    number += static_cast<char>('1' + digit(random) % 9);
    for (int n = digits(random); n > 1; --n) number += static_cast<char>('0' + digit(random));
    if (coin(random) == 1) number += "." + std::to_string(digit(random));
    if (coin(random) == 2) number += "e" + std::to_string(exponent(random));
    std::istringstream in(R"({"id": "n", "title": "t", "published": )" + number + "}\n");
    JsonlReader reader(in, "fuzz.jsonl");
    int warnings = 0;
    reader.set_warning_handler([&](const InputWarning& warning) {
      ++warnings;
      EXPECT_EQ(warning.field, "published") << number;
    });
    std::optional<Article> article;
    ASSERT_NO_THROW(article = reader.next()) << number;
    ASSERT_TRUE(article.has_value()) << number;
    if (article->published) {
      EXPECT_EQ(warnings, 0) << number;
      EXPECT_GE(article->published->unix_seconds, -62135596800) << number;  // 0001-01-01
      EXPECT_LE(article->published->unix_seconds, 253370764799) << number;  // 9998-12-31
    } else {
      EXPECT_EQ(warnings, 1) << number;
    }
  }
}

}  // namespace
}  // namespace newsdex::indexer
