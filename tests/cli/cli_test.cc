// Runs newsdex-index and newsdex-search as a user would and checks output and
// exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "temp_dir.h"
#include "tool_run.h"

namespace {

using newsdex::testing::quoted;
using newsdex::testing::ToolRun;

ToolRun run(const std::string& command) { return newsdex::testing::run_tool(command); }

const std::string kIndex = NEWSDEX_INDEX_BIN;
const std::string kSearch = NEWSDEX_SEARCH_BIN;
const std::string kCorpus = std::string(NEWSDEX_SOURCE_DIR) + "/corpus/sample";

class CliTest : public ::testing::Test {
 protected:
  std::string db() const { return quoted(dir_ / "db"); }
  newsdex::testing::TempDir dir_;
};

TEST_F(CliTest, IndexesTheSampleCorpusAndSearchesIt) {
  const ToolRun index = run(kIndex + " --db " + db() + " " + quoted(kCorpus));
  ASSERT_EQ(index.exit_code, 0) << index.out;
  EXPECT_NE(index.out.find("indexed "), std::string::npos) << index.out;
  EXPECT_NE(index.out.find(" 0 rejected"), std::string::npos) << index.out;

  const ToolRun search = run(kSearch + " --db " + db() + " chip export");
  ASSERT_EQ(search.exit_code, 0) << search.out;
  EXPECT_NE(search.out.find("results for \"chip export\""), std::string::npos) << search.out;
  EXPECT_NE(search.out.find("1. "), std::string::npos) << search.out;
  EXPECT_NE(search.out.find("**"), std::string::npos) << "no highlight:\n" << search.out;
  EXPECT_EQ(search.out.find("\x1b["), std::string::npos) << "colour on a pipe";
}

TEST_F(CliTest, JsonOutputParsesAndHasRankedHits) {
  ASSERT_EQ(run(kIndex + " --quiet --db " + db() + " " + quoted(kCorpus)).exit_code, 0);
  const ToolRun search = run(kSearch + " --json --limit 3 --db " + db() + " chip export");
  ASSERT_EQ(search.exit_code, 0) << search.out;
  const auto json = nlohmann::json::parse(search.out);
  ASSERT_GE(json["hits"].size(), 1u);
  EXPECT_LE(json["hits"].size(), 3u);
  double previous = 1e300;
  for (const auto& hit : json["hits"]) {
    EXPECT_TRUE(hit["id"].is_string());
    EXPECT_LE(hit["score"].get<double>(), previous);
    previous = hit["score"].get<double>();
  }
  EXPECT_GE(json["total"]["estimate"].get<int>(), 2);
}

TEST_F(CliTest, DatabaseFromEnvironment) {
  ASSERT_EQ(run(kIndex + " --quiet --db " + db() + " " + quoted(kCorpus)).exit_code, 0);
  const ToolRun search = run("NEWSDEX_DB=" + db() + " " + kSearch + " --json election");
  EXPECT_EQ(search.exit_code, 0) << search.out;
}

TEST_F(CliTest, RejectedLinesAreReportedAndExitCodeIsThree) {
  const std::string input = dir_ / "bad.jsonl";
  std::ofstream(input) << "{\"id\": \"ok-1\", \"title\": \"fine\"}\n"
                       << "{\"id\": \"bad\", \"published\": \"someday\"}\n"
                       << "{oops\n"
                       << "{\"id\": \"ok-2\", \"title\": \"fine too\"}\n";
  const ToolRun index = run(kIndex + " --json --db " + db() + " " + quoted(input));
  EXPECT_EQ(index.exit_code, 3) << index.out;
  EXPECT_NE(index.out.find("warning: " + input + ":2: published: not a date"), std::string::npos)
      << index.out;
  EXPECT_NE(index.out.find("rejected: " + input + ":3: invalid JSON"), std::string::npos)
      << index.out;
  const auto summary = nlohmann::json::parse(index.out.substr(index.out.find("{\"files\"")));
  EXPECT_EQ(summary["indexed"], 2);  // "bad" has no title or body: rejected too
  EXPECT_EQ(summary["rejected"], 2);
  EXPECT_EQ(summary["warnings"], 1);
  EXPECT_EQ(summary["rejected_by_reason"]["invalid JSON"], 1);
  EXPECT_EQ(summary["rejected_by_reason"]["title: the article has neither a title nor a body"], 1);
}

// A JSON number as the date is Unix seconds or milliseconds; a date that is
// none costs the article its date, not its place in the index (once
// "expected a string, got a number" rejected it).
TEST_F(CliTest, NumericDatesAreReadAndUnreadableOnesOnlyWarn) {
  const std::string input = dir_ / "numeric.jsonl";
  std::ofstream(input) << R"({"id": "s", "title": "zebra seconds", "published": 1700000000})"
                       << "\n"
                       << R"({"id": "ms", "title": "zebra millis", "published": 1700000000000})"
                       << "\n"
                       << R"({"id": "far", "title": "zebra far", "published": 1e400})"
                       << "\n"
                       << R"({"id": "yes", "title": "zebra bool", "published": true})"
                       << "\n";
  const ToolRun index = run(kIndex + " --json --db " + db() + " " + quoted(input));
  EXPECT_EQ(index.exit_code, 0) << index.out;
  EXPECT_NE(index.out.find("warning: " + input + ":3: published: not a date: 1e400"),
            std::string::npos)
      << index.out;
  EXPECT_NE(index.out.find("warning: " + input + ":4: published: not a date: a boolean"),
            std::string::npos)
      << index.out;
  const auto summary = nlohmann::json::parse(index.out.substr(index.out.find("{\"files\"")));
  EXPECT_EQ(summary["indexed"], 4);
  EXPECT_EQ(summary["rejected"], 0);
  EXPECT_EQ(summary["warnings"], 2);

  const ToolRun search = run(kSearch + " --json --limit 10 --db " + db() + " zebra");
  ASSERT_EQ(search.exit_code, 0) << search.out;
  std::map<std::string, nlohmann::json> published;
  const auto json = nlohmann::json::parse(search.out);
  for (const auto& hit : json["hits"]) published[hit["id"].get<std::string>()] = hit["published"];
  ASSERT_EQ(published.size(), 4u) << search.out;
  EXPECT_EQ(published["s"], "2023-11-14T22:13:20Z");
  EXPECT_EQ(published["ms"], "2023-11-14T22:13:20Z");
  EXPECT_TRUE(published["far"].is_null());
  EXPECT_TRUE(published["yes"].is_null());
}

// Every format newsdex reads, from a directory and a compressed file, into one
// index that finds an article of each.
TEST_F(CliTest, IndexesEveryFormatFromADirectoryAndACompressedFile) {
  const std::string fixtures = std::string(NEWSDEX_SOURCE_DIR) + "/corpus/fixtures";
  const std::string compressed = dir_ / "wire.csv.gz";
  std::ofstream(dir_ / "wire.csv") << "id,headline,text,date\n"
                                   << "gz-1,Lighthouse keeper retires,After forty years.,"
                                   << "\"Fri, 01 Mar 2024 09:30:00 +0100\"\n";
  ASSERT_EQ(run("gzip -c " + quoted(dir_ / "wire.csv") + " > " + quoted(compressed)).exit_code, 0);
  const ToolRun index =
      run(kIndex + " --json --db " + db() + " " + quoted(fixtures) + " " + quoted(compressed));
  EXPECT_EQ(index.exit_code, 3) << index.out;  // the malformed feed fixture
  EXPECT_NE(index.out.find("rejected: " + fixtures + "/rss/malformed.xml:7: not well-formed XML"),
            std::string::npos)
      << index.out;
  const auto summary = nlohmann::json::parse(index.out.substr(index.out.find("{\"files\"")));
  EXPECT_EQ(summary["rejected"], 1);
  EXPECT_GE(summary["indexed"].get<int>(), 25);
  const std::pair<const char*, const char*> expected[] = {
      {"title:\"port strike\"", "ja-1"},           // JSON array (and CSV: c-1)
      {"title:\"wind farm approved\"", ""},        // TSV
      {"title:\"central bank holds rates\"", ""},  // NewsML-G2
      {"title:\"harbour reopens\"", ""},           // NITF, RSS, Atom
      {"title:\"lighthouse keeper\"", "gz-1"},     // gzip-compressed CSV
  };
  for (const auto& [query, id] : expected) {
    const ToolRun search = run(kSearch + " --json --db " + db() + " " + quoted(query));
    ASSERT_EQ(search.exit_code, 0) << query << search.out;
    const auto json = nlohmann::json::parse(search.out);
    ASSERT_FALSE(json["hits"].empty()) << query;
    if (*id != '\0') {
      bool found = false;
      for (const auto& hit : json["hits"]) found = found || hit["id"] == id;
      EXPECT_TRUE(found) << query << " did not find " << id;
    }
  }
}

TEST_F(CliTest, RerunningTheSameInputChangesNothing) {
  ASSERT_EQ(run(kIndex + " --quiet --db " + db() + " " + quoted(kCorpus)).exit_code, 0);
  const ToolRun again = run(kIndex + " --json --db " + db() + " " + quoted(kCorpus));
  ASSERT_EQ(again.exit_code, 0) << again.out;
  const auto summary = nlohmann::json::parse(again.out);
  EXPECT_EQ(summary["added"], 0);
  EXPECT_EQ(summary["updated"], 0);
  EXPECT_GT(summary["unchanged"].get<int>(), 60);
  EXPECT_EQ(summary["documents_in_index"], summary["unchanged"]);
}

TEST_F(CliTest, DeleteRemovesArticlesById) {
  ASSERT_EQ(run(kIndex + " --quiet --db " + db() + " " + quoted(kCorpus)).exit_code, 0);
  const ToolRun deleted = run(kIndex + " --json --db " + db() + " delete nd-0045 no-such-id");
  ASSERT_EQ(deleted.exit_code, 0) << deleted.out;
  EXPECT_NE(deleted.out.find("no article with id no-such-id"), std::string::npos) << deleted.out;
  const auto summary = nlohmann::json::parse(deleted.out.substr(deleted.out.find('{')));
  EXPECT_EQ(summary["deleted"], 1);
  const ToolRun search = run(kSearch + " --json --db " + db() + " id:nd-0045");
  EXPECT_EQ(nlohmann::json::parse(search.out)["total"]["estimate"], 0);
}

TEST_F(CliTest, StrictStopsAtTheFirstBadRecordAndCommitsNothingOfItsBatch) {
  const std::string input = dir_ / "bad.jsonl";
  std::ofstream(input) << "{\"id\": \"ok-1\", \"title\": \"fine\"}\n"
                       << "{oops\n"
                       << "{\"id\": \"ok-2\", \"title\": \"never read\"}\n";
  const ToolRun index = run(kIndex + " --strict --db " + db() + " " + quoted(input));
  EXPECT_EQ(index.exit_code, 1) << index.out;
  EXPECT_NE(index.out.find("stopped after 1 rejected"), std::string::npos) << index.out;
  const ToolRun search = run(kSearch + " --json --db " + db());
  EXPECT_EQ(nlohmann::json::parse(search.out)["total"]["estimate"], 0) << search.out;
}

TEST_F(CliTest, ErrorsAreOneLineWithDocumentedExitCodes) {
  const ToolRun missing_db = run(kSearch + " --db " + quoted(dir_ / "nothing") + " chips");
  EXPECT_EQ(missing_db.exit_code, 1);
  EXPECT_EQ(missing_db.out.rfind("newsdex-search: error: ", 0), 0u) << missing_db.out;
  EXPECT_EQ(std::count(missing_db.out.begin(), missing_db.out.end(), '\n'), 1);

  const ToolRun missing_input = run(kIndex + " --db " + db() + " " + quoted(dir_ / "none.jsonl"));
  EXPECT_EQ(missing_input.exit_code, 1) << missing_input.out;
  EXPECT_NE(missing_input.out.find("no such file"), std::string::npos);

  EXPECT_EQ(run(kSearch + " --no-such-option").exit_code, 2);
  EXPECT_EQ(run(kSearch + " --limit banana x").exit_code, 2);
  EXPECT_EQ(run(kIndex).exit_code, 2);
}

class IndexedCliTest : public CliTest {
 protected:
  void SetUp() override {
    ASSERT_EQ(run(kIndex + " --quiet --db " + db() + " " + quoted(kCorpus)).exit_code, 0);
  }
  nlohmann::json search_json(const std::string& arguments) {
    const ToolRun search = run(kSearch + " --json --db " + db() + " " + arguments);
    EXPECT_EQ(search.exit_code, 0) << search.out;
    return nlohmann::json::parse(search.out);
  }
};

TEST_F(IndexedCliTest, JsonHasEveryDocumentedKey) {
  const auto json = search_json("--facet source --facet date:month chip export");
  for (const char* key : {"query", "total", "hits", "facets", "suggestion", "warnings"}) {
    EXPECT_TRUE(json.contains(key)) << key;
  }
  for (const char* key : {"estimate", "lower", "upper"}) EXPECT_TRUE(json["total"].contains(key));
  for (const char* key :
       {"rank", "id", "score", "title", "source", "published", "url", "snippet", "highlights"}) {
    EXPECT_TRUE(json["hits"][0].contains(key)) << key;
  }
  ASSERT_TRUE(json["facets"]["source"].is_array());
  EXPECT_TRUE(json["facets"]["source"][0].contains("value"));
  EXPECT_TRUE(json["facets"]["source"][0].contains("count"));
  EXPECT_TRUE(json["facets"]["date:month"].is_array());
  EXPECT_TRUE(json["suggestion"].is_null());
}

TEST_F(IndexedCliTest, FacetCountEqualsDrillDownTotal) {
  const auto facets = search_json("--facet source --limit 0 chip export")["facets"]["source"];
  ASSERT_FALSE(facets.empty());
  for (const auto& value : facets) {
    const std::string source = value["value"];
    const auto narrowed = search_json("--source " + quoted(source) + " chip export");
    EXPECT_EQ(narrowed["total"]["estimate"], value["count"]) << source;
  }
}

TEST_F(IndexedCliTest, SortAndDateOptions) {
  const auto newest = search_json("--sort newest --since 2022 --until 2023-06 --limit 50");
  ASSERT_GT(newest["hits"].size(), 1u);
  std::string previous = "9999";
  for (const auto& hit : newest["hits"]) {
    const std::string published = hit["published"];
    EXPECT_LE(published, previous);
    EXPECT_GE(published.substr(0, 4), "2022");
    EXPECT_LE(published.substr(0, 7), "2023-06");
    previous = published;
  }
}

TEST_F(IndexedCliTest, MisspellingAndRepairAreReported) {
  EXPECT_EQ(search_json("electoin")["suggestion"], "election");
  const auto repaired = search_json(quoted("\"chip export"));
  EXPECT_FALSE(repaired["warnings"].empty());
  EXPECT_FALSE(repaired["hits"].empty());
  const ToolRun text = run(kSearch + " --db " + db() + " electoin");
  EXPECT_NE(text.out.find("Did you mean: election"), std::string::npos) << text.out;
}

TEST_F(IndexedCliTest, TerminalFacetsShowBarsAndATimeline) {
  const ToolRun text =
      run(kSearch + " --db " + db() + " --facet source --facet date:month --limit 1 chip");
  ASSERT_EQ(text.exit_code, 0) << text.out;
  EXPECT_NE(text.out.find("source\n"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("█"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("date:month "), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("peak "), std::string::npos) << text.out;
}

TEST_F(IndexedCliTest, BatchRunsOneQueryPerLine) {
  const std::string queries = dir_ / "queries.txt";
  std::ofstream(queries) << "chip export\nelection\n\"unbalanced\n";
  const ToolRun batch =
      run(kSearch + " --db " + db() + " --batch " + quoted(queries) + " --stats --limit 2");
  ASSERT_EQ(batch.exit_code, 0) << batch.out;
  std::istringstream lines(batch.out);
  std::vector<nlohmann::json> results;
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.front() == '{') results.push_back(nlohmann::json::parse(line));
  }
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0]["query"], "chip export");
  EXPECT_EQ(results[1]["query"], "election");
  EXPECT_FALSE(results[2]["warnings"].empty());
  EXPECT_NE(batch.out.find("3 queries in"), std::string::npos);
  EXPECT_NE(batch.out.find("p99"), std::string::npos);
}

