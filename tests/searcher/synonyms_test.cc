// Synonyms: stored by Indexer::set_synonyms, expanded by the query builder.
#include "newsdex/indexer/synonyms.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "newsdex/common/date.h"
#include "newsdex/common/error.h"
#include "newsdex/indexer/indexer.h"
#include "newsdex/searcher/searcher.h"
#include "temp_dir.h"

namespace newsdex::searcher {
namespace {

Article article(std::string id, std::string title, std::string body) {
  Article a;
  a.id = std::move(id);
  a.source = "Global Wire";
  a.title = std::move(title);
  a.body = std::move(body);
  a.published = parse_iso8601("2024-03-01");
  a.language = "en";
  return a;
}

std::vector<indexer::SynonymGroup> groups(const std::string& text) {
  std::istringstream in(text);
  return indexer::read_synonyms(in, "synonyms.txt");
}

class SynonymsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    indexer::Indexer index(options());
    for (int i = 0; i < 10; ++i) {
      index.add(
          article("filler-" + std::to_string(i), "Local weather", "Rain and sun over the hills."));
    }
    index.add(article("united-states", "Trade talks",
                      "The United States announced new tariffs on steel."));
    index.add(article("usa", "Trade talks", "The USA announced new tariffs on aluminium."));
    index.add(article("us", "Trade talks", "U.S. officials announced tariffs on copper."));
    index.add(
        article("apart", "Trade talks", "States in the north united against tariffs on timber."));
    index.add(article("car", "Motoring", "A new automobile plant opens."));
    index.add(article("boe", "Rates", "The Bank of England held rates."));
    index.set_synonyms(
        groups("US, USA, United States, U.S.\n"
               "car, automobile\n"
               "BoE, Bank of England\n"));
    index.commit();
  }

  indexer::IndexOptions options() const {
    indexer::IndexOptions options;
    options.db_path = db_path_;
    return options;
  }

  std::vector<std::string> ids(const std::string& query, bool synonyms = true) {
    Searcher searcher(db_path_);
    SearchRequest request;
    request.query = query;
    request.synonyms = synonyms;
    const SearchResult result = searcher.search(request);
    std::vector<std::string> out;
    for (const auto& hit : result.hits) out.push_back(hit.id);
    std::sort(out.begin(), out.end());
    return out;
  }

  testing::TempDir dir_;
  std::string db_path_ = (dir_ / "db");
};

using Ids = std::vector<std::string>;

TEST_F(SynonymsTest, AWordFindsEveryEntryOfItsGroup) {
  EXPECT_EQ(ids("USA tariffs"), (Ids{"united-states", "us", "usa"}));
  EXPECT_EQ(ids("US tariffs"), (Ids{"united-states", "us", "usa"}));
  EXPECT_EQ(ids("U.S. tariffs"), (Ids{"united-states", "us", "usa"}));
  EXPECT_EQ(ids("car"), (Ids{"car"}));
  // Another form of an entry finds its group through the stems; the
  // alternatives are stemmed as query words ("automobile" finds "automobiles").
  EXPECT_EQ(ids("cars"), (Ids{"car"}));
}

TEST_F(SynonymsTest, AMultiWordEntryMatchesAsAPhraseBothWays) {
  // "United States" in the query is the entry: any of the group, where the
  // two words stand together ("apart" has them the other way round).
  EXPECT_EQ(ids("united states tariffs"), (Ids{"united-states", "us", "usa"}));
  EXPECT_EQ(ids("Bank of England rates"), (Ids{"boe"}));
  EXPECT_EQ(ids("BoE"), (Ids{"boe"}));
}

TEST_F(SynonymsTest, NotAppliedInsideQuotedPhrases) {
  EXPECT_EQ(ids("\"USA announced\""), (Ids{"usa"}));
  EXPECT_EQ(ids("\"united states\""), (Ids{"united-states"}));
}

TEST_F(SynonymsTest, CanBeSwitchedOff) {
  EXPECT_EQ(ids("USA tariffs", false), (Ids{"usa"}));
  EXPECT_EQ(ids("car", false), Ids{});
}

TEST_F(SynonymsTest, ExcludedWordsExcludeTheirSynonyms) {
  EXPECT_EQ(ids("tariffs -USA"), (Ids{"apart"}));
}

TEST_F(SynonymsTest, MatchesThroughSynonymsAreHighlighted) {
  Searcher searcher(db_path_);
  SearchRequest request;
  request.query = "USA";
  request.filters.push_back({"id", "united-states"});
  const SearchResult result = searcher.search(request);
  ASSERT_EQ(result.hits.size(), 1u);
  const HighlightedText& snippet = result.hits[0].snippet;
  std::vector<std::string> marked;
  for (const Span& span : snippet.highlights) {
    marked.push_back(snippet.text.substr(span.start, span.end - span.start));
  }
  EXPECT_NE(std::find(marked.begin(), marked.end(), "United"), marked.end()) << snippet.text;
  EXPECT_NE(std::find(marked.begin(), marked.end(), "States"), marked.end()) << snippet.text;
}

TEST_F(SynonymsTest, AWordFoundThroughSynonymsIsNotCorrected) {
  // No article says "BoE": it is no misspelling of a word the index has.
  Searcher searcher(db_path_);
  SearchRequest request;
  request.query = "BoE";
  EXPECT_EQ(searcher.search(request).suggestion, "");
}

TEST_F(SynonymsTest, ARerunReplacesTheStoredGroups) {
  {
    indexer::Indexer index(options());
    index.set_synonyms(groups("auto, automobile\n"));
    index.commit();
  }
  EXPECT_EQ(ids("car"), Ids{});
  EXPECT_EQ(ids("auto"), (Ids{"car"}));
  EXPECT_EQ(ids("USA tariffs"), (Ids{"usa"}));
  {
    indexer::Indexer index(options());
    index.set_synonyms({});
    index.commit();
  }
  EXPECT_EQ(ids("auto"), Ids{});
}

TEST_F(SynonymsTest, StoredByAParallelBuildToo) {
  // A new index built on several threads replaces itself with the merged
  // segments at commit: the synonyms must land in the merged index.
  const std::string path = dir_ / "parallel";
  {
    indexer::IndexOptions options;
    options.db_path = path;
    options.threads = 2;
    indexer::Indexer index(options);
    index.add(article("car", "Motoring", "A new automobile plant opens."));
    index.set_synonyms(groups("car, automobile\n"));
    index.commit();
  }
  Searcher searcher(path);
  SearchRequest request;
  request.query = "car";
  EXPECT_EQ(searcher.search(request).hits.size(), 1u);
}

TEST_F(SynonymsTest, EntriesWithoutWordsAreErrorsNamingTheLine) {
  indexer::Indexer index(options());
  try {
    index.set_synonyms(groups("car, automobile\nUSA, &&\n"));
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 2u);
    EXPECT_NE(std::string(e.what()).find("synonyms.txt:2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(index.set_synonyms(groups("US, U.S.\n")), InputError);  // one key twice
}

}  // namespace
}  // namespace newsdex::searcher
