// The searcher on the project's sample archive (corpus/sample): facets and
// drill-down, dates, sorting, highlighting, repairs and suggestions. Expected
// values are computed from the JSON Lines file itself, not hard-coded.
#include <gtest/gtest.h>

#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "newsdex/common/date.h"
#include "newsdex/indexer/import.h"
#include "newsdex/searcher/searcher.h"
#include "spelling_suggester.h"
#include "temp_dir.h"

namespace newsdex::searcher {
namespace {

const std::string kCorpus = std::string(NEWSDEX_SOURCE_DIR) + "/corpus/sample";

class CorpusSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    indexer::IndexOptions options;
    options.db_path = *dir_ / "db";
    indexer::Indexer index(options);
    const auto report = indexer::import_inputs(index, {kCorpus});
    ASSERT_EQ(report.rejected, 0u);
    std::ifstream in(kCorpus + "/articles.jsonl");
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) articles_.push_back(nlohmann::json::parse(line));
    }
    ASSERT_EQ(report.added, articles_.size());
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
    articles_.clear();
  }

  SearchResult search(SearchRequest request) {
    Searcher searcher(*dir_ / "db");
    return searcher.search(request);
  }
  SearchResult search(const std::string& query, std::uint32_t limit = 100) {
    SearchRequest request;
    request.query = query;
    request.limit = limit;
    return search(request);
  }

  static testing::TempDir* dir_;
  static std::vector<nlohmann::json> articles_;
};

testing::TempDir* CorpusSearchTest::dir_ = nullptr;
std::vector<nlohmann::json> CorpusSearchTest::articles_;

std::string day_of(const Hit& hit) {
  return hit.published ? format_yyyymmdd(*hit.published) : std::string();
}

TEST_F(CorpusSearchTest, EmptyQueryFacetsCountTheWholeArchive) {
  std::map<std::string, std::uint64_t> sources, topics, years;
  for (const auto& article : articles_) {
    ++sources[article["source"].get<std::string>()];
    for (const auto& topic : article["topics"]) ++topics[topic.get<std::string>()];
    ++years[article["published"].get<std::string>().substr(0, 4)];
  }
  SearchRequest request;
  request.facets = {FacetRequest::parse("source", 0), FacetRequest::parse("topic", 0),
                    FacetRequest::parse("date:year", 0)};
  const auto result = search(request);
  EXPECT_EQ(result.total_estimate, articles_.size());
  const auto as_map = [](const Facet& facet) {
    std::map<std::string, std::uint64_t> counts;
    for (const auto& value : facet.values) counts[value.value] = value.count;
    return counts;
  };
  ASSERT_EQ(result.facets.size(), 3u);
  EXPECT_EQ(as_map(result.facets[0]), sources);
  EXPECT_EQ(as_map(result.facets[1]), topics);
  EXPECT_EQ(as_map(result.facets[2]), years);
  for (const auto& facet : result.facets) EXPECT_TRUE(facet.exact) << facet.name;
}

TEST_F(CorpusSearchTest, FacetCountsEqualDrillDownTotals) {
  for (const std::string query : {"", "chip export", "market OR markets", "election"}) {
    SearchRequest request;
    request.query = query;
    request.facets = {FacetRequest::parse("source", 0),    FacetRequest::parse("topic", 0),
                      FacetRequest::parse("place", 0),     FacetRequest::parse("lang", 0),
                      FacetRequest::parse("date:year", 0), FacetRequest::parse("date:month", 0)};
    const auto result = search(request);
    ASSERT_GT(result.total_estimate, 0u) << query;
    for (const auto& facet : result.facets) {
      for (const auto& value : facet.values) {
        SearchRequest drill;
        drill.query = query;
        if (facet.name == "source") {
          drill.query += " source:\"" + value.value + "\"";  // drill down in the query syntax
        } else if (facet.name == "date:year" || facet.name == "date:month") {
          drill.query += " date:" + value.value;
        } else {
          drill.filters.push_back({facet.name, value.value});  // and through the API
        }
        const auto narrowed = search(drill);
        EXPECT_EQ(narrowed.total_estimate, value.count)
            << "query '" << query << "' facet " << facet.name << "=" << value.value;
        EXPECT_TRUE(narrowed.total_exact);
      }
    }
  }
}

