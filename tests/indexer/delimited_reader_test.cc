// CSV and TSV: RFC 4180 quoting, header names, aliases and --map, lists,
// errors naming the line, and a round-trip property test.
#include "readers/delimited_reader.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "newsdex/common/date.h"
#include "newsdex/common/error.h"
#include "reader_output.h"

namespace newsdex::indexer {
namespace {

const std::string kFixtures = std::string(NEWSDEX_SOURCE_DIR) + "/corpus/fixtures/csv/";

using Collected = testing::ReaderOutput;
using testing::read_all;

Collected read_text(const std::string& text, char separator = ',',
                    const ReaderOptions& options = {}) {
  std::istringstream in(text);
  DelimitedReader reader(in, separator == ',' ? "feed.csv" : "feed.tsv", separator, options);
  return read_all(reader);
}

TEST(DelimitedReaderTest, ReadsCsvWithQuotesLineBreaksAndLists) {
  const auto reader = open_reader(kFixtures + "articles.csv", {});
  const Collected collected = read_all(*reader);
  EXPECT_TRUE(collected.errors.empty());
  EXPECT_TRUE(collected.warnings.empty()) << collected.warnings[0];
  ASSERT_EQ(collected.articles.size(), 2u);
  const Article& first = collected.articles[0];
  EXPECT_EQ(first.id, "c-1");
  EXPECT_EQ(first.title, "Port strike ends, at last");
  EXPECT_EQ(first.body,
            "Dock workers returned on Monday.\r\n\r\nThe deal raises pay by \"4%\" a year.");
  EXPECT_EQ(first.source, "Example Wire");
  EXPECT_EQ(first.url, "https://example.test/c-1");
  ASSERT_TRUE(first.published.has_value());
  EXPECT_EQ(first.published->unix_seconds, 1709627400);
  EXPECT_EQ(first.authors, (std::vector<std::string>{"Ana Ruiz", "Tom Berg"}));
  EXPECT_EQ(first.topics, (std::vector<std::string>{"labour", "shipping"}));
  EXPECT_EQ(first.places, std::vector<std::string>{"rotterdam"});
  EXPECT_EQ(first.language, "en");
  const Article& second = collected.articles[1];
  EXPECT_EQ(second.id, "c-2");
  ASSERT_TRUE(second.published.has_value());
  EXPECT_TRUE(second.published->date_only);
  EXPECT_TRUE(second.authors.empty());
  // Records are the lines rows start on: the first row spans lines 2-4.
  EXPECT_EQ(collected.records, (std::vector<std::uint64_t>{2, 5}));
}

TEST(DelimitedReaderTest, TsvHeadersByAliasAndByMap) {
  ReaderOptions options;
  options.column_map = {{"body", "Story Text"}};
  const auto reader = open_reader(kFixtures + "mapped.tsv", options);
  const Collected collected = read_all(*reader);
  EXPECT_TRUE(collected.errors.empty());
  ASSERT_EQ(collected.articles.size(), 2u);
  const Article& first = collected.articles[0];
  EXPECT_EQ(first.title, "Wind farm approved");                  // headline
  EXPECT_EQ(first.body, "The council approved the wind farm.");  // --map body="Story Text"
  EXPECT_EQ(first.source, "Coast News");                         // outlet
  EXPECT_EQ(first.url, "https://example.test/t-1");              // link
  ASSERT_TRUE(first.published.has_value());                      // date
  EXPECT_EQ(format_iso8601(*first.published), "2024-03-06");
  EXPECT_EQ(collected.warnings,
            std::vector<std::string>{kFixtures +
                                     "mapped.tsv:1: columns not read (no article field): notes"});
}

TEST(DelimitedReaderTest, MapOverridesANameAndMustNameAnExistingColumn) {
  ReaderOptions options;
  options.column_map = {{"title", "summary"}};
  Collected collected = read_text("title,summary\nLong headline,Short one\n", ',', options);
  ASSERT_EQ(collected.articles.size(), 1u);
  EXPECT_EQ(collected.articles[0].title, "Short one");

  options.column_map = {{"title", "headline"}};
  collected = read_text("title,summary\nA,B\n", ',', options);
  EXPECT_TRUE(collected.articles.empty());
  ASSERT_FALSE(collected.errors.empty());
  EXPECT_EQ(collected.errors[0],
            "feed.csv:1: column 'headline' (--map title=headline) is not in the header");

  options.column_map = {{"headline", "title"}};
  std::istringstream in("title\nA\n");
  EXPECT_THROW(DelimitedReader(in, "feed.csv", ',', options), ConfigError);
}

TEST(DelimitedReaderTest, BadRowsNameTheirLineAndTheRestIsRead) {
  const Collected collected = read_text(
      "id,title,published\n"
      "a,First,2024-03-01\n"
      "b,Too,many,fields\n"
      "\n"
      "c,Third,someday\n"
      "d,\"Unclosed quote,2024-03-04\n"
      "e,Fifth,2024-03-05\n");
  ASSERT_EQ(collected.articles.size(), 2u);
  EXPECT_EQ(collected.articles[0].id, "a");
  EXPECT_EQ(collected.articles[1].id, "c");
  EXPECT_FALSE(collected.articles[1].published.has_value());
  ASSERT_EQ(collected.errors.size(), 2u);
  EXPECT_EQ(collected.errors[0], "feed.csv:3: expected 3 fields as in the header, found 4");
  EXPECT_EQ(collected.errors[1],
            "feed.csv:6: unclosed quote: the quoted field starting on this line never ends");
  EXPECT_EQ(collected.warnings,
            std::vector<std::string>{
                "feed.csv:5: published: not a date: \"someday\"; indexed without a date"});
}

// A numeric date cell is read as parse_date() reads digits: 9-10 digits
// Unix seconds, 12-13 milliseconds, with or without a fraction; any other
// number is a warning and the row is kept without a date.
TEST(DelimitedReaderTest, NumericDateCells) {
  const Collected collected = read_text(
      "id\ttitle\ttimestamp\n"
      "s\tS\t1700000000\n"
      "m\tM\t1700000000000\n"
      "f\tF\t1700000000.25\n"
      "x\tX\t17000000000\n"
      "n\tN\t-1700000000\n"
      "b\tB\ttrue\n",
      '\t');
  ASSERT_EQ(collected.articles.size(), 6u);
  EXPECT_TRUE(collected.errors.empty());
  for (std::size_t i = 0; i < 3; ++i) {
    ASSERT_TRUE(collected.articles[i].published.has_value()) << i;
    EXPECT_EQ(collected.articles[i].published->unix_seconds, 1700000000) << i;
  }
  for (std::size_t i = 3; i < 6; ++i) EXPECT_FALSE(collected.articles[i].published) << i;
  EXPECT_EQ(collected.warnings,
            (std::vector<std::string>{
                "feed.tsv:5: published: not a date: \"17000000000\"; indexed without a date",
                "feed.tsv:6: published: not a date: \"-1700000000\"; indexed without a date",
                "feed.tsv:7: published: not a date: \"true\"; indexed without a date"}));
}

TEST(DelimitedReaderTest, ByteOrderMarkEmptyInputAndInvalidUtf8) {
  Collected collected = read_text("\xEF\xBB\xBFtitle,body\nA,caf\xE9\n");
  ASSERT_EQ(collected.articles.size(), 1u);
  EXPECT_EQ(collected.articles[0].title, "A");
  EXPECT_EQ(collected.articles[0].body, "caf\xEF\xBF\xBD");
  EXPECT_EQ(collected.warnings,
            std::vector<std::string>{"feed.csv:2: invalid UTF-8 replaced by U+FFFD (1 sequence)"});

  collected = read_text("");
  EXPECT_TRUE(collected.articles.empty());
  EXPECT_EQ(collected.warnings, std::vector<std::string>{"feed.csv: empty input: no header row"});
}

TEST(DelimitedReaderTest, DetectedByName) {
  EXPECT_EQ(format_from_name("dump.csv"), InputFormat::kCsv);
  EXPECT_EQ(format_from_name("dump.CSV.zst"), InputFormat::kCsv);
  EXPECT_EQ(format_from_name("dump.tsv"), InputFormat::kTsv);
  EXPECT_EQ(format_from_name("dump.tab.gz"), InputFormat::kTsv);
}

// Random articles written as RFC 4180 CSV read back identical, whatever
// quotes, commas, line breaks and non-ASCII text their fields hold.
std::string csv_field(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

TEST(DelimitedReaderTest, RandomArticlesRoundTripThroughCsv) {
  const char* const pieces[] = {"a", "Z", ",", "\"", "\n", "\r\n", " ", "é", "芯片", "''", ";x"};
  std::mt19937 random(11);
  std::vector<Article> written;
  std::string csv = "id,title,body,source\r\n";
  for (int i = 0; i < 300; ++i) {
    Article article;
    article.id = "r" + std::to_string(i);
    for (std::string* field : {&article.title, &article.body, &article.source}) {
      for (int n = static_cast<int>(random() % 8); n > 0; --n) {
        *field += pieces[random() % std::size(pieces)];
      }
    }
    csv += article.id + "," + csv_field(article.title) + "," + csv_field(article.body) + "," +
           csv_field(article.source) + "\r\n";
    written.push_back(std::move(article));
  }
  const Collected collected = read_text(csv);
  EXPECT_TRUE(collected.errors.empty());
  ASSERT_EQ(collected.articles.size(), written.size());
  for (std::size_t i = 0; i < written.size(); ++i) {
    EXPECT_EQ(collected.articles[i].id, written[i].id);
    EXPECT_EQ(collected.articles[i].title, written[i].title) << i;
    EXPECT_EQ(collected.articles[i].body, written[i].body) << i;
    EXPECT_EQ(collected.articles[i].source, written[i].source) << i;
  }
}

TEST(DelimitedReaderTest, MutatedInputNeverCrashesOrHangs) {
  const std::string valid = "id,title,body\na,\"x,\"\"y\"\"\",b\nc,d,e\n";
  std::mt19937 random(5);
  for (int round = 0; round < 3000; ++round) {
    std::string mutated = valid;
    for (int flips = 0; flips < 3; ++flips) {
      mutated[random() % mutated.size()] = static_cast<char>(random() % 256);
    }
    read_text(mutated);
    read_text(mutated, '\t');
  }
}

}  // namespace
}  // namespace newsdex::indexer
