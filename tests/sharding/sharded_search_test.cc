// One corpus as a single database and as 3 shards (all local, and 2 of them
// served by real xapian-tcpsrv processes): every query gives the same hits
// in the same order, the same scores, totals, facets and suggestion.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>

#include "newsdex/common/error.h"
#include "newsdex/searcher/searcher.h"
#include "sharded_fixture.h"
#include "tcp_server.h"

namespace newsdex {
namespace {

using searcher::FacetRequest;
using searcher::SearchRequest;
using searcher::SearchResult;
using searcher::SortOrder;
using testing::TcpServer;
using testing::TempDir;

struct Corpus {
  TempDir dir;
  std::unique_ptr<TcpServer> shard0, shard2;
};
Corpus* corpus = nullptr;

class ShardedSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    corpus = new Corpus;
    indexer::IndexOptions single;
    single.db_path = corpus->dir / "single";
    testing::build_index(single);
    indexer::IndexOptions sharded;
    sharded.db_path = corpus->dir / "sharded";
    sharded.shards = 3;
    testing::build_index(sharded);
    // The same shards, two of them remote: a second stub naming them.
    corpus->shard0 =
        std::make_unique<TcpServer>(corpus->dir / "sharded/shard-0", testing::free_port());
    corpus->shard2 =
        std::make_unique<TcpServer>(corpus->dir / "sharded/shard-2", testing::free_port());
    testing::write_stub(
        corpus->dir / "remote",
        {"auto " + (corpus->dir / "sharded/aux"), "remote " + corpus->shard0->address(),
         "auto ../sharded/shard-1", "remote " + corpus->shard2->address()});
  }
  static void TearDownTestSuite() {
    delete corpus;  // stops the servers
    corpus = nullptr;
  }
};

SearchRequest request(std::string query) {
  SearchRequest r;
  r.query = std::move(query);
  return r;
}

// Every article of the corpus, uncollapsed, without snippets.
SearchRequest every_article() {
  SearchRequest all;
  all.collapse = false;
  all.limit = 1000;
  all.snippet_bytes = 0;
  return all;
}

std::vector<FacetRequest> every_facet() {
  std::vector<FacetRequest> facets;
  for (const char* spec :
       {"source", "topic", "place", "lang", "date:year", "date:month", "date:day"}) {
    facets.push_back(FacetRequest::parse(spec, 0));
  }
  return facets;
}

// The query set: terms, phrases, boolean operators, filters, dates, every
// sort, facets, paging, synonyms, misspellings, with and without collapsing.
std::vector<std::pair<std::string, SearchRequest>> query_set() {
  std::vector<std::pair<std::string, SearchRequest>> set;
  const auto add = [&](std::string name, SearchRequest r) {
    set.emplace_back(std::move(name), std::move(r));
  };
  for (const char* q : {"stocks", "chip export", "oil prices", "central bank rates", "storm",
                        "vaccine", "election"}) {
    add(std::string("terms: ") + q, request(q));
  }
  add("phrase", request("\"interest rates\""));
  add("phrase and word", request("\"export controls\" china"));
  add("or", request("storm OR flood OR hurricane"));
  add("not", request("bank -england"));
  add("field", request("title:market"));
  add("wildcard", request("semicond*"));
  add("synonym", request("AI chips"));
  add("misspelt", request("elecshun resluts"));
  add("misspelt 2", request("vacine rollot"));
  SearchRequest filtered = request("market");
  filtered.filters.push_back({"lang", "en"});
  add("filter lang", filtered);
  SearchRequest topic = request("");
  topic.filters.push_back({"topic", "markets"});
  add("filter topic, no words", topic);
  SearchRequest dates = request("government");
  dates.since = "2024-01-01";
  dates.until = "2024-12-31";
  add("dates", dates);
  for (SortOrder sort : {SortOrder::kRelevance, SortOrder::kNewest, SortOrder::kOldest}) {
    // "lighthouse": two of its three articles are undated.
    for (const char* q : {"", "bank", "trade", "lighthouse"}) {
      SearchRequest sorted = request(q);
      sorted.sort = sort;
      sorted.facets = every_facet();
      add("sort " + std::to_string(static_cast<int>(sort)) + " facets: " + q, sorted);
      sorted.offset = 10;
      add("sort " + std::to_string(static_cast<int>(sort)) + " page 2: " + q, sorted);
      sorted.collapse = false;
      sorted.offset = 0;
      add("sort " + std::to_string(static_cast<int>(sort)) + " no collapse: " + q, sorted);
    }
  }
  SearchRequest any = request("oil prices opec output");
  any.default_operator = searcher::DefaultOperator::kOr;  // expanded by default
  add("any words, expanded", any);
  SearchRequest fresh = request("stocks");
  fresh.freshness = searcher::Freshness{30, "2024-12-01"};
  add("fresh", fresh);
  SearchRequest paged = request("the");
  paged.offset = 10;
  paged.limit = 10;
  paged.collapse = false;
  add("stopword page 2", paged);
  return set;
}