TEST_F(IndexedCliTest, BatchFacetsAreTheSameWithAndWithoutTheFacetCache) {
  // A batch preloads the facet cache; --no-facet-cache reads every match's
  // fields. The facets (and everything else but the timings) must agree.
  const std::string queries = dir_ / "facet-queries.txt";
  std::ofstream(queries) << "\nchip export\nelection OR market\n";
  const std::string command = kSearch + " --db " + db() + " --batch " + quoted(queries) +
                              " --limit 2 --facet source --facet date:month --facet lang";
  const auto facets_of = [](const std::string& out) {
    std::vector<nlohmann::json> facets;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty() && line.front() == '{')
        facets.push_back(nlohmann::json::parse(line)["facets"]);
    }
    return facets;
  };
  const ToolRun cached = run(command);
  const ToolRun reading = run(command + " --no-facet-cache");
  ASSERT_EQ(cached.exit_code, 0) << cached.out;
  ASSERT_EQ(reading.exit_code, 0) << reading.out;
  const auto expected = facets_of(reading.out);
  ASSERT_EQ(expected.size(), 3u);
  EXPECT_FALSE(expected[0]["source"].empty()) << reading.out;
  EXPECT_EQ(facets_of(cached.out), expected);
}

TEST_F(IndexedCliTest, BadOptionValuesAreUsageErrors) {
  EXPECT_EQ(run(kSearch + " --db " + db() + " --sort sideways chip").exit_code, 2);
  EXPECT_EQ(run(kSearch + " --db " + db() + " --facet colour chip").exit_code, 2);
  EXPECT_EQ(run(kSearch + " --db " + db() + " --since yesterday chip").exit_code, 2);
}

