// The JSON array reader: every field, record numbers as lines, a bad element
// costing only itself, and truncated input reported, never a hang or crash.
#include "readers/json_array_reader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "newsdex/common/error.h"
#include "newsdex/indexer/article_reader.h"
#include "reader_output.h"

namespace newsdex::indexer {
namespace {

using Collected = testing::ReaderOutput;

Collected read_all(const std::string& text) {
  std::istringstream in(text);
  JsonArrayReader reader(in, "feed.json");
  return testing::read_all(reader);
}

TEST(JsonArrayReaderTest, ReadsTheFixtureWithEveryField) {
  const auto reader =
      open_reader(std::string(NEWSDEX_SOURCE_DIR) + "/corpus/fixtures/json/articles.json", {});
  auto first = reader->next();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(reader->record(), 2u);  // the line the element starts on
  EXPECT_EQ(first->id, "ja-1");
  EXPECT_EQ(first->source, "Example Wire");
  EXPECT_EQ(first->url, "https://example.test/ja-1");
  EXPECT_EQ(first->title, "Port strike ends after three weeks");
  ASSERT_TRUE(first->published.has_value());
  EXPECT_EQ(first->published->unix_seconds, 1709627400);  // 08:30 UTC
  EXPECT_EQ(first->authors, (std::vector<std::string>{"Ana Ruiz", "Tom Berg"}));
  EXPECT_EQ(first->topics, (std::vector<std::string>{"labour", "shipping"}));
  EXPECT_EQ(first->places, std::vector<std::string>{"rotterdam"});
  EXPECT_EQ(first->language, "en");
  auto second = reader->next();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(reader->record(), 14u);
  EXPECT_EQ(second->title, "Grain prices \"steady\" as harvest nears");
  EXPECT_EQ(second->body, "Brackets ] and braces } inside strings do not end the element.");
  EXPECT_FALSE(reader->next().has_value());
}

TEST(JsonArrayReaderTest, DetectedByNameAndByContent) {
  EXPECT_EQ(format_from_name("export.json"), InputFormat::kJsonArray);
  EXPECT_EQ(format_from_name("export.JSON.gz"), InputFormat::kJsonArray);
  EXPECT_EQ(format_from_content("\xEF\xBB\xBF  [\n{\"id\": 1}]"), InputFormat::kJsonArray);
}

TEST(JsonArrayReaderTest, ABadElementCostsOnlyItself) {
  const Collected collected = read_all(
      "[{\"id\": \"a\", \"title\": \"A\"},\n"
      " 42,\n"
      " {\"id\": \"b\", \"title\": 7},\n"
      " {\"id\": \"c\", \"title\": \"C\",},\n"
      " {\"id\": \"d\", \"title\": \"D\", \"published\": \"soon\"}]\n");
  ASSERT_EQ(collected.articles.size(), 2u);
  EXPECT_EQ(collected.articles[0].id, "a");
  EXPECT_EQ(collected.articles[1].id, "d");
  EXPECT_FALSE(collected.articles[1].published.has_value());
  ASSERT_EQ(collected.errors.size(), 3u);
  EXPECT_EQ(collected.errors[0], "feed.json:2: expected a JSON object, got a number");
  EXPECT_EQ(collected.errors[1], "feed.json:3: title: expected a string, got a number");
  EXPECT_EQ(collected.errors[2].rfind("feed.json:4: invalid JSON: ", 0), 0u) << collected.errors[2];
  ASSERT_EQ(collected.warnings.size(), 1u);
  EXPECT_EQ(collected.warnings[0],
            "feed.json:5: published: not a date: \"soon\"; indexed without a date");
}

// The JSON date rule holds in arrays as in JSON Lines: numbers are Unix
// seconds or milliseconds, and a date that is none is a warning.
TEST(JsonArrayReaderTest, EpochNumbersAreDatesAndBadDatesOnlyWarn) {
  std::istringstream in(
      "[{\"id\": \"s\", \"title\": \"S\", \"published\": 1700000000},\n"
      " {\"id\": \"m\", \"title\": \"M\", \"published\": 1700000000000.5},\n"
      " {\"id\": \"h\", \"title\": \"H\", \"published\": 1e999},\n"
      " {\"id\": \"o\", \"title\": \"O\", \"published\": {\"$date\": 1}}]\n");
  JsonArrayReader reader(in, "feed.json");
  const testing::ReaderOutput collected = testing::read_all(reader);
  ASSERT_EQ(collected.articles.size(), 4u);
  EXPECT_TRUE(collected.errors.empty());
  EXPECT_EQ(collected.articles[0].published->unix_seconds, 1700000000);
  EXPECT_EQ(collected.articles[1].published->unix_seconds, 1700000000);
  EXPECT_FALSE(collected.articles[2].published.has_value());
  EXPECT_FALSE(collected.articles[3].published.has_value());
  EXPECT_EQ(collected.warnings,
            (std::vector<std::string>{
                "feed.json:3: published: not a date: 1e999 (as Unix seconds or milliseconds: "
                "not in the years 1-9998); indexed without a date",
                "feed.json:4: published: not a date: an object; indexed without a date"}));
}

TEST(JsonArrayReaderTest, TruncatedInputIsReportedAfterTheWholeElements) {
  Collected collected = read_all("[{\"id\": \"a\", \"title\": \"A\"},\n{\"id\": \"b\", \"ti");
  ASSERT_EQ(collected.articles.size(), 1u);
  ASSERT_EQ(collected.errors.size(), 1u);
  EXPECT_EQ(collected.errors[0],
            "feed.json:2: truncated JSON array: the element starting here is not closed");

  collected = read_all("[{\"id\": \"a\", \"title\": \"A\"},\n");
  ASSERT_EQ(collected.articles.size(), 1u);
  ASSERT_EQ(collected.errors.size(), 1u);
  EXPECT_EQ(collected.errors[0],
            "feed.json:2: truncated JSON array: the input ends before its closing ']'");
}

TEST(JsonArrayReaderTest, NotAnArrayEmptyAndTrailingText) {
  Collected collected = read_all("{\"id\": \"a\"}");
  EXPECT_TRUE(collected.articles.empty());
  ASSERT_EQ(collected.errors.size(), 1u);
  EXPECT_EQ(collected.errors[0],
            "feed.json:1: expected a JSON array of articles starting with '[', found '{'");

  collected = read_all("  \n ");
  EXPECT_TRUE(collected.errors.empty());
  EXPECT_EQ(collected.warnings,
            std::vector<std::string>{"feed.json: no JSON array: the input is empty"});

  collected = read_all("[]\ngarbage");
  EXPECT_TRUE(collected.articles.empty());
  EXPECT_EQ(collected.warnings,
            std::vector<std::string>{"feed.json:2: text after the JSON array ignored"});
}

TEST(JsonArrayReaderTest, InvalidUtf8IsRepairedWithAWarning) {
  const Collected collected = read_all("[{\"id\": \"a\", \"title\": \"caf\xE9\"}]");
  ASSERT_EQ(collected.articles.size(), 1u);
  EXPECT_EQ(collected.articles[0].title, "caf\xEF\xBF\xBD");
  EXPECT_EQ(collected.warnings,
            std::vector<std::string>{"feed.json:1: invalid UTF-8 replaced by U+FFFD (1 sequence)"});
}

// Every prefix of a valid array, and random byte flips, end in articles and
// InputErrors only: no crash, no hang, no other exception.
TEST(JsonArrayReaderTest, PrefixesAndMutationsNeverCrash) {
  const std::string valid =
      "[{\"id\": \"a\", \"title\": \"A \\\"q\\\" ]}\", \"topics\": [\"x\", \"y\"]},\n"
      " {\"id\": \"b\", \"body\": \"B\"}, null, [1, [2]], \"s\", true]";
  for (std::size_t n = 0; n <= valid.size(); ++n) read_all(valid.substr(0, n));
  std::mt19937 random(7);
  for (int round = 0; round < 2000; ++round) {
    std::string mutated = valid;
    for (int flips = 0; flips < 3; ++flips) {
      mutated[random() % mutated.size()] = static_cast<char>(random() % 256);
    }
    read_all(mutated);
  }
}

}  // namespace
}  // namespace newsdex::indexer
