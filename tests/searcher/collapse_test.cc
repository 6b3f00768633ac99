// Collapsing near-duplicate copies of a story in search results, the
// duplicates of an article, and what totals and facets count.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

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

using testing::dated_article;
const std::string& kStory = testing::kStormStory;

Article article(std::string id, std::string source, std::string title, std::string body,
                const std::string& published) {
  return dated_article(std::move(id), std::move(source), std::move(title), std::move(body),
                       published);
}

class CollapseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    indexer::IndexOptions options;
    options.db_path = db_path_;
    indexer::Indexer index(options);
    // One story in four copies (new headlines, a dateline, a credit line,
    // a cut), published over three days.
    for (const Article& copy : testing::storm_copies()) index.add(copy);
    index.add(article("brief", "Metro Wire", "In brief: storm closes port",
                      kStory.substr(0, kStory.find("\n\n")), "2024-03-06T07:00:00Z"));
    // Another story about the same storm, and an unrelated one.
    index.add(testing::storm_fishermen());
    index.add(testing::unrelated_rates());
    index.commit();
  }

  SearchResult search(SearchRequest request) { return Searcher(db_path_).search(request); }

  static SearchRequest request(std::string query, SortOrder sort = SortOrder::kRelevance) {
    SearchRequest r;
    r.query = std::move(query);
    r.sort = sort;
    return r;
  }

  testing::TempDir dir_;
  std::string db_path_ = dir_ / "db";
};

TEST_F(CollapseTest, CopiesFoldIntoOneHitInEverySortOrder) {
  for (const SortOrder sort : {SortOrder::kRelevance, SortOrder::kNewest, SortOrder::kOldest}) {
    const SearchResult result = search(request("storm", sort));
    ASSERT_EQ(result.hits.size(), 2u) << static_cast<int>(sort);
    EXPECT_TRUE(result.collapsed);
    EXPECT_EQ(result.total_estimate, 2u);
    EXPECT_EQ(result.articles_estimate, 5u);
    const auto story = std::find_if(result.hits.begin(), result.hits.end(),
                                    [](const Hit& hit) { return hit.id != "fishermen"; });
    ASSERT_NE(story, result.hits.end());
    EXPECT_EQ(story->duplicates, 3u);
    if (sort == SortOrder::kNewest) {
      EXPECT_EQ(story->id, "brief");
    }
    if (sort == SortOrder::kOldest) {
      EXPECT_EQ(story->id, "wire");
    }
    const auto other = std::find_if(result.hits.begin(), result.hits.end(),
                                    [](const Hit& hit) { return hit.id == "fishermen"; });
    ASSERT_NE(other, result.hits.end()) << "a different story on the same event stays apart";
    EXPECT_EQ(other->duplicates, 0u);
  }
}

TEST_F(CollapseTest, NoCollapseShowsEveryCopy) {
  SearchRequest r = request("storm");
  r.collapse = false;
  const SearchResult result = search(r);
  EXPECT_FALSE(result.collapsed);
  EXPECT_EQ(result.hits.size(), 5u);
  EXPECT_EQ(result.total_estimate, 5u);
  EXPECT_EQ(result.articles_estimate, 5u);
  for (const Hit& hit : result.hits) EXPECT_EQ(hit.duplicates, 0u);
}

TEST_F(CollapseTest, SimilarSourcesNameTheFoldedCopies) {
  SearchRequest r = request("storm", SortOrder::kOldest);
  r.similar_sources = 2;
  const SearchResult result = search(r);
  ASSERT_FALSE(result.hits.empty());
  EXPECT_EQ(result.hits[0].id, "wire");
  EXPECT_EQ(result.hits[0].similar_sources,
            (std::vector<std::string>{"Coastal Herald", "Daily Courier"}));
}

TEST_F(CollapseTest, JsonGivesDuplicatesPerHitAndArticleTotals) {
  const auto json = nlohmann::json::parse(to_json(search(request("storm"))));
  EXPECT_EQ(json["total"]["estimate"], 2);
  EXPECT_EQ(json["total"]["articles"], 5);
  EXPECT_EQ(json["total"]["collapsed"], true);
  int folded = 0;
  for (const auto& hit : json["hits"]) folded += hit["duplicates"].get<int>();
  EXPECT_EQ(folded, 3);
  SearchRequest r = request("storm");
  r.collapse = false;
  const auto uncollapsed = nlohmann::json::parse(to_json(search(r)));  // outlives the loop
  for (const auto& hit : uncollapsed["hits"]) EXPECT_EQ(hit["duplicates"], 0);
}

TEST_F(CollapseTest, DuplicatesOfListsTheOtherCopies) {
  Searcher searcher(db_path_);
  SearchRequest r;
  r.sort = SortOrder::kOldest;
  const SearchResult result = searcher.duplicates_of("courier", r);
  EXPECT_EQ(testing::hit_ids(result), (std::vector<std::string>{"wire", "herald", "brief"}));
  EXPECT_FALSE(result.collapsed);
  EXPECT_TRUE(searcher.duplicates_of("rates").hits.empty());
}

TEST_F(CollapseTest, DuplicatesOfUnknownIdIsNotFound) {
  Searcher searcher(db_path_);
  EXPECT_THROW(searcher.duplicates_of("no-such-article"), NotFoundError);
  try {
    searcher.duplicates_of("no-such-article");
  } catch (const NotFoundError& e) {
    EXPECT_NE(std::string(e.what()).find("no-such-article"), std::string::npos);
  }
}

// Facets count articles, every copy, whether the hits are collapsed or
// not, and whether the matches are counted with the ranked pass or by the
// separate counting pass.
TEST_F(CollapseTest, FacetsCountArticlesWithAndWithoutCollapsing) {
  for (const std::uint32_t separately : {0u, UINT32_MAX}) {
    SearcherOptions options;
    options.count_separately_above = separately;
    Searcher searcher(db_path_, options);
    for (const bool collapse : {true, false}) {
      SearchRequest r = request("storm");
      r.collapse = collapse;
      r.facets.push_back(FacetRequest::parse("source"));
      const SearchResult result = searcher.search(r);
      ASSERT_EQ(result.facets.size(), 1u);
      std::uint64_t counted = 0;
      for (const auto& value : result.facets[0].values) counted += value.count;
      EXPECT_EQ(counted, 5u) << "collapse " << collapse << ", separately " << separately;
      EXPECT_EQ(result.facets[0].values.size(), 5u);
      EXPECT_EQ(result.total_estimate, collapse ? 2u : 5u) << separately;
      EXPECT_EQ(result.articles_estimate, 5u) << separately;
    }
  }
}

}  // namespace
}  // namespace newsdex::searcher