TEST_F(CliTest, HelpAndVersion) {
  for (const std::string& tool : {kIndex, kSearch}) {
    const ToolRun help = run(tool + " --help");
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("Examples:"), std::string::npos) << help.out;
    const ToolRun version = run(tool + " --version");
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_NE(version.out.find("0."), std::string::npos) << version.out;
  }
}

}  // namespace

namespace {

TEST_F(CliTest, RankFreshReportsTheRankingInJson) {
  ASSERT_EQ(run(kIndex + " --quiet --db " + db() + " " + quoted(kCorpus)).exit_code, 0);
  const ToolRun search = run(kSearch + " --json --rank fresh --half-life 7 --now 2024-01-01 --db " +
                             db() + " election");
  ASSERT_EQ(search.exit_code, 0) << search.out;
  const auto json = nlohmann::json::parse(search.out);
  EXPECT_EQ(json["ranking"], "fresh");
  EXPECT_EQ(json["freshness"]["half_life_days"], 7.0);
  EXPECT_EQ(json["freshness"]["now"], "2024-01-01");
  const ToolRun plain = run(kSearch + " --json --db " + db() + " election");
  ASSERT_EQ(plain.exit_code, 0) << plain.out;
  EXPECT_EQ(nlohmann::json::parse(plain.out)["ranking"], "relevance");
  EXPECT_TRUE(nlohmann::json::parse(plain.out)["freshness"].is_null());
}

TEST_F(CliTest, BadFreshnessSettingsAreUsageErrors) {
  ASSERT_EQ(run(kIndex + " --quiet --db " + db() + " " + quoted(kCorpus)).exit_code, 0);
  // Bad values: one line naming what is wrong.
  for (const std::string options : {"--rank fresh --half-life 0", "--rank fresh --half-life=-3",
                                    "--rank fresh --now 2024-13-45", "--rank fresh --now soon"}) {
    const ToolRun search = run(kSearch + " " + options + " --db " + db() + " election");
    EXPECT_EQ(search.exit_code, 2) << options << "\n" << search.out;
    EXPECT_EQ(std::count(search.out.begin(), search.out.end(), '\n'), 1) << search.out;
  }
  for (const std::string options : {"--rank newest", "--half-life 7", "--now 2024-01-01"}) {
    EXPECT_EQ(run(kSearch + " " + options + " --db " + db() + " election").exit_code, 2) << options;
  }
}

TEST_F(CliTest, SynonymsAreStoredAndApplied) {
  std::ofstream(dir_ / "articles.jsonl")
      << R"({"id": "a", "title": "Tariffs", "body": "The United States raised tariffs."})"
      << "\n"
      << R"({"id": "b", "title": "Weather", "body": "Rain over the hills."})"
      << "\n";
  std::ofstream(dir_ / "synonyms.txt") << "# countries\nUS, USA, United States, U.S.\n";
  const ToolRun index = run(kIndex + " --quiet --db " + db() + " --synonyms " +
                            quoted(dir_ / "synonyms.txt") + " " + quoted(dir_ / "articles.jsonl"));
  ASSERT_EQ(index.exit_code, 0) << index.out;
  const auto hits = [&](const std::string& options) {
    const ToolRun search = run(kSearch + " --json " + options + " --db " + db() + " USA");
    EXPECT_EQ(search.exit_code, 0) << search.out;
    return nlohmann::json::parse(search.out)["hits"].size();
  };
  EXPECT_EQ(hits(""), 1u);
  EXPECT_EQ(hits("--no-synonyms"), 0u);
  // Synonyms alone, without input: an empty file removes them.
  std::ofstream(dir_ / "none.txt") << "# nothing\n";
  const ToolRun cleared =
      run(kIndex + " --db " + db() + " --synonyms " + quoted(dir_ / "none.txt"));
  ASSERT_EQ(cleared.exit_code, 0) << cleared.out;
  EXPECT_EQ(hits(""), 0u);
}

TEST_F(CliTest, MalformedSynonymsFileNamesFileAndLine) {
  std::ofstream(dir_ / "bad.txt") << "car, automobile\n\nlonely\n";
  const ToolRun index = run(kIndex + " --db " + db() + " --synonyms " + quoted(dir_ / "bad.txt"));
  EXPECT_EQ(index.exit_code, 1) << index.out;
  EXPECT_NE(index.out.find("bad.txt:3: "), std::string::npos) << index.out;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "db")) << "a bad file must change nothing";
  const ToolRun missing =
      run(kIndex + " --db " + db() + " --synonyms " + quoted(dir_ / "missing.txt"));
  EXPECT_EQ(missing.exit_code, 1) << missing.out;
  EXPECT_NE(missing.out.find("missing.txt: "), std::string::npos) << missing.out;
}

}  // namespace

