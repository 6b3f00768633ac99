// Freshness-aware ranking (SearchRequest::freshness): relevance plus a boost
// that halves with every half-life between publication and the reference day.
#include "freshness.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "hit_ids.h"
#include "newsdex/common/date.h"
#include "newsdex/common/error.h"
#include "newsdex/indexer/indexer.h"
#include "newsdex/searcher/searcher.h"
#include "temp_dir.h"

namespace newsdex::searcher {
namespace {

Article article(std::string id, std::string title, std::string body, std::string published) {
  Article a;
  a.id = std::move(id);
  a.source = "Harbour Times";
  a.title = std::move(title);
  a.body = std::move(body);
  if (!published.empty()) a.published = parse_iso8601(published);
  a.language = "en";
  return a;
}

class FreshnessTest : public ::testing::Test {
 protected:
  void index(const std::vector<Article>& articles) {
    indexer::IndexOptions options;
    options.db_path = db_path_;
    indexer::Indexer indexer(options);
    // Filler so that document frequencies look like a real archive's.
    for (int i = 0; i < 20; ++i) {
      indexer.add(article("filler-" + std::to_string(i), "Local weather report",
                          "Rain and sun over the hills, with the market closed on Sunday.",
                          "2023-06-" + std::string(i < 9 ? "0" : "") + std::to_string(i + 1)));
    }
    for (const Article& a : articles) indexer.add(a);
    indexer.commit();
  }

  SearchResult search(const std::string& query, std::optional<Freshness> freshness,
                      SortOrder sort = SortOrder::kRelevance) {
    Searcher searcher(db_path_);
    SearchRequest request;
    request.query = query;
    request.freshness = std::move(freshness);
    request.sort = sort;
    // Several articles here share a text on purpose (to isolate the boost):
    // as copies of one story they would be folded into one hit.
    request.collapse = false;
    return searcher.search(request);
  }

  static Freshness fresh(double half_life, std::string now = "2024-03-01") {
    Freshness freshness;
    freshness.half_life_days = half_life;
    freshness.now = std::move(now);
    return freshness;
  }

  static double score(const SearchResult& result, const std::string& id) {
    for (const auto& hit : result.hits) {
      if (hit.id == id) return hit.score;
    }
    ADD_FAILURE() << id << " not found";
    return 0;
  }