TEST_F(CorpusSearchTest, DrillDownNarrowsTheOtherFacets) {
  SearchRequest request;
  request.facets = {FacetRequest::parse("source", 0), FacetRequest::parse("topic", 0)};
  request.filters.push_back({"source", "Market Ledger"});
  const auto result = search(request);
  ASSERT_EQ(result.facets[0].values.size(), 1u);
  EXPECT_EQ(result.facets[0].values[0].value, "Market Ledger");
  std::map<std::string, std::uint64_t> topics;
  for (const auto& article : articles_) {
    if (article["source"] != "Market Ledger") continue;
    for (const auto& topic : article["topics"]) ++topics[topic.get<std::string>()];
  }
  std::map<std::string, std::uint64_t> counted;
  for (const auto& value : result.facets[1].values) counted[value.value] = value.count;
  EXPECT_EQ(counted, topics);
}

TEST_F(CorpusSearchTest, EveryHitOfADateRangeLiesInTheRange) {
  struct Case {
    std::string query, since, until, low, high;
  };
  const Case cases[] = {
      {"date:2023-10-01..2023-12-31", "", "", "20231001", "20231231"},
      {"date:2023-10", "", "", "20231001", "20231031"},
      {"date:2022", "", "", "20220101", "20221231"},
      {"date:..2021-12-31", "", "", "00000000", "20211231"},
      {"date:2024..", "", "", "20240101", "99999999"},
      {"date:2021-06..2022-02", "", "", "20210601", "20220228"},
      {"", "2023-10", "2023-10", "20231001", "20231031"},
      {"markets", "2022", "", "20220101", "99999999"},
      {"", "", "2021-12", "00000000", "20211231"},
  };
  for (const auto& c : cases) {
    SearchRequest request;
    request.query = c.query;
    request.since = c.since;
    request.until = c.until;
    request.limit = 100;
    const auto result = search(request);
    std::size_t expected = 0;
    for (const auto& article : articles_) {
      const auto when = parse_iso8601(article["published"].get<std::string>());
      const std::string day = format_yyyymmdd(*when);
      if (day >= c.low && day <= c.high) ++expected;
    }
    if (c.query == "markets") expected = result.hits.size();  // words narrow further
    EXPECT_GT(result.hits.size(), 0u) << c.query << c.since << c.until;
    EXPECT_EQ(result.hits.size(), expected) << c.query << c.since << c.until;
    for (const Hit& hit : result.hits) {
      EXPECT_GE(day_of(hit), c.low) << c.query << " " << hit.id;
      EXPECT_LE(day_of(hit), c.high) << c.query << " " << hit.id;
    }
    EXPECT_TRUE(result.warnings.empty()) << c.query << ": " << result.warnings.front().message;
  }
}

TEST_F(CorpusSearchTest, NewestAndOldestAreSorted) {
  for (const std::string query : {"", "chip", "market OR election"}) {
    for (const SortOrder order : {SortOrder::kNewest, SortOrder::kOldest}) {
      SearchRequest request;
      request.query = query;
      request.sort = order;
      request.limit = 100;
      const auto result = search(request);
      ASSERT_GT(result.hits.size(), 1u);
      for (std::size_t i = 1; i < result.hits.size(); ++i) {
        const auto previous = result.hits[i - 1].published->unix_seconds;
        const auto current = result.hits[i].published->unix_seconds;
        if (order == SortOrder::kNewest) {
          EXPECT_GE(previous, current) << query;
        } else {
          EXPECT_LE(previous, current) << query;
        }
      }
    }
  }
}

TEST_F(CorpusSearchTest, RelevanceTiesAreBrokenByRecency) {
  const auto result = search("topic:trade");  // a filter alone: every score is equal
  ASSERT_GT(result.hits.size(), 1u);
  for (std::size_t i = 1; i < result.hits.size(); ++i) {
    EXPECT_GE(result.hits[i - 1].published->unix_seconds, result.hits[i].published->unix_seconds);
  }
}

TEST_F(CorpusSearchTest, StemmedVariantsAreHighlighted) {
  const auto result = search("export");
  std::set<std::string> highlighted;
  for (const Hit& hit : result.hits) {
    for (const Span& span : hit.snippet.highlights) {
      highlighted.insert(hit.snippet.text.substr(span.start, span.end - span.start));
    }
  }
  EXPECT_TRUE(highlighted.count("exports") || highlighted.count("exported") ||
              highlighted.count("exporting"))
      << "highlighted only the query's own form";
}

