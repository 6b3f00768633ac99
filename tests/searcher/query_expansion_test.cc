// Query expansion (SearchRequest::expand): words of the best matches are
// added to the query at a lower weight; with natural-language (OR) queries
// they find relevant articles that lack the query's words, with AND
// queries they only reorder, and filters and exclusions keep holding.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "hit_ids.h"
#include "newsdex/common/error.h"
#include "newsdex/indexer/indexer.h"
#include "newsdex/searcher/searcher.h"
#include "temp_dir.h"

namespace newsdex::searcher {
namespace {

Article article(std::string id, std::string source, std::string title, std::string body) {
  Article a;
  a.id = std::move(id);
  a.source = std::move(source);
  a.title = std::move(title);
  a.body = std::move(body);
  a.language = "en";
  return a;
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

class QueryExpansionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    indexer::IndexOptions options;
    options.db_path = db_path_;
    indexer::Indexer index(options);
    // Three reviews of one car say "Jaguar"; a fourth, about the same
    // gearbox and engine, never does.
    index.add(article("review-1", "Motor Weekly", "Jaguar saloon tested",
                      "The Jaguar saloon pairs a supercharged engine with an eight-speed "
                      "gearbox that delivers its torque smoothly."));
    index.add(article("review-2", "Motor Weekly", "Jaguar estate on the road",
                      "On the motorway the Jaguar estate is quiet; the gearbox shifts early "
                      "and the engine has torque to spare."));
    index.add(article("review-3", "Car Monthly", "Jaguar coupe driven",
                      "Jaguar tuned the coupe's gearbox for the track, and the engine's torque "
                      "arrives low in the rev range."));
    index.add(article("gearbox", "Car Monthly", "Eight-speed gearbox explained",
                      "How an eight-speed gearbox keeps a supercharged engine in its torque "
                      "band, and why shifts feel smooth."));
    // Filler, so that the car words are rare in the index.
    index.add(article("cat", "Nature Notes", "Big cats of the rain forest",
                      "The jaguar is the largest cat of the Americas and hunts at night "
                      "along rivers in the rain forest."));
    index.add(article("bread", "Food Page", "Sourdough at home",
                      "A sourdough loaf needs flour, water, salt and a lively starter."));
    index.add(article("vote", "City Desk", "Council vote delayed",
                      "The council postponed its vote on the new bus lanes until spring."));
    index.add(article("match", "Sport Daily", "Late goal wins the derby",
                      "A header in the last minute won the derby for the home side."));
    index.add(article("rain", "Weather Desk", "Rain all week",
                      "Forecasters expect rain every day this week, with wind on Friday."));
    index.commit();
  }

  SearchResult search(const SearchRequest& request) { return Searcher(db_path_).search(request); }

  static SearchRequest natural(std::string query) {
    SearchRequest request;
    request.query = std::move(query);
    request.default_operator = DefaultOperator::kOr;
    request.collapse = false;
    return request;
  }

  static QueryExpansion feedback() {
    QueryExpansion expansion;
    expansion.documents = 3;
    expansion.terms = 5;
    return expansion;
  }