// Near-duplicates from the command line, on the labelled evaluation set:
// 88 stories, 236 articles (tests/data/near_duplicates).
class DuplicatesCliTest : public CliTest {
 protected:
  void SetUp() override {
    const std::string set =
        std::string(NEWSDEX_SOURCE_DIR) + "/tests/data/near_duplicates/articles.jsonl";
    ASSERT_EQ(run(kIndex + " --quiet --db " + db() + " " + quoted(set)).exit_code, 0);
  }
  nlohmann::json search_json(const std::string& arguments) {
    const ToolRun search = run(kSearch + " --json --db " + db() + " " + arguments);
    EXPECT_EQ(search.exit_code, 0) << search.out;
    return nlohmann::json::parse(search.out);
  }
};

TEST_F(DuplicatesCliTest, CopiesAreCollapsedByDefaultAndNoCollapseShowsThem) {
  const auto collapsed = search_json("--limit 500 --snippet-chars 0");
  EXPECT_EQ(collapsed["total"]["estimate"], 88);
  EXPECT_EQ(collapsed["total"]["articles"], 236);
  EXPECT_EQ(collapsed["total"]["collapsed"], true);
  ASSERT_EQ(collapsed["hits"].size(), 88u);
  int folded = 0;
  for (const auto& hit : collapsed["hits"]) folded += hit["duplicates"].get<int>();
  EXPECT_EQ(folded, 236 - 88);

  const auto every = search_json("--no-collapse --limit 500 --snippet-chars 0");
  EXPECT_EQ(every["total"]["estimate"], 236);
  EXPECT_EQ(every["total"]["collapsed"], false);
  ASSERT_EQ(every["hits"].size(), 236u);
  for (const auto& hit : every["hits"]) EXPECT_EQ(hit["duplicates"], 0);
}