TEST_F(CorpusSearchTest, PhraseWordsAreHighlighted) {
  const auto result = search("\"export controls\"");
  ASSERT_FALSE(result.hits.empty());
  for (const Hit& hit : result.hits) {
    bool found = false;
    for (const Span& span : hit.snippet.highlights) {
      std::string word = hit.snippet.text.substr(span.start, span.end - span.start);
      found = found || word.find("export") != std::string::npos ||
              word.find("controls") != std::string::npos;
    }
    if (!hit.snippet.highlights.empty()) {
      EXPECT_TRUE(found) << hit.id;
    }
  }
}

TEST_F(CorpusSearchTest, EachMalformedQueryClassGivesResultsAndAWarning) {
  const char* queries[] = {
      "\"chip export",         // unbalanced quote
      "(chip export",          // unclosed bracket
      "chip export)",          // unmatched bracket
      "chip export OR",        // dangling operator
      "AND chip export",       // operator without a left side
      "chip NOT",              // NOT without a term
      "chip unknown:export",   // unknown field
      "chip date:2023-13",     // bad date
      "chip date:2024..2021",  // range ending before it starts
      "chip title:",           // field without a value
      "chip source:",          // filter without a value
  };
  for (const char* query : queries) {
    SearchResult result;
    ASSERT_NO_THROW(result = search(query)) << query;
    EXPECT_FALSE(result.hits.empty()) << query;
    EXPECT_FALSE(result.warnings.empty()) << query;
  }
}

