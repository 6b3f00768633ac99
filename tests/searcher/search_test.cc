// End-to-end tests of the searcher on a small index built in the test.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "hit_ids.h"
#include "newsdex/common/date.h"
#include "newsdex/common/error.h"
#include "newsdex/indexer/indexer.h"
#include "newsdex/searcher/json.h"
#include "newsdex/searcher/searcher.h"
#include "storm_story.h"
#include "temp_dir.h"

namespace newsdex::searcher {
namespace {

Article article(std::string id, std::string source, std::string title, std::string body,
                std::string published, std::string language = "en") {
  Article a = testing::dated_article(std::move(id), std::move(source), std::move(title),
                                     std::move(body), published);
  a.language = std::move(language);
  return a;
}

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    indexer::IndexOptions options;
    options.db_path = db_path_;
    indexer::Indexer index(options);
    // Filler so that document frequencies look like a real archive's.
    for (int i = 0; i < 20; ++i) {
      index.add(article("filler-" + std::to_string(i), "Daily Filler", "Local weather report",
                        "Rain and sun over the harbour, with the market closed on Sunday.",
                        "2020-01-" + std::string(i < 9 ? "0" : "") + std::to_string(i + 1)));
    }
    index.add(article("exported", "Global Wire", "Shipping news",
                      "The company exported machines to Brazil last year.", "2023-05-01"));
    index.add(article("title-match", "Global Wire", "Zebra crossing rules",
                      "Councils debated new pedestrian safety measures in the city.",
                      "2022-03-01T10:00:00Z"));
    index.add(article("body-match", "Harbour Times", "Council meeting",
                      "Among other things, a zebra crossing near the school was discussed.",
                      "2022-03-02T10:00:00Z"));
    index.add(article("phrase", "Harbour Times", "Chip export controls tighten",
                      "New chip export controls were announced. Chips from the U.S. are affected.",
                      "2023-10-17T08:00:00Z"));
    index.add(article("scattered", "Global Wire", "Markets",
                      "Export volumes fell while the chip sector rallied.", "2023-10-18"));
    index.add(article("german", "Berliner Blatt", "Exporte steigen",
                      "Die deutschen Exporte sind im Mai gestiegen.", "2024-06-01", "de"));
    index.add(article("japanese", "Tokyo Keizai", "半導体の輸出規制を強化",
                      "政府は先端半導体の輸出規制を強化すると発表した。輸出企業は対応を急ぐ。",
                      "2024-07-01", "ja"));
    index.add(article("newest", "Global Wire", "Late news", "Nothing to see here.",
                      "2025-01-01T00:00:00Z"));
    index.commit();
  }

  SearchResult search(const std::string& query, std::uint32_t limit = 10) {
    Searcher searcher(db_path_);
    SearchRequest request;
    request.query = query;
    request.limit = limit;
    return searcher.search(request);
  }

  static std::string highlighted(const HighlightedText& text, std::size_t i) {
    const Span span = text.highlights.at(i);
    return text.text.substr(span.start, span.end - span.start);
  }

  testing::TempDir dir_;
  std::string db_path_ = dir_ / "db";
};

TEST_F(SearchTest, StemmingFindsOtherFormsOfAWord) {
  const auto result = search("exports");
  const auto found = testing::hit_ids(result);
  EXPECT_NE(std::find(found.begin(), found.end(), "exported"), found.end());
}

TEST_F(SearchTest, TitleMatchOutranksBodyOnlyMatch) {
  const auto result = search("zebra");
  EXPECT_EQ(testing::hit_ids(result), (std::vector<std::string>{"title-match", "body-match"}));
  EXPECT_GT(result.hits[0].score, result.hits[1].score);
}

TEST_F(SearchTest, AllWordsMustMatchByDefault) {
  const auto found = testing::hit_ids(search("chip export"));
  EXPECT_EQ(found.size(), 2u);
  EXPECT_EQ(found.front(), "phrase");  // both words in the title
}

