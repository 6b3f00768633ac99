// Related articles (Searcher::related, `newsdex-search --like`): the
// article's distinctive words find other coverage; the article and its
// near-duplicates never come back; filters, dates, the query, paging,
// facets and collapsing apply as to any search.
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

Article article(std::string id, std::string source, std::string title, std::string body,
                const std::string& published) {
  return dated_article(std::move(id), std::move(source), std::move(title), std::move(body),
                       published);
}

bool contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

class RelatedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    indexer::IndexOptions options;
    options.db_path = db_path_;
    indexer::Indexer index(options);
    // One story in three copies: a duplicate cluster.
    for (const Article& copy : testing::storm_copies()) index.add(copy);
    // Other coverage of the same storm, each its own story.
    index.add(testing::storm_fishermen());
    index.add(article("reopening", "Coastal Herald", "Pine Harbour terminals reopen after storm",
                      "Both container terminals at Pine Harbour reopened on Thursday after the "
                      "storm passed. Ships that had waited at anchor began to berth, pilot "
                      "services resumed, and shipping lines said delays for customers would "
                      "ease by the weekend. Truck drivers still queued on the approach roads.",
                      "2024-03-08T10:00:00Z"));
    index.add(article("insurers", "Market Ledger", "Insurers tally storm losses at the port",
                      "Insurers estimated that the storm which shut Pine Harbour cost shipping "
                      "lines and terminal operators millions in delays and damage.",
                      "2024-03-09T12:00:00Z"));
    // Nothing to do with it.
    index.add(testing::unrelated_rates());
    index.add(article("election", "Daily Courier", "Mayor re-elected",
                      "The mayor won a second term with a comfortable majority, promising "
                      "cheaper buses and more parks for the city.",
                      "2024-03-06T12:00:00Z"));
    index.commit();
  }

  SearchResult related(const std::string& id, const SearchRequest& request = {}) {
    return Searcher(db_path_).related(id, request);
  }

  testing::TempDir dir_;
  std::string db_path_ = dir_ / "db";
};

TEST_F(RelatedTest, OtherCoverageRanksAndTheArticleAndItsCopiesNeverDo) {
  // The three copies are one cluster (what the exclusion relies on).
  const auto copies = testing::hit_ids(Searcher(db_path_).duplicates_of("wire"));
  ASSERT_TRUE(contains(copies, "herald") && contains(copies, "courier"));

  for (const std::string id : {"wire", "herald", "courier"}) {
    SearchRequest request;
    request.collapse = false;  // so that a copy would show if it matched
    const SearchResult result = related(id, request);
    const auto found = testing::hit_ids(result);
    for (const std::string copy : {"wire", "herald", "courier"}) {
      EXPECT_FALSE(contains(found, copy)) << copy << " in related(" << id << ")";
    }
    ASSERT_GE(found.size(), 3u) << id;
    // The follow-up shares the most words; unrelated articles share none.
    EXPECT_EQ(found[0], "reopening") << id;
    EXPECT_TRUE(contains(found, "fishermen")) << id;
    EXPECT_TRUE(contains(found, "insurers")) << id;
    EXPECT_FALSE(contains(found, "rates")) << id;
    EXPECT_FALSE(contains(found, "election")) << id;
    EXPECT_EQ(result.like, id);
    EXPECT_EQ(result.ranking, "relevance");
    EXPECT_GT(result.hits[0].score, result.hits.back().score);
  }
}

TEST_F(RelatedTest, TheArticlesDistinctiveWordsAreReported) {
  const SearchResult result = related("fishermen");
  ASSERT_FALSE(result.expansion_terms.empty());
  EXPECT_TRUE(contains(result.expansion_terms, "harbour"));
  // Words no other article has cannot find one; stopwords say nothing.
  for (const std::string word : {"net", "nets", "pot", "pots", "the", "and"}) {
    EXPECT_FALSE(contains(result.expansion_terms, word)) << word;
  }
  // Hits are highlighted by those words.
  ASSERT_FALSE(result.hits.empty());
  EXPECT_FALSE(result.hits[0].title.highlights.empty());
}

TEST_F(RelatedTest, CopiesOfARelatedStoryFoldIntoOneHit) {
  const SearchResult result = related("fishermen");
  const auto found = testing::hit_ids(result);
  const auto story = std::count_if(found.begin(), found.end(), [](const std::string& id) {
    return id == "wire" || id == "herald" || id == "courier";
  });
  EXPECT_EQ(story, 1);
  for (const Hit& hit : result.hits) {
    if (hit.id == "wire" || hit.id == "herald" || hit.id == "courier") {
      EXPECT_EQ(hit.duplicates, 2u);
    }
  }
  EXPECT_TRUE(result.collapsed);
  EXPECT_EQ(result.articles_estimate, result.total_estimate + 2);
}

TEST_F(RelatedTest, FiltersDatesAndQueryWordsNarrowTheList) {
  SearchRequest by_source;
  by_source.filters.push_back({"source", "Harbour Times"});
  EXPECT_EQ(testing::hit_ids(related("wire", by_source)), std::vector<std::string>{"fishermen"});

  SearchRequest later;
  later.since = "2024-03-08";
  const auto found = testing::hit_ids(related("wire", later));
  EXPECT_EQ(found, (std::vector<std::string>{"reopening", "insurers"}));

  // Query words restrict without reordering: only articles with "insurers".
  SearchRequest about;
  about.query = "insurers";
  EXPECT_EQ(testing::hit_ids(related("wire", about)), std::vector<std::string>{"insurers"});
  about.query = "nothingmatchesthis";
  EXPECT_TRUE(related("wire", about).hits.empty());
}

TEST_F(RelatedTest, PagingAndFacetsWork) {
  SearchRequest all;
  all.collapse = false;
  all.facets.push_back(FacetRequest::parse("source"));
  const SearchResult full = related("wire", all);
  ASSERT_GE(full.hits.size(), 3u);
  std::uint64_t counted = 0;
  ASSERT_EQ(full.facets.size(), 1u);
  for (const FacetValue& value : full.facets[0].values) counted += value.count;
  EXPECT_EQ(counted, full.total_estimate);

  SearchRequest page = all;
  page.offset = 1;
  page.limit = 1;
  const SearchResult second = related("wire", page);
  ASSERT_EQ(second.hits.size(), 1u);
  EXPECT_EQ(second.hits[0].id, full.hits[1].id);
  EXPECT_EQ(second.hits[0].rank, 2u);
}

TEST_F(RelatedTest, UnknownIdThrowsNotFound) {
  EXPECT_THROW(related("no-such-article"), NotFoundError);
  EXPECT_THROW(related(""), NotFoundError);
}

TEST_F(RelatedTest, JsonNamesTheArticleAndItsWords) {
  const auto json = nlohmann::json::parse(to_json(related("wire")));
  EXPECT_EQ(json["like"], "wire");
  ASSERT_TRUE(json["expansion_terms"].is_array());
  EXPECT_FALSE(json["expansion_terms"].empty());
  const auto plain = nlohmann::json::parse(to_json(Searcher(db_path_).search({})));
  EXPECT_TRUE(plain["like"].is_null());
  EXPECT_TRUE(plain["expansion_terms"].empty());
}

}  // namespace
}  // namespace newsdex::searcher