TEST_F(CorpusSearchTest, MisspeltWordsGetASuggestion) {
  struct Case {
    const char* query;
    const char* suggestion;
  };
  const Case cases[] = {
      {"electoin", "election"},
      {"chip exprts", "chip exports"},
      {"semicondutcor", "semiconductor"},
      {"chip export", ""},
      {"exports", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(search(c.query).suggestion, c.suggestion) << c.query;
}

TEST_F(CorpusSearchTest, TheCorrectorIsAskedOnlyAboutWordsTheIndexLacks) {
  const Xapian::Database db(*dir_ / "db");
  Analyzer analyzer;
  SpellingSuggester suggester(db, analyzer, "en");
  const std::string query = "Chip exports electoin markets";
  for (const Token& word : analyzer.tokenize(query)) suggester.check(word, word.start, word.end);
  EXPECT_EQ(suggester.corrector_calls(), 1u);  // electoin only
  EXPECT_EQ(suggester.suggestion(query), "Chip exports election markets");
  // The suggestion keeps the query's syntax: only the misspelt word changes.
  EXPECT_EQ(search("title:chip \"export controls\" electoin source:\"Global Wire\"").suggestion,
            "title:chip \"export controls\" election source:\"Global Wire\"");
  EXPECT_EQ(search("\"chip exprts\"").suggestion, "\"chip exports\"");
}

TEST_F(CorpusSearchTest, WildcardNearAndFieldScopes) {
  const auto wildcard = search("semicond*");
  EXPECT_GT(wildcard.hits.size(), 5u);
  for (const Hit& hit : wildcard.hits) EXPECT_FALSE(hit.id.empty());
  EXPECT_FALSE(search("chip NEAR export").hits.empty());
  EXPECT_LE(search("chip NEAR/2 export").hits.size(), search("chip export").hits.size());
  for (const Hit& hit : search("title:chip").hits) {
    std::string title = hit.title.text;
    for (char& c : title) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_NE(title.find("chip"), std::string::npos) << hit.id;
  }
  for (const Hit& hit : search("lang:de").hits) EXPECT_EQ(hit.language, "de");
  for (const Hit& hit : search("place:china topic:trade").hits) {
    EXPECT_NE(std::find(hit.places.begin(), hit.places.end(), "china"), hit.places.end());
    EXPECT_NE(std::find(hit.topics.begin(), hit.topics.end(), "trade"), hit.topics.end());
  }
}

TEST_F(CorpusSearchTest, AuthorFilterMatchesTheByline) {
  std::map<std::string, std::size_t> by_author;
  for (const auto& article : articles_) {
    for (const auto& author : article["authors"]) ++by_author[author.get<std::string>()];
  }
  ASSERT_FALSE(by_author.empty());
  for (const auto& [author, count] : by_author) {
    EXPECT_EQ(search("author:\"" + author + "\"").total_estimate, count) << author;
  }
}

TEST_F(CorpusSearchTest, FindsChineseAndGermanWords) {
  for (const std::string word : {"芯片", "出口"}) {
    const auto chinese = search(word);
    ASSERT_FALSE(chinese.hits.empty()) << word;
    EXPECT_EQ(chinese.hits[0].language, "zh");
    bool found = false;
    for (const Hit& hit : chinese.hits) {
      for (const Span& span : hit.snippet.highlights) {
        found = found || hit.snippet.text.substr(span.start, span.end - span.start) == word;
      }
    }
    EXPECT_TRUE(found) << word << " not highlighted in any snippet";
  }
  // The article with 芯片出口管制 is found by each word.
  const auto control = search("芯片出口管制");
  ASSERT_FALSE(control.hits.empty());
  for (const std::string word : {"芯片", "出口", "管制"}) {
    const auto found = search(word);
    EXPECT_NE(std::find_if(found.hits.begin(), found.hits.end(),
                           [&](const Hit& h) { return h.id == control.hits[0].id; }),
              found.hits.end())
        << word;
  }
  SearchRequest german;
  german.query = "Exporte";
  german.language = "de";
  german.filters.push_back({"lang", "de"});
  EXPECT_FALSE(search(german).hits.empty());
}

TEST_F(CorpusSearchTest, AccentsAreOptionalInQueries) {
  const auto unaccented = search("Muller");
  const auto accented = search("Müller");
  ASSERT_FALSE(unaccented.hits.empty());
  EXPECT_EQ(unaccented.total_estimate, accented.total_estimate);
  EXPECT_FALSE(search("cafe").hits.empty());
  EXPECT_EQ(search("cafe").total_estimate, search("café").total_estimate);
  EXPECT_FALSE(search("naive").hits.empty());
}

TEST_F(CorpusSearchTest, ExactAccentsRankAtLeastAsHighAsFolded) {
  testing::TempDir dir;
  {
    indexer::IndexOptions options;
    options.db_path = dir / "db";
    indexer::Indexer index(options);
    Article plain, accented;
    plain.id = "plain";
    plain.body = "Interview with Muller about the markets.";
    accented.id = "accented";
    accented.body = "Interview with Müller about the markets.";
    index.add(plain);
    index.add(accented);
    index.commit();
  }
  Searcher searcher(dir / "db");
  SearchRequest request;
  request.query = "Müller";
  const auto with_accent = searcher.search(request);
  ASSERT_EQ(with_accent.hits.size(), 2u);
  EXPECT_EQ(with_accent.hits[0].id, "accented");
  EXPECT_GT(with_accent.hits[0].score, with_accent.hits[1].score);
  request.query = "Muller";
  const auto without = searcher.search(request);
  ASSERT_EQ(without.hits.size(), 2u);
  EXPECT_NEAR(without.hits[0].score, without.hits[1].score, 0.2 * without.hits[0].score);
}

TEST_F(CorpusSearchTest, NewsTokensAreFindable) {
  for (const char* query : {"U.S.", "H200", "A320", "5G", "COVID-19", "covid", "S&P 500", "$1.5bn",
                            "e-mail", "email", "mail"}) {
    EXPECT_FALSE(search(query).hits.empty()) << query;
  }
  EXPECT_EQ(search("e-mail").total_estimate, search("email").total_estimate);
}

TEST_F(CorpusSearchTest, StopwordsAreIgnoredOutsidePhrasesOnly) {
  EXPECT_EQ(search("the chip export").total_estimate, search("chip export").total_estimate);
  EXPECT_LE(search("\"chip export controls\"").total_estimate,
            search("chip export controls").total_estimate);
}

TEST_F(CorpusSearchTest, PagesJoinUpToTheFullList) {
  const auto all = search("market OR markets OR trade", 20);
  std::vector<std::string> paged;
  for (std::uint32_t offset = 0; offset < 20; offset += 5) {
    SearchRequest request;
    request.query = "market OR markets OR trade";
    request.offset = offset;
    request.limit = 5;
    for (const Hit& hit : search(request).hits) paged.push_back(hit.id);
  }
  std::vector<std::string> expected;
  for (const Hit& hit : all.hits) expected.push_back(hit.id);
  EXPECT_EQ(paged, expected);
}

TEST_F(CorpusSearchTest, FacetsPastTheExactLimitAreMarkedEstimated) {
  SearcherOptions options;
  options.exact_facet_matches = 10;  // the archive has more articles than this
  Searcher searcher(*dir_ / "db", options);
  SearchRequest request;
  // Ranked, so the match may stop early once the top hit is certain.
  request.query = "said OR the OR chip OR nvidia";
  request.limit = 1;
  request.facets = {FacetRequest::parse("source", 0)};
  const auto result = searcher.search(request);
  ASSERT_EQ(result.facets.size(), 1u);
  ASSERT_FALSE(result.total_exact);
  EXPECT_FALSE(result.facets[0].exact);
  std::uint64_t sum = 0;
  for (const auto& value : result.facets[0].values) sum += value.count;
  // Scaled from the sample to the estimated total, give or take rounding.
  EXPECT_NEAR(static_cast<double>(sum), static_cast<double>(result.total_estimate),
              static_cast<double>(result.facets[0].values.size()));
}

TEST_F(CorpusSearchTest, DateFacetBucketsAreInDateOrderAndLimitKeepsTheLatest) {
  SearchRequest request;
  request.facets = {FacetRequest::parse("date:month", 3)};
  const auto result = search(request);
  const auto& values = result.facets.at(0).values;
  ASSERT_EQ(values.size(), 3u);
  EXPECT_LT(values[0].value, values[1].value);
  EXPECT_LT(values[1].value, values[2].value);
  std::string latest;
  for (const auto& article : articles_) {
    latest = std::max(latest, article["published"].get<std::string>().substr(0, 7));
  }
  EXPECT_EQ(values[2].value, latest);
  EXPECT_GT(result.facets[0].distinct_values, 3u);
}

TEST_F(CorpusSearchTest, CountingMatchesSeparatelyChangesNothing) {
  // Broad searches with facets count matches in an unranked pass and rank
  // only the page; on this small archive no search is broad enough, so the
  // threshold forces each way.
  SearcherOptions separately;
  separately.count_separately_above = 0;
  SearcherOptions together;
  together.count_separately_above = std::numeric_limits<std::uint32_t>::max();
  Searcher separate(*dir_ / "db", separately);
  Searcher single(*dir_ / "db", together);
  std::size_t compared_hits = 0;
  for (const std::string query : {"market", "chip export", "election OR oil OR bank", "market -oil",
                                  "title:bank OR chip", "said"}) {
    for (const SortOrder sort : {SortOrder::kRelevance, SortOrder::kNewest, SortOrder::kOldest}) {
      for (const std::uint32_t offset : {0u, 3u}) {
        SearchRequest request;
        request.query = query;
        request.sort = sort;
        request.offset = offset;
        request.limit = 4;
        request.facets = {FacetRequest::parse("source", 0), FacetRequest::parse("topic", 0),
                          FacetRequest::parse("date:month", 0)};
        const auto expected = single.search(request);
        const auto got = separate.search(request);
        const std::string context = "query '" + query + "' offset " + std::to_string(offset);
        EXPECT_EQ(got.total_estimate, expected.total_estimate) << context;
        EXPECT_EQ(got.total_exact, expected.total_exact) << context;
        ASSERT_EQ(got.hits.size(), expected.hits.size()) << context;
        for (std::size_t i = 0; i < got.hits.size(); ++i) {
          EXPECT_EQ(got.hits[i].id, expected.hits[i].id) << context << " hit " << i;
          EXPECT_DOUBLE_EQ(got.hits[i].score, expected.hits[i].score) << context;
          ++compared_hits;
        }
        ASSERT_EQ(got.facets.size(), expected.facets.size());
        for (std::size_t f = 0; f < got.facets.size(); ++f) {
          EXPECT_EQ(got.facets[f].exact, expected.facets[f].exact) << context;
          ASSERT_EQ(got.facets[f].values.size(), expected.facets[f].values.size()) << context;
          for (std::size_t v = 0; v < got.facets[f].values.size(); ++v) {
            EXPECT_EQ(got.facets[f].values[v].value, expected.facets[f].values[v].value);
            EXPECT_EQ(got.facets[f].values[v].count, expected.facets[f].values[v].count);
          }
        }
      }
    }
  }
  EXPECT_GT(compared_hits, 50u);
}

}  // namespace
}  // namespace newsdex::searcher