  testing::TempDir dir_;
  std::string db_path_ = (dir_ / "db");
};

TEST_F(FreshnessTest, NewerRanksFirstAmongSimilarlyRelevantArticles) {
  // The older article says "strike" once more, so pure relevance prefers it.
  index({article("old", "Ferry strike", "The ferry strike went on. The strike hit commuters.",
                 "2023-09-01"),
         article("new", "Ferry strike", "The ferry strike went on. Commuters were hit hard.",
                 "2024-02-28")});
  EXPECT_EQ(testing::hit_ids(search("ferry strike", std::nullopt)),
            (std::vector<std::string>{"old", "new"}));
  const SearchResult fresh_result = search("ferry strike", fresh(30));
  EXPECT_EQ(testing::hit_ids(fresh_result), (std::vector<std::string>{"new", "old"}));
  EXPECT_EQ(fresh_result.ranking, "fresh");
  ASSERT_TRUE(fresh_result.freshness);
  EXPECT_EQ(fresh_result.freshness->now, "2024-03-01");
  EXPECT_GT(fresh_result.freshness->max_boost, 0);
}

TEST_F(FreshnessTest, MuchMoreRelevantOldArticleStillBeatsMarginalNewOne) {
  index({article("old", "Ferry strike: ferry crews strike again",
                 "Ferry crews began a strike. The ferry strike stopped every ferry.", "2023-03-01"),
         article("new", "Council budget",
                 "The council debated its budget for schools, roads, parks, libraries, "
                 "housing and street lighting; a ferry was mentioned once, as was a strike "
                 "by refuse collectors last year, among many other items on a long agenda.",
                 "2024-03-01")});
  EXPECT_EQ(testing::hit_ids(search("ferry strike", fresh(30))),
            (std::vector<std::string>{"old", "new"}));
}

TEST_F(FreshnessTest, BoostHalvesWithEveryHalfLifeAndUndatedArticlesGetNone) {
  // Identical texts score identically, so score differences are the boosts.
  const std::string title = "Ferry strike", body = "The ferry strike went on for a week.";
  index({article("today", title, body, "2024-03-01T12:00:00Z"),
         article("one-half-life", title, body, "2024-01-31"),
         article("two-half-lives", title, body, "2024-01-01"),
         article("one-half-life-ahead", title, body, "2024-03-31"),
         article("undated", title, body, "")});
  const SearchResult plain = search("ferry strike", std::nullopt);
  const SearchResult result = search("ferry strike", fresh(30));
  ASSERT_TRUE(result.freshness);
  const double boost = result.freshness->max_boost;
  const double base = score(result, "undated");
  EXPECT_DOUBLE_EQ(base, score(plain, "undated"));
  EXPECT_NEAR(score(result, "today") - base, boost, 1e-9);
  EXPECT_NEAR(score(result, "one-half-life") - base, boost / 2, 1e-9);
  EXPECT_NEAR(score(result, "two-half-lives") - base, boost / 4, 1e-9);
  EXPECT_NEAR(score(result, "one-half-life-ahead") - base, boost / 2, 1e-9);
  EXPECT_EQ(testing::hit_ids(result).front(), "today");
  EXPECT_EQ(testing::hit_ids(result).back(), "undated");
}

TEST_F(FreshnessTest, BoostIsAFractionOfTheBestPossibleTextScore) {
  index({article("a", "Ferry strike", "The ferry strike went on.", "2024-03-01")});
  Freshness freshness = fresh(30);
  const SearchResult quarter = search("ferry strike", freshness);
  freshness.max_boost = 0.5;
  const SearchResult half = search("ferry strike", freshness);
  ASSERT_TRUE(quarter.freshness && half.freshness);
  EXPECT_NEAR(half.freshness->max_boost, 2 * quarter.freshness->max_boost, 1e-9);
  // The best possible text score bounds every article's.
  const double text = score(search("ferry strike", std::nullopt), "a");
  EXPECT_GE(quarter.freshness->max_boost, 0.25 * text - 1e-9);
}

TEST_F(FreshnessTest, FormulaIsExponentialDecay) {
  EXPECT_DOUBLE_EQ(freshness_boost(2.0, 0, 30), 2.0);
  EXPECT_DOUBLE_EQ(freshness_boost(2.0, 30, 30), 1.0);
  EXPECT_DOUBLE_EQ(freshness_boost(2.0, -30, 30), 1.0);
  EXPECT_DOUBLE_EQ(freshness_boost(2.0, 90, 30), 0.25);
}

TEST_F(FreshnessTest, NewestAndOldestOrdersIgnoreIt) {
  index({article("old", "Ferry strike", "The ferry strike went on.", "2023-09-01"),
         article("new", "Ferry strike", "The ferry strike went on.", "2024-02-28")});
  const SearchResult oldest = search("ferry strike", fresh(30), SortOrder::kOldest);
  EXPECT_EQ(testing::hit_ids(oldest), (std::vector<std::string>{"old", "new"}));
  EXPECT_EQ(oldest.ranking, "oldest");
  EXPECT_FALSE(oldest.freshness);
  EXPECT_EQ(search("ferry strike", std::nullopt).ranking, "relevance");
}

TEST_F(FreshnessTest, InvalidSettingsAreConfigErrors) {
  index({});
  struct Case {
    double half_life;
    std::string now;
  };
  const Case cases[] = {{0, "2024-03-01"},
                        {-7, "2024-03-01"},
                        {std::numeric_limits<double>::quiet_NaN(), "2024-03-01"},
                        {std::numeric_limits<double>::infinity(), ""},
                        {30, "yesterday"},
                        {30, "2024-02-30"}};
  for (const Case& c : cases) {
    EXPECT_THROW(fresh(c.half_life, c.now).validate(), ConfigError) << c.half_life << c.now;
    EXPECT_THROW(search("ferry", fresh(c.half_life, c.now)), ConfigError) << c.half_life << c.now;
  }
  Freshness negative_boost = fresh(30);
  negative_boost.max_boost = -1;
  EXPECT_THROW(negative_boost.validate(), ConfigError);
  EXPECT_NO_THROW(fresh(30, "").validate());
}

}  // namespace
}  // namespace newsdex::searcher