TEST_F(DuplicatesCliTest, TerminalNamesTheSourcesOfFoldedCopies) {
  const ToolRun search = run(kSearch + " --db " + db() + " --limit 500 --snippet-chars 0");
  ASSERT_EQ(search.exit_code, 0) << search.out;
  EXPECT_NE(search.out.find("88 results (236 articles)"), std::string::npos) << search.out;
  EXPECT_NE(search.out.find("   +4 similar: "), std::string::npos) << search.out;
}

TEST_F(DuplicatesCliTest, DuplicatesOfListsCopiesAndRejectsUnknownIds) {
  const auto copies = search_json("--duplicates-of nd-0045");
  ASSERT_EQ(copies["hits"].size(), 4u);
  for (const auto& hit : copies["hits"]) {
    EXPECT_EQ(hit["id"].get<std::string>().rfind("nd-0045-copy", 0), 0u) << hit["id"];
  }
  const ToolRun text = run(kSearch + " --db " + db() + " --duplicates-of nd-0045");
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("4 results"), std::string::npos) << text.out;

  const ToolRun unknown = run(kSearch + " --db " + db() + " --duplicates-of no-such-id 2>&1");
  EXPECT_EQ(unknown.exit_code, 4) << unknown.out;
  EXPECT_NE(unknown.out.find("no article with id \"no-such-id\""), std::string::npos)
      << unknown.out;
  EXPECT_EQ(run(kSearch + " --db " + db() + " --duplicates-of nd-0045 chips").exit_code, 2);
}

