#include "readers/jsonl_reader.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "newsdex/common/error.h"

namespace newsdex::indexer {
namespace {

TEST(JsonlReaderTest, ReadsEveryField) {
  std::istringstream in(
      R"({"id": "a1", "source": "Global Wire", "url": "https://example.test/a1", )"
      R"("title": "Chips", "body": "Body text.", "published": "2024-03-01T09:30:15Z", )"
      R"("authors": ["Ana Ruiz"], "topics": ["trade", "technology"], "places": ["china"], )"
      R"("language": "en", "extra": {"ignored": true}})"
      "\n");
  JsonlReader reader(in, "feed.jsonl");
  const auto article = reader.next();
  ASSERT_TRUE(article.has_value());
  EXPECT_EQ(article->id, "a1");
  EXPECT_EQ(article->source, "Global Wire");
  EXPECT_EQ(article->url, "https://example.test/a1");
  EXPECT_EQ(article->title, "Chips");
  EXPECT_EQ(article->body, "Body text.");
  ASSERT_TRUE(article->published.has_value());
  EXPECT_EQ(article->published->unix_seconds, 1709285415);
  EXPECT_EQ(article->authors, std::vector<std::string>{"Ana Ruiz"});
  EXPECT_EQ(article->topics, (std::vector<std::string>{"trade", "technology"}));
  EXPECT_EQ(article->places, std::vector<std::string>{"china"});
  EXPECT_EQ(article->language, "en");
  EXPECT_FALSE(reader.next().has_value());
}

TEST(JsonlReaderTest, NullsAndMissingFieldsAreEmpty) {
  std::istringstream in(R"({"id": "a2", "url": null, "published": null, "authors": null})");
  JsonlReader reader(in, "feed.jsonl");
  const auto article = reader.next();
  ASSERT_TRUE(article.has_value());
  EXPECT_TRUE(article->url.empty());
  EXPECT_FALSE(article->published.has_value());
  EXPECT_TRUE(article->authors.empty());
  EXPECT_TRUE(article->title.empty());
}

TEST(JsonlReaderTest, SkipsBlankLinesAndByteOrderMark) {
  std::istringstream in("\xEF\xBB\xBF{\"id\": \"a\"}\n\n   \n{\"id\": \"b\"}\n");
  JsonlReader reader(in, "feed.jsonl");
  EXPECT_EQ(reader.next()->id, "a");
  EXPECT_EQ(reader.next()->id, "b");
  EXPECT_EQ(reader.line(), 4u);
  EXPECT_FALSE(reader.next().has_value());
}

struct BadLine {
  const char* line;
  const char* expected_message;
};

TEST(JsonlReaderTest, BadLinesNameFileLineFieldAndReason) {
  const BadLine cases[] = {
      {R"({"id": "x", "title": )", "feed.jsonl:2: invalid JSON"},
      {R"(["not", "an", "object"])", "feed.jsonl:2: expected a JSON object, got an array"},
      {R"({"id": 42})", "feed.jsonl:2: id: expected a string, got a number"},
      {R"({"id": "x", "title": ["a"]})", "feed.jsonl:2: title: expected a string, got an array"},
      {R"({"id": "x", "authors": [1, 2]})",
       "feed.jsonl:2: authors: expected an array of strings, found a number"},
      {R"({"id": "x", "topics": {"a": 1}})",
       "feed.jsonl:2: topics: expected an array of strings, got an object"},
  };
  for (const auto& c : cases) {
    std::istringstream in(std::string("{\"id\": \"good1\"}\n") + c.line +
                          "\n{\"id\": \"good2\"}\n");
    JsonlReader reader(in, "feed.jsonl");
    EXPECT_EQ(reader.next()->id, "good1");
    try {
      reader.next();
      ADD_FAILURE() << "no error for " << c.line;
    } catch (const InputError& error) {
      EXPECT_EQ(std::string(error.what()).rfind(c.expected_message, 0), 0u)
          << "line: " << c.line << "\nmessage: " << error.what();
      EXPECT_EQ(error.file(), "feed.jsonl");
      EXPECT_EQ(error.line(), 2u);
    }
    // The reader goes on after the bad line.
    const auto after = reader.next();
    ASSERT_TRUE(after.has_value()) << c.line;
    EXPECT_EQ(after->id, "good2");
  }
}

TEST(JsonlReaderTest, InvalidUtf8IsRepairedWithAWarning) {
  std::istringstream in("{\"id\": \"a\", \"title\": \"caf\xe9 \xff\"}\n");
  JsonlReader reader(in, "feed.jsonl");
  std::vector<std::string> warnings;
  reader.set_warning_handler(
      [&](const InputWarning& warning) { warnings.push_back(warning.to_string()); });
  const auto article = reader.next();
  ASSERT_TRUE(article.has_value());
  EXPECT_EQ(article->title, "caf\xEF\xBF\xBD \xEF\xBF\xBD");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "feed.jsonl:1: invalid UTF-8 replaced by U+FFFD (2 sequences)");
}

TEST(JsonlReaderTest, UnreadableDateIsAWarningAndTheArticleIsKept) {
  std::istringstream in(R"({"id": "x", "title": "t", "published": "last Tuesday"})");
  JsonlReader reader(in, "feed.jsonl");
  std::vector<std::string> warnings;
  reader.set_warning_handler(
      [&](const InputWarning& warning) { warnings.push_back(warning.to_string()); });
  const auto article = reader.next();
  ASSERT_TRUE(article.has_value());
  EXPECT_FALSE(article->published.has_value());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0],
            "feed.jsonl:1: published: not a date: \"last Tuesday\"; indexed without a date");
}

