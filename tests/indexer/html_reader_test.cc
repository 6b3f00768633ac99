// Tests of the HTML page reader on hand-written fixtures in
// corpus/fixtures/html, a random-mutation property test and detection
// through open_reader().
#include "readers/html_reader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <vector>

#include "newsdex/common/date.h"
#include "newsdex/common/error.h"

namespace newsdex::indexer {
namespace {

std::string fixture_path(const std::string& name) {
  return std::string(NEWSDEX_SOURCE_DIR) + "/corpus/fixtures/html/" + name;
}

std::string slurp(const std::string& name) {
  std::ifstream in(fixture_path(name), std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Result {
  std::optional<Article> article;
  std::vector<InputWarning> warnings;
};

Result read_page(const std::string& bytes) {
  std::istringstream in(bytes);
  HtmlReader reader(in, "page.html");
  Result result;
  reader.set_warning_handler([&](const InputWarning& w) { result.warnings.push_back(w); });
  result.article = reader.next();
  EXPECT_EQ(reader.record(), 1u);
  EXPECT_FALSE(reader.next().has_value());
  return result;
}

TEST(HtmlReader, MetaTags) {
  const Result r = read_page(slurp("meta.html"));
  ASSERT_TRUE(r.article);
  const Article& a = *r.article;
  EXPECT_EQ(a.title, "Harbour reopens after storm");
  EXPECT_EQ(a.url, "https://coast.example/harbour");
  EXPECT_EQ(a.id, "https://coast.example/harbour");
  EXPECT_EQ(a.source, "Coast Daily");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(format_iso8601(*a.published), "2024-03-01T09:30:00Z");
  EXPECT_EQ(a.authors, std::vector<std::string>{"Ann Lee"});
  EXPECT_EQ(a.topics, (std::vector<std::string>{"Local", "weather"}));
  EXPECT_EQ(a.language, "en");
  EXPECT_EQ(a.body,
            "The harbour reopened on Friday & boats returned."
            "\n\nRepairs took two weeks.");
  EXPECT_TRUE(r.warnings.empty());
}

TEST(HtmlReader, JsonLdGraph) {
  const Result r = read_page(slurp("jsonld.html"));
  ASSERT_TRUE(r.article);
  const Article& a = *r.article;
  EXPECT_EQ(a.title, "Bridge opens");
  EXPECT_EQ(a.source, "Stadtblatt");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(format_iso8601(*a.published), "2024-05-02");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Max Mustermann", "Eva Roth"}));
  EXPECT_EQ(a.body, "First paragraph.\n\nSecond paragraph.");
  EXPECT_EQ(a.language, "de");
  EXPECT_TRUE(a.url.empty());
  EXPECT_TRUE(a.id.empty());
  ASSERT_EQ(r.warnings.size(), 1u);  // the invalid JSON-LD block
}

TEST(HtmlReader, HeuristicMainText) {
  const Result r = read_page(slurp("heuristic.html"));
  ASSERT_TRUE(r.article);
  const Article& a = *r.article;
  EXPECT_EQ(a.title, "Council votes on budget - Town News");  // no og:site_name to strip
  EXPECT_EQ(a.body,
            "The council voted on the budget on Tuesday evening.\n\nThe vote passed by seven to "
            "two.");
  EXPECT_EQ(a.body.find("Menu"), std::string::npos);
  EXPECT_EQ(a.body.find("Related"), std::string::npos);
  EXPECT_EQ(a.body.find("Footer"), std::string::npos);
  EXPECT_FALSE(a.published);
  EXPECT_TRUE(a.language.empty());
}

TEST(HtmlReader, Windows1252WithoutCharset) {
  const Result r = read_page(slurp("cp1252.html"));
  ASSERT_TRUE(r.article);
  EXPECT_EQ(r.article->title, "Caf\xC3\xA9 opens");
  EXPECT_EQ(r.article->body, "The caf\xC3\xA9 \xE2\x80\x9Copened\xE2\x80\x9D today.");
  ASSERT_EQ(r.warnings.size(), 1u);
}

TEST(HtmlReader, DeclaredCharsetThroughIcu) {
  const Result r = read_page(slurp("koi8r.html"));
  ASSERT_TRUE(r.article);
  EXPECT_EQ(r.article->title, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");  // Привет
  EXPECT_EQ(r.article->body, "\xD0\xA2\xD0\xB5\xD0\xBA\xD1\x81\xD1\x82");           // Текст
  // A page that declares its charset truly has nothing to warn about (as
  // for XML feeds).
  EXPECT_TRUE(r.warnings.empty());
}

// A page cannot be UTF-16 and say so in ASCII: the label is wrong and the
// page read as UTF-8, as browsers do (not turned into CJK by ICU).
TEST(HtmlReader, Utf16LabelOnAnAsciiPageIsReadAsUtf8) {
  const Result r =
      read_page(R"(<html><head><meta charset="utf-16"><title>Plain title</title></head></html>)");
  ASSERT_TRUE(r.article);
  EXPECT_EQ(r.article->title, "Plain title");
  EXPECT_TRUE(r.warnings.empty());
}

// HTML pages are decoded by the function XML feeds use, so stray
// Windows-1252 bytes in UTF-8 and double-encoded UTF-8 are repaired the same
// way with the same warnings. (HTML once decoded every byte of such a page
// as Windows-1252, turning its UTF-8 into mojibake, and kept double
// encoding as it was.)
TEST(HtmlReader, RepairsCharsetFaultsAsXmlFeedsDo) {
  const std::string clean =
      "K\xC3\xB6ln \xE2\x80\x93 \xE2\x80\x9CStra\xC3\x9F"
      "e\xE2\x80\x9D";
  const std::string faulty[] = {
      // UTF-8 with the quotes as stray Windows-1252 bytes.
      "K\xC3\xB6ln \xE2\x80\x93 \x93Stra\xC3\x9F"
      "e\x94",
      // All of it encoded twice through Windows-1252.
      "K\xC3\x83\xC2\xB6ln \xC3\xA2\xE2\x82\xAC\xE2\x80\x9C "
      "\xC3\xA2\xE2\x82\xAC\xC5\x93Stra\xC3\x83"
      "\xC5\xB8"
      "e\xC3\xA2\xE2\x82\xAC\xC2\x9D",
  };
  for (const std::string& text : faulty) {
    const Result html =
        read_page("<html><head><title>" + text + "</title></head><body><article><p>" + text +
                  "</p></article></body></html>");
    std::istringstream feed("<rss><channel><item><title>" + text + "</title><description>" + text +
                            "</description></item></channel></rss>");
    auto rss = make_reader(feed, "feed.rss", InputFormat::kRss, ReaderOptions{});
    std::vector<std::string> rss_warnings;
    rss->set_warning_handler([&](const InputWarning& w) { rss_warnings.push_back(w.message); });
    const std::optional<Article> item = rss->next();

    ASSERT_TRUE(html.article);
    ASSERT_TRUE(item);
    EXPECT_EQ(html.article->title, clean);
    EXPECT_EQ(html.article->body, clean);
    EXPECT_EQ(item->title, clean);
    EXPECT_EQ(item->body, clean);
    std::vector<std::string> html_warnings;
    for (const InputWarning& w : html.warnings) html_warnings.push_back(w.message);
    EXPECT_EQ(html_warnings, rss_warnings);
    EXPECT_EQ(html_warnings.size(), 1u);
  }
}

TEST(HtmlReader, TitleSiteSuffixRemoved) {
  const Result r = read_page(
      R"(<html><head><meta property="og:site_name" content="Coast Daily">)"
      R"(<title>Tides rise | Coast Daily</title></head><body><h1>Other</h1></body></html>)");
  ASSERT_TRUE(r.article);
  EXPECT_EQ(r.article->title, "Tides rise");
  EXPECT_EQ(r.article->source, "Coast Daily");
}

TEST(HtmlReader, BadDateIsWarning) {
  const Result r = read_page(
      R"(<html><head><meta name="date" content="yesterday"><title>T</title></head></html>)");
  ASSERT_TRUE(r.article);
  EXPECT_FALSE(r.article->published);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].field, "published");
}

// JSON-LD is JSON: its datePublished follows the JSON date rule, numbers
// as Unix seconds or milliseconds, and anything else that is no date a
// warning that leaves the page without a date.
TEST(HtmlReader, JsonLdDateFollowsTheJsonRule) {
  struct Case {
    const char* date_published;
    std::optional<long long> unix_seconds;
    std::string warning;
  };
  const Case cases[] = {
      {"1700000000", 1700000000, ""},
      {"1700000000000", 1700000000, ""},
      {"\"2023-11-14T22:13:20Z\"", 1700000000, ""},
      {"1e300", std::nullopt,
       "not a date: 1e+300 (as Unix seconds or milliseconds: not in the years 1-9998); "
       "indexed without a date"},
      {"true", std::nullopt, "not a date: a boolean; indexed without a date"},
      {"\"soon\"", std::nullopt, "not a date: \"soon\"; indexed without a date"},
  };
  for (const Case& c : cases) {
    const Result r = read_page(
        std::string(R"(<html><head><title>T</title><script type="application/ld+json">)") +
        R"({"@type": "NewsArticle", "headline": "H", "datePublished": )" + c.date_published +
        "}</script></head></html>");
    ASSERT_TRUE(r.article) << c.date_published;
    EXPECT_EQ(r.article->title, "H");
    if (c.unix_seconds) {
      ASSERT_TRUE(r.article->published) << c.date_published;
      EXPECT_EQ(r.article->published->unix_seconds, *c.unix_seconds) << c.date_published;
      EXPECT_TRUE(r.warnings.empty()) << c.date_published;
    } else {
      EXPECT_FALSE(r.article->published) << c.date_published;
      ASSERT_EQ(r.warnings.size(), 1u) << c.date_published;
      EXPECT_EQ(r.warnings[0].field, "published");
      EXPECT_EQ(r.warnings[0].message, c.warning);
    }
  }
}

TEST(HtmlReader, MetaDateComesBeforeJsonLd) {
  const Result r =
      read_page(R"(<html><head><meta property="article:published_time" content="2024-03-01">)"
                R"(<script type="application/ld+json">{"@type": "NewsArticle", "headline": "H", )"
                R"("datePublished": true}</script></head></html>)");
  ASSERT_TRUE(r.article);
  ASSERT_TRUE(r.article->published);
  EXPECT_EQ(format_iso8601(*r.article->published), "2024-03-01");
  EXPECT_TRUE(r.warnings.empty());
}

TEST(HtmlReaderProperty, MutatedPagesNeverCrash) {
  const std::vector<std::string> pages = {slurp("meta.html"), slurp("jsonld.html"),
                                          slurp("heuristic.html"), slurp("cp1252.html")};
  std::mt19937 random(20261128);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 400; ++round) {
    std::string page = pages[static_cast<std::size_t>(round) % pages.size()];
    std::uniform_int_distribution<int> edits(1, 8);
    for (int n = edits(random); n > 0 && !page.empty(); --n) {
      std::uniform_int_distribution<std::size_t> at(0, page.size() - 1);
      const std::size_t pos = at(random);
      switch (random() % 4) {
        case 0:
          page[pos] = static_cast<char>(byte(random));
          break;
        case 1:
          page.erase(pos, 1);
          break;
        case 2:
          page.insert(pos, 1, static_cast<char>(byte(random)));
          break;
        default:
          page.resize(pos);
          break;
      }
    }
    std::istringstream in(page);
    HtmlReader reader(in, "mutated.html");
    int articles = 0;
    try {
      while (reader.next()) ++articles;
    } catch (const InputError&) {
    }
    EXPECT_LE(articles, 1);
  }
}

TEST(HtmlReaderOpen, DetectsByNameAndContent) {
  ReaderOptions options;
  auto by_name = open_reader(fixture_path("meta.html"), options);
  auto a = by_name->next();
  ASSERT_TRUE(a);
  EXPECT_EQ(a->title, "Harbour reopens after storm");

  auto by_content = open_reader(fixture_path("page_noext"), options);
  auto b = by_content->next();
  ASSERT_TRUE(b);
  EXPECT_EQ(b->title, "No extension");
  EXPECT_EQ(b->body, "Body text here.");
  EXPECT_FALSE(by_content->next());
}

}  // namespace
}  // namespace newsdex::indexer
