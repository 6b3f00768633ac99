// The facet cache: per-document ordinals give the same facets as reading
// values, follow commits, work on sharded indexes, and are built only when
// preloaded or paid for.
#include "facet_cache.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "newsdex/common/date.h"
#include "newsdex/common/schema.h"
#include "newsdex/indexer/import.h"
#include "newsdex/searcher/searcher.h"
#include "slot_ordinals.h"
#include "temp_dir.h"

namespace newsdex::searcher {
namespace {

const std::string kCorpus = std::string(NEWSDEX_SOURCE_DIR) + "/corpus/sample";

Article article(std::string id, std::string source, std::string published) {
  Article a;
  a.id = std::move(id);
  a.source = std::move(source);
  a.title = "Cache check";
  a.body = "An article about shipping.";
  a.published = parse_iso8601(published);
  return a;
}

std::vector<FacetRequest> every_cacheable_facet() {
  return {FacetRequest::parse("source", 0), FacetRequest::parse("lang", 0),
          FacetRequest::parse("date:year", 0), FacetRequest::parse("date:month", 0),
          FacetRequest::parse("date:day", 0)};
}

const std::vector<std::string> kQueries = {
    "", "market", "chip export", "election OR oil", "title:bank", "nothingmatchesthis"};

using Counts = std::vector<std::pair<std::string, std::uint64_t>>;

std::vector<Counts> facets_of(Searcher& searcher, const std::string& query) {
  SearchRequest request;
  request.query = query;
  request.limit = 3;
  request.facets = every_cacheable_facet();
  std::vector<Counts> facets;
  for (const Facet& facet : searcher.search(request).facets) {
    Counts counts;
    for (const FacetValue& value : facet.values) counts.emplace_back(value.value, value.count);
    facets.push_back(std::move(counts));
  }
  return facets;
}

SearcherOptions without_cache() {
  SearcherOptions options;
  options.facet_cache = false;
  return options;
}

SearcherOptions preloaded() {
  SearcherOptions options;
  options.preload_facets = every_cacheable_facet();
  return options;
}

class FacetCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    indexer::IndexOptions options;
    options.db_path = db_path_;
    indexer::Indexer index(options);
    ASSERT_EQ(indexer::import_inputs(index, {kCorpus}).rejected, 0u);
  }

  testing::TempDir dir_;
  std::string db_path_ = dir_ / "db";
};

TEST_F(FacetCacheTest, OrdinalsAreSortedValuesAndZeroForNoValue) {
  Xapian::Database db(db_path_);
  const SlotOrdinals ordinals(db, schema::kSlotSource);
  ASSERT_GT(ordinals.value_count(), 1u);
  for (std::uint32_t ordinal = 2; ordinal <= ordinals.value_count(); ++ordinal) {
    EXPECT_LT(ordinals.value(ordinal - 1), ordinals.value(ordinal));
  }
  for (Xapian::docid document = 1; document <= db.get_lastdocid(); ++document) {
    const std::string value = db.get_document(document).get_value(schema::kSlotSource);
    const std::uint32_t ordinal = ordinals.ordinal_of(document);
    if (value.empty()) {
      EXPECT_EQ(ordinal, SlotOrdinals::kNoValue);
    } else {
      ASSERT_NE(ordinal, SlotOrdinals::kNoValue);
      EXPECT_EQ(ordinals.value(ordinal), value);
    }
  }
  EXPECT_EQ(ordinals.ordinal_of(db.get_lastdocid() + 1), SlotOrdinals::kOutside);
}

TEST_F(FacetCacheTest, CachedFacetsEqualValueReadFacets) {
  Searcher reading(db_path_, without_cache());
  Searcher cached(db_path_, preloaded());
  for (const std::string& query : kQueries) {
    const auto expected = facets_of(reading, query);
    ASSERT_EQ(expected.size(), 5u);
    EXPECT_EQ(facets_of(cached, query), expected) << "query '" << query << "'";
  }
  EXPECT_FALSE(facets_of(reading, "")[0].empty());
}