TEST_F(DuplicatesCliTest, LikeListsRelatedArticlesWithoutTheArticleOrItsCopies) {
  const auto related = search_json("--like nd-0045 --limit 20 --snippet-chars 0");
  EXPECT_EQ(related["like"], "nd-0045");
  EXPECT_FALSE(related["expansion_terms"].empty());
  ASSERT_FALSE(related["hits"].empty());
  bool found_coverage = false;
  for (const auto& hit : related["hits"]) {
    const std::string id = hit["id"];
    EXPECT_NE(id.rfind("nd-0045", 0), 0u) << "the article or a copy of it: " << id;
    found_coverage = found_coverage || id == "nd-0046" || id == "nd-0048";
  }
  EXPECT_TRUE(found_coverage) << related.dump();
  // Query words narrow the list down; filters apply.
  const auto about = search_json("--like nd-0045 --source 'Market Ledger' graphite OR shares");
  ASSERT_FALSE(about["hits"].empty());
  for (const auto& hit : about["hits"]) EXPECT_EQ(hit["source"], "Market Ledger");

  const ToolRun text = run(kSearch + " --db " + db() + " --like nd-0045 --limit 3");
  EXPECT_EQ(text.exit_code, 0) << text.out;
  EXPECT_NE(text.out.find("like nd-0045"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Alike in:"), std::string::npos) << text.out;

  const ToolRun unknown = run(kSearch + " --db " + db() + " --like no-such-id 2>&1");
  EXPECT_EQ(unknown.exit_code, 4) << unknown.out;
  EXPECT_NE(unknown.out.find("no article with id \"no-such-id\""), std::string::npos)
      << unknown.out;
  for (const char* conflict : {" --like nd-0045 --duplicates-of nd-0045",
                               " --like nd-0045 --expand", " --like nd-0045 --batch -"}) {
    EXPECT_EQ(run(kSearch + " --db " + db() + conflict + " </dev/null").exit_code, 2) << conflict;
  }
}

TEST_F(IndexedCliTest, ExpandAddsWordsFromTheBestMatches) {
  // On by default for --any, off by default for all-words queries.
  const auto plain = search_json("--any --no-expand chip export");
  EXPECT_TRUE(plain["expansion_terms"].empty());
  const auto expanded = search_json("--any chip export");
  EXPECT_FALSE(expanded["expansion_terms"].empty());
  EXPECT_GE(expanded["total"]["articles"].get<int>(), plain["total"]["articles"].get<int>());
  EXPECT_TRUE(search_json("chip export")["expansion_terms"].empty());
  const auto all_words = search_json("--expand chip export");
  EXPECT_FALSE(all_words["expansion_terms"].empty());
  EXPECT_EQ(all_words["total"]["articles"], search_json("chip export")["total"]["articles"]);
  EXPECT_EQ(run(kSearch + " --db " + db() + " --expand --no-expand chip").exit_code, 2);
  const ToolRun text = run(kSearch + " --db " + db() + " --expand chip export");
  EXPECT_EQ(text.exit_code, 0) << text.out;
  EXPECT_NE(text.out.find("Expanded with:"), std::string::npos) << text.out;
}