// Hits tied on every sort key (score and date) may come in either order:
// Xapian breaks such ties by document number, which differs between one
// database and interleaved shards. Within a run of tied hits the same
// articles (collapsed: the same stories, by cluster key) must appear;
// anywhere else, the same article, or with collapsing a copy of the same
// story tied with it. A run cut by the page's edges (more hits tied with
// its first one before the page, or with its last one after it) may hold
// different members of the tie: only their scores and dates must agree.
// `offset`: the request's.
void expect_same_hits(const SearchResult& expected, const SearchResult& actual, bool collapsed,
                      std::uint32_t offset) {
  ASSERT_EQ(expected.hits.size(), actual.hits.size());
  const auto& a = expected.hits;
  const auto& b = actual.hits;
  std::size_t start = 0;
  while (start < a.size()) {
    std::size_t end = start + 1;
    while (end < a.size() && std::fabs(a[end].score - a[start].score) < 1e-9 &&
           a[end].published == a[start].published) {
      ++end;
    }
    for (std::size_t i = start; i < end; ++i) {
      EXPECT_NEAR(a[i].score, b[i].score, 1e-9) << "rank " << i + 1;
      EXPECT_EQ(a[i].published, b[i].published) << "rank " << i + 1;
      EXPECT_EQ(a[i].rank, b[i].rank);
    }
    const bool cut_before = start == 0 && offset > 0;
    const bool cut_after = end == a.size() && offset + a.size() < expected.total_upper_bound;
    if (cut_before || cut_after) {
      // Which of the tied hits fall on this page depends on document
      // numbers (a parallel build's depend on its threads' timing).
    } else if (end - start == 1 && a[start].id == b[start].id) {
      // One database's count of folded copies is a lower bound (its matcher
      // may stop before meeting them all); a sharded index counts them all.
      EXPECT_GE(b[start].duplicates, a[start].duplicates) << a[start].id;
      EXPECT_EQ(a[start].title.text, b[start].title.text);
      EXPECT_EQ(a[start].snippet.text, b[start].snippet.text);
    } else {
      // Collapsing keeps one copy of tied copies (same score and date):
      // which one depends on document numbers too.
      std::vector<std::string> x, y;
      for (std::size_t i = start; i < end; ++i) {
        x.push_back(collapsed && !a[i].cluster.empty() ? a[i].cluster : a[i].id);
        y.push_back(collapsed && !b[i].cluster.empty() ? b[i].cluster : b[i].id);
      }
      std::sort(x.begin(), x.end());
      std::sort(y.begin(), y.end());
      EXPECT_EQ(x, y) << "hits at ranks " << start + 1 << "-" << end;
    }
    start = end;
  }
}

void expect_same_result(const SearchResult& expected, const SearchResult& actual, bool collapsed,
                        std::uint32_t offset = 0) {
  EXPECT_EQ(expected.total_estimate, actual.total_estimate);
  EXPECT_EQ(expected.total_lower_bound, actual.total_lower_bound);
  EXPECT_EQ(expected.total_upper_bound, actual.total_upper_bound);
  EXPECT_EQ(expected.total_exact, actual.total_exact);
  EXPECT_EQ(expected.articles_estimate, actual.articles_estimate);
  EXPECT_EQ(expected.suggestion, actual.suggestion);
  EXPECT_EQ(expected.ranking, actual.ranking);
  EXPECT_FALSE(actual.partial);
  ASSERT_EQ(expected.facets.size(), actual.facets.size());
  for (std::size_t i = 0; i < expected.facets.size(); ++i) {
    const auto& f = expected.facets[i];
    const auto& g = actual.facets[i];
    EXPECT_EQ(f.name, g.name);
    EXPECT_EQ(f.exact, g.exact) << f.name;
    EXPECT_EQ(f.distinct_values, g.distinct_values) << f.name;
    ASSERT_EQ(f.values.size(), g.values.size()) << f.name;
    for (std::size_t v = 0; v < f.values.size(); ++v) {
      EXPECT_EQ(f.values[v].value, g.values[v].value) << f.name;
      EXPECT_EQ(f.values[v].count, g.values[v].count) << f.name << " " << f.values[v].value;
    }
  }
  expect_same_hits(expected, actual, collapsed, offset);
}