TEST_F(SearchTest, AnyWordMatchesWithTheOrDefault) {
  Searcher searcher(db_path_);
  SearchRequest request;
  request.query = "zebra brazil";
  EXPECT_TRUE(searcher.search(request).hits.empty());
  request.default_operator = DefaultOperator::kOr;
  // The articles with either word; query expansion (on by default for OR
  // queries) would add articles like them.
  request.expand = ExpandMode::kOff;
  EXPECT_EQ(testing::hit_ids(searcher.search(request)).size(), 3u);
}

TEST_F(SearchTest, QuotedPhraseNeedsAdjacentWords) {
  EXPECT_EQ(testing::hit_ids(search("\"chip export\"")), std::vector<std::string>{"phrase"});
}

TEST_F(SearchTest, OrAndNotOperators) {
  EXPECT_EQ(testing::hit_ids(search("zebra NOT school")), std::vector<std::string>{"title-match"});
  EXPECT_EQ(testing::hit_ids(search("zebra -school")), std::vector<std::string>{"title-match"});
  EXPECT_EQ(testing::hit_ids(search("zebra OR brazil")).size(), 3u);
}

TEST_F(SearchTest, FieldScopesAndFilters) {
  EXPECT_EQ(testing::hit_ids(search("title:zebra")), std::vector<std::string>{"title-match"});
  // Title and body are one text field: body: searches both, and says so.
  const SearchResult body = search("body:zebra");
  EXPECT_EQ(testing::hit_ids(body), (std::vector<std::string>{"title-match", "body-match"}));
  ASSERT_EQ(body.warnings.size(), 1u);
  EXPECT_NE(body.warnings[0].message.find("title and body together"), std::string::npos);
  EXPECT_EQ(testing::hit_ids(search("zebra source:\"harbour times\"")),
            std::vector<std::string>{"body-match"});
  EXPECT_EQ(testing::hit_ids(search("zebra source:HARBOUR_TIMES")), std::vector<std::string>{});
  EXPECT_EQ(testing::hit_ids(search("id:german")), std::vector<std::string>{"german"});
}

TEST_F(SearchTest, AbbreviationsMatchAsIndexed) {
  EXPECT_EQ(testing::hit_ids(search("U.S. chips")), std::vector<std::string>{"phrase"});
}

TEST_F(SearchTest, QueryLanguageChoosesTheStemmer) {
  Searcher searcher(db_path_);
  SearchRequest request;
  request.query = "Export";
  request.language = "de";
  const auto result = searcher.search(request);
  EXPECT_EQ(testing::hit_ids(result).front(), "german");
}

TEST_F(SearchTest, EmptyQueryListsEverythingNewestFirst) {
  const auto result = search("", 3);
  // The twenty fillers share one text: one story, collapsed by default.
  EXPECT_EQ(result.total_estimate, 9u);
  EXPECT_EQ(result.articles_estimate, 28u);
  EXPECT_TRUE(result.total_exact);
  EXPECT_EQ(testing::hit_ids(result), (std::vector<std::string>{"newest", "japanese", "german"}));
}

TEST_F(SearchTest, SnippetHighlightsStemmedMatches) {
  const auto result = search("exports");
  const auto hit = std::find_if(result.hits.begin(), result.hits.end(),
                                [](const Hit& h) { return h.id == "exported"; });
  ASSERT_NE(hit, result.hits.end());
  ASSERT_EQ(hit->snippet.highlights.size(), 1u) << hit->snippet.text;
  EXPECT_EQ(highlighted(hit->snippet, 0), "exported");
}

TEST_F(SearchTest, JapaneseWordsAreFoundAndHighlighted) {
  for (const char* query : {"輸出", "半導体", "輸出規制"}) {
    const auto result = search(query);
    ASSERT_EQ(testing::hit_ids(result), std::vector<std::string>{"japanese"}) << query;
    const Hit& hit = result.hits[0];
    ASSERT_FALSE(hit.snippet.highlights.empty()) << query;
    ASSERT_FALSE(hit.title.highlights.empty()) << query;
    EXPECT_NE(highlighted(hit.snippet, 0).find(query == std::string("半導体") ? "半導体" : "輸出"),
              std::string::npos)
        << query << ": " << highlighted(hit.snippet, 0);
  }
}