TEST_F(FacetCacheTest, CacheFollowsCommitsIncludingReplacedArticles) {
  Searcher cached(db_path_, preloaded());
  Searcher reading(db_path_, without_cache());
  ASSERT_EQ(facets_of(cached, ""), facets_of(reading, ""));
  {
    indexer::IndexOptions options;
    options.db_path = db_path_;
    indexer::Indexer index(options);
    index.add(article("cache-new", "Cache Check Wire", "2031-02-03"));
    index.commit();
  }
  auto after_add = facets_of(cached, "");
  EXPECT_EQ(after_add, facets_of(reading, ""));
  EXPECT_NE(std::find(after_add[0].begin(), after_add[0].end(),
                      std::pair<std::string, std::uint64_t>{"Cache Check Wire", 1}),
            after_add[0].end());
  {
    // Same id, so the article is replaced in place (same document number):
    // its old source and date must leave the counts.
    indexer::IndexOptions options;
    options.db_path = db_path_;
    indexer::Indexer index(options);
    index.add(article("cache-new", "Renamed Wire", "2032-04-05"));
    index.commit();
  }
  const auto after_replace = facets_of(cached, "");
  EXPECT_EQ(after_replace, facets_of(reading, ""));
  for (const auto& [value, count] : after_replace[0]) EXPECT_NE(value, "Cache Check Wire");
}

TEST_F(FacetCacheTest, ShardedIndexCountsLikeOneIndex) {
  // Split the sample between two indexes and search both through a stub
  // file, as a sharded deployment does; Xapian interleaves document numbers.
  std::ifstream in(kCorpus + "/articles.jsonl");
  std::ofstream first(dir_ / "first.jsonl"), second(dir_ / "second.jsonl");
  int line_number = 0;
  for (std::string line; std::getline(in, line); ++line_number) {
    (line_number % 3 == 0 ? first : second) << line << "\n";
  }
  first.close();
  second.close();
  for (const std::string name : {"first", "second"}) {
    indexer::IndexOptions options;
    options.db_path = dir_ / (name + ".db");
    indexer::Indexer index(options);
    ASSERT_EQ(indexer::import_inputs(index, {dir_ / (name + ".jsonl")}).rejected, 0u);
  }
  std::ofstream(dir_ / "shards.stub")
      << "auto " << (dir_ / "first.db") << "\nauto " << (dir_ / "second.db") << "\n";
  Searcher whole(db_path_, without_cache());
  Searcher sharded(dir_ / "shards.stub", preloaded());
  Searcher sharded_reading(dir_ / "shards.stub", without_cache());
  for (const std::string& query : kQueries) {
    const auto expected = facets_of(whole, query);
    EXPECT_EQ(facets_of(sharded, query), expected) << "query '" << query << "'";
    EXPECT_EQ(facets_of(sharded_reading, query), expected) << "query '" << query << "'";
  }
}

TEST_F(FacetCacheTest, OrdinalsAreBuiltOnlyWhenPreloadedOrPaidFor) {
  Xapian::Database db(db_path_);
  const Xapian::doccount documents = db.get_doccount();

  FacetCache on_demand(true, {});
  EXPECT_EQ(on_demand.ordinals_for(db, schema::kSlotSource), nullptr);
  on_demand.spy_read(schema::kSlotSource, 1);
  EXPECT_EQ(on_demand.ordinals_for(db, schema::kSlotSource), nullptr);
  // Enough values read by spies to have paid for a build several times.
  on_demand.spy_read(schema::kSlotSource, documents);
  EXPECT_NE(on_demand.ordinals_for(db, schema::kSlotSource), nullptr);
  EXPECT_EQ(on_demand.ordinals_for(db, schema::kSlotMonth), nullptr);  // per slot
  on_demand.forget();
  EXPECT_EQ(on_demand.ordinals_for(db, schema::kSlotSource), nullptr);

  FacetCache preloading(true, {schema::kSlotMonth});
  EXPECT_NE(preloading.ordinals_for(db, schema::kSlotMonth), nullptr);
  EXPECT_EQ(preloading.ordinals_for(db, schema::kSlotSource), nullptr);

  FacetCache off(false, {schema::kSlotMonth});
  off.spy_read(schema::kSlotSource, documents * 10);
  EXPECT_EQ(off.ordinals_for(db, schema::kSlotMonth), nullptr);
  EXPECT_EQ(off.ordinals_for(db, schema::kSlotSource), nullptr);
}

TEST_F(FacetCacheTest, OnDemandCacheGivesTheSameFacetsBeforeAndAfterItIsBuilt) {
  Searcher reading(db_path_, without_cache());
  Searcher on_demand(db_path_);  // the default: built once spies have paid for it
  const auto expected = facets_of(reading, "");
  // Every search of the whole archive reads one value per article and
  // facet, so a few searches earn the build; all must agree.
  for (int search = 0; search < 6; ++search) {
    EXPECT_EQ(facets_of(on_demand, ""), expected) << "search " << search;
  }
}

}  // namespace
}  // namespace newsdex::searcher