TEST_F(ShardedSearchTest, LocalAndRemoteShardsGiveTheSingleDatabasesResults) {
  searcher::Searcher single(corpus->dir / "single");
  searcher::Searcher local(corpus->dir / "sharded");
  searcher::Searcher remote(corpus->dir / "remote");
  EXPECT_EQ(single.document_count(), testing::sharding_corpus_articles());
  EXPECT_EQ(local.document_count(), testing::sharding_corpus_articles());
  EXPECT_EQ(remote.document_count(), testing::sharding_corpus_articles());
  std::size_t hits = 0, folded = 0, facet_values = 0, suggestions = 0;
  for (const auto& [name, query] : query_set()) {
    SCOPED_TRACE(name);
    const SearchResult expected = single.search(query);
    hits += expected.hits.size();
    for (const auto& hit : expected.hits) folded += hit.duplicates;
    for (const auto& facet : expected.facets) facet_values += facet.values.size();
    suggestions += expected.suggestion.empty() ? 0 : 1;
    {
      SCOPED_TRACE("local shards");
      expect_same_result(expected, local.search(query), query.collapse, query.offset);
    }
    const SearchResult from_local = local.search(query);
    const SearchResult from_remote = remote.search(query);
    {
      SCOPED_TRACE("remote shards");
      expect_same_result(expected, from_remote, query.collapse, query.offset);
    }
    // Local and remote shards count every folded copy alike.
    ASSERT_EQ(from_local.hits.size(), from_remote.hits.size());
    for (std::size_t i = 0; i < from_local.hits.size(); ++i) {
      if (from_local.hits[i].id == from_remote.hits[i].id) {
        EXPECT_EQ(from_local.hits[i].duplicates, from_remote.hits[i].duplicates);
      }
    }
  }
  // The set exercises what it claims to: hits, folded copies, facets and
  // suggestions all occur.
  EXPECT_GT(hits, 300u);
  EXPECT_GT(folded, 50u);
  EXPECT_GT(facet_values, 500u);
  EXPECT_GE(suggestions, 2u);
}

// Every query counted by a pass of its own, on every shard at once
// (searcher/src/shard_counting.h), with the facets read from ordinals each
// local shard builds for itself (preloaded), and some counts cut short by a
// low exact_facet_matches: the same totals, facets and hits as one database
// counted the same way.
TEST_F(ShardedSearchTest, ShardsCountedApartWithTheirOwnFacetCachesAgree) {
  searcher::SearcherOptions options;
  options.count_separately_above = 0;
  options.preload_facets = every_facet();
  searcher::Searcher single(corpus->dir / "single", options);
  searcher::Searcher local(corpus->dir / "sharded", options);
  searcher::Searcher remote(corpus->dir / "remote", options);
  options.exact_facet_matches = 5;
  searcher::Searcher single_cut(corpus->dir / "single", options);
  searcher::Searcher local_cut(corpus->dir / "sharded", options);
  std::size_t facet_values = 0;
  for (const auto& [name, query] : query_set()) {
    SCOPED_TRACE(name);
    const SearchResult expected = single.search(query);
    for (const auto& facet : expected.facets) facet_values += facet.values.size();
    {
      SCOPED_TRACE("local shards");
      expect_same_result(expected, local.search(query), query.collapse, query.offset);
    }
    {
      SCOPED_TRACE("remote shards");
      expect_same_result(expected, remote.search(query), query.collapse, query.offset);
    }
    // Cut short, each shard counts from its first matches: estimates,
    // but of values the query matches.
    const SearchResult cut = local_cut.search(query);
    const SearchResult single_cut_result = single_cut.search(query);
    EXPECT_EQ(cut.hits.size(), single_cut_result.hits.size());
    for (std::size_t i = 0; i < cut.facets.size(); ++i) {
      std::set<std::string> all_values;
      for (const auto& value : expected.facets[i].values) all_values.insert(value.value);
      for (const auto& value : cut.facets[i].values) {
        EXPECT_EQ(all_values.count(value.value), 1u) << cut.facets[i].name << " " << value.value;
      }
    }
  }
  EXPECT_GT(facet_values, 500u);
}