TEST_F(SearchTest, TitleIsHighlightedToo) {
  const auto result = search("chip export");
  const Hit& hit = result.hits.at(0);
  ASSERT_EQ(hit.title.highlights.size(), 2u);
  EXPECT_EQ(highlighted(hit.title, 0), "Chip");
  EXPECT_EQ(highlighted(hit.title, 1), "export");
}

TEST_F(SearchTest, HitsCarryTheStoredFields) {
  const auto result = search("id:phrase");
  ASSERT_EQ(result.hits.size(), 1u);
  const Hit& hit = result.hits[0];
  EXPECT_EQ(hit.rank, 1u);
  EXPECT_EQ(hit.source, "Harbour Times");
  EXPECT_EQ(hit.title.text, "Chip export controls tighten");
  ASSERT_TRUE(hit.published.has_value());
  EXPECT_EQ(format_iso8601(*hit.published), "2023-10-17T08:00:00Z");
}

TEST_F(SearchTest, MalformedQueriesGiveWarningsNotExceptions) {
  for (const char* query : {"\"unbalanced", "(chip", "chip)", "AND", "chip OR", "NOT", "-",
                            "title:", "\"\"", "((((", "*", "source:"}) {
    SearchResult result;
    EXPECT_NO_THROW(result = search(query)) << query;
  }
  EXPECT_FALSE(search("chip AND AND export").warnings.empty());
}

TEST_F(SearchTest, AnExcludedWordAloneFindsEverythingElse) {
  const auto all = search("", 100).total_estimate;
  const auto without = search("-zebra", 100);
  EXPECT_EQ(without.total_estimate, all - 2);
  for (const Hit& hit : without.hits) {
    EXPECT_NE(hit.id, "title-match");
    EXPECT_NE(hit.id, "body-match");
  }
  EXPECT_EQ(search("-source:\"Global Wire\"", 100).total_estimate,
            all - search("source:\"Global Wire\"", 100).total_estimate);
}

TEST_F(SearchTest, WildcardMatchesAreRankedByRelevance) {
  const auto result = search("zeb*");
  EXPECT_EQ(testing::hit_ids(result), (std::vector<std::string>{"title-match", "body-match"}));
  for (const Hit& hit : result.hits) EXPECT_GT(hit.score, 0.0) << hit.id;
  // ... and the words they matched are highlighted.
  ASSERT_EQ(result.hits[0].title.highlights.size(), 1u);
  EXPECT_EQ(highlighted(result.hits[0].title, 0), "Zebra");
  ASSERT_FALSE(result.hits[1].snippet.highlights.empty());
  EXPECT_EQ(highlighted(result.hits[1].snippet, 0), "zebra");
}

TEST_F(SearchTest, FiltersNameTheirFieldFromTheFieldTable) {
  Searcher searcher(db_path_);
  SearchRequest request;
  request.filters = {Filter(Field::kSource, "GLOBAL wire"), Filter("date", "2022-03")};
  EXPECT_EQ(testing::hit_ids(searcher.search(request)), std::vector<std::string>{"title-match"});
  request.filters = {Filter("language", "de")};
  EXPECT_EQ(testing::hit_ids(searcher.search(request)), std::vector<std::string>{"german"});
  request.filters = {Filter(Field::kDate, "2023-13")};
  EXPECT_THROW(searcher.search(request), ConfigError);
  EXPECT_THROW(Filter("colour", "red"), ConfigError);
  EXPECT_THROW(Filter("title", "zebra"), ConfigError);  // text: searched, not filtered
  EXPECT_EQ(testing::hit_ids(search("language:de")), std::vector<std::string>{"german"});
}

TEST_F(SearchTest, UrlsAreExactFilters) {
  testing::TempDir dir;
  {
    indexer::IndexOptions options;
    options.db_path = dir / "db";
    indexer::Indexer index(options);
    Article a = article("u1", "Wire", "Rates", "Rates rose.", "2024-01-01");
    a.url = "https://news.example/a/Rates?x=1";
    index.add(a);
    index.add(article("u2", "Wire", "Rates", "Rates fell.", "2024-01-02"));
    index.commit();
  }
  Searcher searcher(dir / "db");
  SearchRequest request;
  request.query = "url:\"https://news.example/a/Rates?x=1\"";
  EXPECT_EQ(testing::hit_ids(searcher.search(request)), std::vector<std::string>{"u1"});
  request.query = "rates url:https://news.example/a/rates?x=1";  // case matters in URLs
  EXPECT_TRUE(searcher.search(request).hits.empty());
}