  testing::TempDir dir_;
  std::string db_path_ = dir_ / "db";
};

TEST_F(QueryExpansionTest, FindsARelevantArticleLackingTheQueryWords) {
  SearchRequest plain = natural("jaguar");
  plain.expand = ExpandMode::kOff;
  const SearchResult without = search(plain);
  EXPECT_FALSE(contains(testing::hit_ids(without), "gearbox"));
  EXPECT_TRUE(without.expansion_terms.empty());

  SearchRequest expanded = plain;
  expanded.expand = ExpandMode::kOn;
  expanded.expansion = feedback();
  const SearchResult with = search(expanded);
  EXPECT_TRUE(contains(with.expansion_terms, "gearbox"));
  EXPECT_FALSE(contains(with.expansion_terms, "jaguar")) << "query words are not added again";
  const auto found = testing::hit_ids(with);
  ASSERT_TRUE(contains(found, "gearbox"));
  // Found through the added words only, which weigh less than the query's:
  // every article with the query word ranks above it.
  const auto at = std::find(found.begin(), found.end(), "gearbox") - found.begin();
  for (const std::string review : {"review-1", "review-2", "review-3"}) {
    const auto review_at = std::find(found.begin(), found.end(), review) - found.begin();
    EXPECT_LT(review_at, at) << review;
  }
  EXPECT_GT(with.total_estimate, without.total_estimate);
}

TEST_F(QueryExpansionTest, AndQueriesAreOnlyReordered) {
  SearchRequest request;
  request.query = "jaguar";
  request.collapse = false;
  const SearchResult without = search(request);
  request.expand = ExpandMode::kOn;
  request.expansion = feedback();
  const SearchResult with = search(request);
  EXPECT_FALSE(with.expansion_terms.empty());
  auto before = testing::hit_ids(without);
  auto after = testing::hit_ids(with);
  std::sort(before.begin(), before.end());
  std::sort(after.begin(), after.end());
  EXPECT_EQ(before, after) << "every word must still match";
  // The car reviews now outrank the cat, which shares none of their words.
  EXPECT_EQ(testing::hit_ids(with).back(), "cat");
}

TEST_F(QueryExpansionTest, ExclusionsAndFiltersStillHold) {
  SearchRequest excluding = natural("jaguar -forest");
  excluding.expand = ExpandMode::kOn;
  excluding.expansion = feedback();
  const auto found = testing::hit_ids(search(excluding));
  EXPECT_FALSE(contains(found, "cat"));
  EXPECT_FALSE(contains(found, "gearbox")) << "a query with -word is not widened";

  SearchRequest filtered = natural("jaguar");
  filtered.filters.push_back({"source", "Motor Weekly"});
  filtered.expand = ExpandMode::kOn;
  filtered.expansion = feedback();
  const SearchResult result = search(filtered);
  EXPECT_FALSE(result.expansion_terms.empty());
  EXPECT_EQ(result.hits.size(), 2u);
  for (const Hit& hit : result.hits) EXPECT_EQ(hit.source, "Motor Weekly");
}

TEST_F(QueryExpansionTest, OnlyRelevanceOrderIsExpanded) {
  SearchRequest newest = natural("jaguar");
  newest.sort = SortOrder::kNewest;
  newest.expand = ExpandMode::kOn;
  newest.expansion = feedback();
  const SearchResult result = search(newest);
  EXPECT_TRUE(result.expansion_terms.empty());
  EXPECT_FALSE(contains(testing::hit_ids(result), "gearbox"));
}

TEST_F(QueryExpansionTest, ByDefaultNaturalLanguageQueriesAreExpandedAndOthersNot) {
  SearchRequest any = natural("jaguar");
  ASSERT_EQ(any.expand, ExpandMode::kAuto);
  const SearchResult expanded = search(any);
  EXPECT_FALSE(expanded.expansion_terms.empty());
  EXPECT_TRUE(contains(testing::hit_ids(expanded), "gearbox"));

  SearchRequest all;
  all.query = "jaguar";
  const SearchResult plain = search(all);
  EXPECT_TRUE(plain.expansion_terms.empty());
  EXPECT_FALSE(contains(testing::hit_ids(plain), "gearbox"));
}

TEST_F(QueryExpansionTest, BadSettingsAreConfigErrors) {
  SearchRequest request = natural("jaguar");
  for (const QueryExpansion bad :
       {QueryExpansion{0, 5, 0.3}, QueryExpansion{3, 0, 0.3}, QueryExpansion{3, 5, 0.0},
        QueryExpansion{3, 5, 1.5}, QueryExpansion{3, 5, -0.2}}) {
    request.expand = ExpandMode::kOn;
    request.expansion = bad;
    EXPECT_THROW(search(request), ConfigError);
  }
}

}  // namespace
}  // namespace newsdex::searcher