// A number in "published" is a Unix epoch: seconds, or milliseconds from
// 1e11 on. Once "expected a string, got a number" rejected the article.
TEST(JsonlReaderTest, EpochNumbersAreDates) {
  struct Case {
    const char* published;
    long long unix_seconds;
  };
  const Case cases[] = {
      {"1700000000", 1700000000},
      {"1700000000000", 1700000000},
      {"1700000000.75", 1700000000},
      {"1.7e9", 1700000000},
      {"1700000000999.5", 1700000000},
      {"-86400", -86400},
      {"0", 0},
      {"\"1700000000\"", 1700000000},
  };
  for (const Case& c : cases) {
    std::istringstream in(std::string(R"({"id": "x", "title": "t", "published": )") + c.published +
                          "}");
    JsonlReader reader(in, "feed.jsonl");
    std::vector<std::string> warnings;
    reader.set_warning_handler(
        [&](const InputWarning& warning) { warnings.push_back(warning.to_string()); });
    const auto article = reader.next();
    ASSERT_TRUE(article.has_value()) << c.published;
    ASSERT_TRUE(article->published.has_value()) << c.published;
    EXPECT_EQ(article->published->unix_seconds, c.unix_seconds) << c.published;
    EXPECT_FALSE(article->published->date_only) << c.published;
    EXPECT_TRUE(warnings.empty()) << c.published;
  }
}

// A date that is no date, whatever its JSON type, costs the date only.
TEST(JsonlReaderTest, UnreadableDateOfAnyTypeIsAWarningAndTheArticleIsKept) {
  const std::string kRange = " (as Unix seconds or milliseconds: not in the years 1-9998)";
  struct Case {
    const char* published;
    std::string shown;
  };
  const Case cases[] = {
      {"1e300", "1e+300" + kRange},
      {"-1e300", "-1e+300" + kRange},
      {"-62135596801", "-62135596801" + kRange},
      {"253402214400000", "253402214400000" + kRange},
      {"18446744073709551615", "18446744073709551615" + kRange},
      // Beyond what simdjson holds: the record is read without the number.
      {"1e400", "1e400" + kRange},
      {"-100000000000000000000000", "-100000000000000000000000" + kRange},
      {"true", "a boolean"},
      {"false", "a boolean"},
      {"{\"seconds\": 1700000000}", "an object"},
      {"[2024, 3, 1]", "an array"},
      {"\"NaN\"", "\"NaN\""},
      {"\"\"", ""},
  };
  for (const Case& c : cases) {
    std::istringstream in(std::string(R"({"id": "x", "published": )") + c.published +
                          R"(, "title": "kept"})");
    JsonlReader reader(in, "feed.jsonl");
    std::vector<std::string> warnings;
    reader.set_warning_handler(
        [&](const InputWarning& warning) { warnings.push_back(warning.to_string()); });
    const auto article = reader.next();
    ASSERT_TRUE(article.has_value()) << c.published;
    EXPECT_EQ(article->title, "kept") << c.published;
    EXPECT_FALSE(article->published.has_value()) << c.published;
    if (c.shown.empty()) {
      EXPECT_TRUE(warnings.empty()) << c.published;  // "": no date given
    } else {
      EXPECT_EQ(warnings, std::vector<std::string>{"feed.jsonl:1: published: not a date: " +
                                                   c.shown + "; indexed without a date"})
          << c.published;
    }
  }
}

TEST(JsonlReaderTest, AnOversizedNumberElsewhereIsStillInvalidJson) {
  std::istringstream in(R"({"id": "x", "title": "t", "published": 1e400, "extra": 1e400})");
  JsonlReader reader(in, "feed.jsonl");
  EXPECT_THROW(reader.next(), InputError);
}

TEST(JsonlReaderTest, MissingIdIsLeftToTheImporter) {
  std::istringstream in(R"({"title": "no id"})");
  JsonlReader reader(in, "feed.jsonl");
  const auto article = reader.next();
  ASSERT_TRUE(article.has_value());
  EXPECT_TRUE(article->id.empty());
}

TEST(JsonlReaderTest, SingleStringIsAOneElementList) {
  std::istringstream in(R"({"id": "x", "authors": "Ana Ruiz"})");
  JsonlReader reader(in, "feed.jsonl");
  EXPECT_EQ(reader.next()->authors, std::vector<std::string>{"Ana Ruiz"});
}

TEST(JsonlReaderTest, CountsBytesForProgress) {
  const std::string text = "{\"id\": \"a\"}\n{\"id\": \"b\"}\n";
  std::istringstream in(text);
  JsonlReader reader(in, "feed.jsonl");
  while (reader.next()) {
  }
  EXPECT_EQ(reader.bytes_read(), text.size());
}

}  // namespace
}  // namespace newsdex::indexer