TEST_F(SearchTest, WarningsCarryACodeAndTheFragment) {
  const auto result = search("colour:red (zebra date:2023-13");
  ASSERT_EQ(result.warnings.size(), 3u);
  EXPECT_EQ(result.warnings[0].code, QueryWarningCode::kUnknownField);
  EXPECT_EQ(result.warnings[0].fragment, "colour:");
  EXPECT_EQ(result.warnings[1].code, QueryWarningCode::kUnclosedBracket);
  EXPECT_EQ(result.warnings[2].code, QueryWarningCode::kInvalidDate);
  EXPECT_EQ(result.warnings[2].fragment, "date:2023-13");
  const auto json = nlohmann::json::parse(to_json(result));
  ASSERT_EQ(json["warnings"].size(), 3u);
  EXPECT_EQ(json["warnings"][0]["code"], "unknown_field");
  EXPECT_EQ(json["warnings"][0]["fragment"], "colour:");
  EXPECT_EQ(json["warnings"][2]["code"], "invalid_date");
  EXPECT_NE(json["warnings"][2]["message"].get<std::string>().find("date filter ignored"),
            std::string::npos);
}

TEST_F(SearchTest, PagingWithOffset) {
  Searcher searcher(db_path_);
  SearchRequest request;
  request.query = "";
  request.offset = 2;
  request.limit = 2;
  const auto result = searcher.search(request);
  ASSERT_EQ(result.hits.size(), 2u);
  EXPECT_EQ(result.hits[0].rank, 3u);
  EXPECT_EQ(result.hits[0].id, "german");
}

TEST_F(SearchTest, SeesCommitsMadeAfterOpening) {
  Searcher searcher(db_path_);
  SearchRequest request;
  request.query = "okapi";
  EXPECT_TRUE(searcher.search(request).hits.empty());
  {
    indexer::IndexOptions options;
    options.db_path = db_path_;
    indexer::Indexer index(options);
    index.add(article("okapi", "Global Wire", "Okapi sighted", "A rare okapi.", "2024-01-01"));
    index.commit();
  }
  // The same Searcher sees the new article at once.
  EXPECT_EQ(testing::hit_ids(searcher.search(request)), std::vector<std::string>{"okapi"});
}

TEST_F(SearchTest, KeepsWorkingWhileAnIndexerCommitsRepeatedly) {
  Searcher searcher(db_path_);
  SearchRequest request;
  request.query = "gazelle";
  indexer::IndexOptions options;
  options.db_path = db_path_;
  indexer::Indexer index(options);
  // Xapian keeps few old revisions: a reader left behind by several commits
  // gets DatabaseModifiedError, which the Searcher must absorb.
  for (int i = 0; i < 6; ++i) {
    index.add(article("gazelle-" + std::to_string(i), "Global Wire", "Gazelle herd",
                      "Gazelles crossed the plain.", "2024-02-0" + std::to_string(i + 1)));
    index.commit();
    SearchResult result;
    ASSERT_NO_THROW(result = searcher.search(request));
    EXPECT_EQ(result.total_estimate, static_cast<std::uint64_t>(i + 1));
  }
}

TEST_F(SearchTest, MissingIndexIsAnIndexError) {
  EXPECT_THROW(Searcher(dir_ / "nothing-here"), IndexError);
}