TEST_F(ShardedSearchTest, CopiesOfAStoryInDifferentShardsAreOneCluster) {
  // Every cluster of the single database is one cluster of the sharded
  // index, though its articles are spread over the shards by id.
  searcher::Searcher single(corpus->dir / "single");
  searcher::Searcher remote(corpus->dir / "remote");
  const SearchRequest all = every_article();
  std::map<std::string, std::string> single_cluster, remote_cluster;
  for (const auto& hit : single.search(all).hits) single_cluster[hit.id] = hit.cluster;
  for (const auto& hit : remote.search(all).hits) remote_cluster[hit.id] = hit.cluster;
  ASSERT_EQ(single_cluster.size(), testing::sharding_corpus_articles());
  EXPECT_EQ(single_cluster, remote_cluster);
}

// Oldest first lists undated articles last, through remote shards too
// (which take no KeyMaker: the order is a value of its own).
TEST_F(ShardedSearchTest, OldestFirstListsUndatedArticlesLastEverywhere) {
  for (const char* db : {"single", "sharded", "remote"}) {
    SCOPED_TRACE(db);
    searcher::Searcher searcher(corpus->dir / db);
    SearchRequest oldest = request("lighthouse");
    oldest.sort = SortOrder::kOldest;
    const SearchResult result = searcher.search(oldest);
    ASSERT_EQ(result.hits.size(), 3u);
    EXPECT_EQ(result.hits[0].id, "ev-0009");
    EXPECT_TRUE(result.hits[0].published.has_value());
    EXPECT_FALSE(result.hits[1].published.has_value());
    EXPECT_FALSE(result.hits[2].published.has_value());
  }
}

TEST_F(ShardedSearchTest, DuplicatesOfListsCopiesFromEveryShard) {
  searcher::Searcher single(corpus->dir / "single");
  searcher::Searcher remote(corpus->dir / "remote");
  SearchRequest stories = request("");
  stories.limit = 100;
  std::vector<std::string> with_copies;
  for (const auto& hit : single.search(stories).hits) {
    if (hit.duplicates > 0) with_copies.push_back(hit.id);
  }
  ASSERT_GE(with_copies.size(), 10u);
  SearchRequest listing;
  listing.limit = 100;
  listing.facets = every_facet();
  for (const std::string& id : with_copies) {
    SCOPED_TRACE(id);
    const SearchResult expected = single.duplicates_of(id, listing);
    EXPECT_GT(expected.hits.size(), 0u);
    expect_same_result(expected, remote.duplicates_of(id, listing), false);
  }
  EXPECT_THROW(remote.duplicates_of("no-such-id"), NotFoundError);
}

// Related articles over local and remote shards: one database's list (the
// article's words are weighed by their frequency in the whole index, not
// estimated from its shard's), scores, totals and facets.
TEST_F(ShardedSearchTest, RelatedArticlesAreTheSameAsOneDatabases) {
  searcher::Searcher single(corpus->dir / "single");
  searcher::Searcher sharded(corpus->dir / "sharded");
  searcher::Searcher remote(corpus->dir / "remote");
  const SearchRequest all = every_article();
  SearchRequest listing;
  listing.limit = 20;
  listing.facets = every_facet();
  std::size_t compared = 0;
  for (const auto& article : single.search(all).hits) {
    SCOPED_TRACE("related " + article.id);
    const SearchResult expected = single.related(article.id, listing);
    for (const auto& hit : expected.hits) EXPECT_NE(hit.id, article.id);
    expect_same_result(expected, sharded.related(article.id, listing), true);
    expect_same_result(expected, remote.related(article.id, listing), true);
    compared += expected.hits.empty() ? 0 : 1;
  }
  EXPECT_GE(compared, 20u);
  EXPECT_THROW(remote.related("no-such-id", listing), NotFoundError);
}

}  // namespace
}  // namespace newsdex