TEST_F(SearchTest, JsonCarriesHitsTotalsAndSpans) {
  const auto json = nlohmann::json::parse(to_json(search("chip export")));
  EXPECT_EQ(json["query"], "chip export");
  EXPECT_EQ(json["total"]["estimate"], 2);
  EXPECT_EQ(json["total"]["lower"], 2);
  EXPECT_EQ(json["total"]["upper"], 2);
  EXPECT_EQ(json["total"]["exact"], true);
  const auto& hit = json["hits"][0];
  EXPECT_EQ(hit["rank"], 1);
  EXPECT_EQ(hit["id"], "phrase");
  EXPECT_TRUE(hit["score"].is_number());
  EXPECT_EQ(hit["source"], "Harbour Times");
  EXPECT_EQ(hit["published"], "2023-10-17T08:00:00Z");
  EXPECT_EQ(hit["url"], "");
  EXPECT_EQ(hit["title"], "Chip export controls tighten");
  EXPECT_EQ(hit["title_highlights"][0], nlohmann::json::array({0, 4}));
  const std::string snippet = hit["snippet"];
  ASSERT_FALSE(hit["highlights"].empty());
  for (const auto& span : hit["highlights"]) {
    const std::size_t start = span[0], end = span[1];
    ASSERT_LE(end, snippet.size());
    const std::string word = snippet.substr(start, end - start);
    EXPECT_TRUE(word == "chip" || word == "export" || word == "Chips") << word;
  }
  EXPECT_TRUE(json["facets"].is_object());
  EXPECT_TRUE(json["suggestion"].is_null());
  EXPECT_TRUE(json["warnings"].is_array());
}

// German writes "Mueller" where umlauts are unavailable: either spelling
// finds both, and the spelling searched for ranks first.
TEST(UmlautSpellingTest, MuellerAndMuellerMeet) {
  testing::TempDir dir;
  const std::string db = dir / "db";
  {
    indexer::IndexOptions options;
    options.db_path = db;
    indexer::Indexer index(options);
    index.add(article("umlaut", "Berliner Blatt", "Müller tritt zurück", "Der Minister Müller.",
                      "2024-01-01", "de"));
    index.add(article("spelt", "Wire", "Mueller resigns", "Minister Mueller resigned.",
                      "2024-01-02", "en"));
    index.add(article("other", "Wire", "Miller wins", "Minister Miller won.", "2024-01-03"));
    index.commit();
  }
  Searcher searcher(db);
  SearchRequest request;
  request.query = "Mueller";
  auto hits = searcher.search(request).hits;
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].id, "spelt");
  EXPECT_EQ(hits[1].id, "umlaut");
  request.query = "Müller";
  hits = searcher.search(request).hits;
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].id, "umlaut");
  EXPECT_EQ(hits[1].id, "spelt");
}

}  // namespace
}  // namespace newsdex::searcher

namespace newsdex::searcher {
namespace {

TEST_F(SearchTest, ArticleByIdIsTheStoredArticleAndItsJson) {
  Searcher searcher(db_path_);
  const Article stored = searcher.article("german");
  EXPECT_EQ(stored, article("german", "Berliner Blatt", "Exporte steigen",
                            "Die deutschen Exporte sind im Mai gestiegen.", "2024-06-01", "de"));
  EXPECT_THROW(searcher.article("no-such-id"), NotFoundError);
  const auto json = nlohmann::ordered_json::parse(to_json(stored));
  std::vector<std::string> keys;
  for (const auto& item : json.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "source", "url", "title", "body", "published",
                                            "authors", "language", "topics", "places"}));
  EXPECT_EQ(json["published"], "2024-06-01");
  EXPECT_EQ(json["body"], "Die deutschen Exporte sind im Mai gestiegen.");
}

TEST_F(SearchTest, RevisionGrowsWithEveryCommitAndSearchersFollowIt) {
  Searcher searcher(db_path_);
  const auto before = searcher.revision();
  ASSERT_TRUE(before.has_value());
  const std::uint64_t count = searcher.document_count();
  {
    indexer::IndexOptions options;
    options.db_path = db_path_;
    indexer::Indexer index(options);
    index.add(article("later", "Global Wire", "Later news", "Added after.", "2025-02-01"));
    index.commit();
  }
  EXPECT_GT(searcher.revision().value(), *before);
  EXPECT_EQ(searcher.document_count(), count + 1);
  EXPECT_EQ(searcher.article("later").title, "Later news");
}

}  // namespace
}  // namespace newsdex::searcher
