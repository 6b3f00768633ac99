#include "newsdex/indexer/import.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "temp_dir.h"

namespace newsdex::indexer {
namespace {

void write_file(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path) << text;
}

TEST(ImportTest, IndexesGoodLinesAndReportsBadOnes) {
  testing::TempDir dir;
  write_file(dir / "in/a.jsonl",
             "{\"id\": \"1\", \"title\": \"one\"}\n"
             "{\"id\": \"2\", \"title\": \n"
             "{\"id\": \"3\", \"title\": \"three\", \"published\": \"soon\"}\n"
             "{\"id\": \"4\", \"title\": \"four\"}\n");
  write_file(dir / "in/sub/b.jsonl", "{\"id\": \"1\", \"title\": \"one again\"}\n");
  write_file(dir / "in/notes.txt", "not an input\n");
  IndexOptions options;
  options.db_path = dir / "db";
  Indexer indexer(options);
  std::vector<std::string> errors;
  ImportCallbacks callbacks;
  callbacks.on_rejected = [&](const InputError& error) { errors.push_back(error.what()); };
  const ImportReport report = import_inputs(indexer, {dir / "in"}, callbacks);
  EXPECT_EQ(report.files, 2u);
  EXPECT_EQ(report.added, 3u);  // 1, 3 (without its date) and 4
  EXPECT_EQ(report.replaced, 1u);
  EXPECT_EQ(report.rejected, 1u);
  EXPECT_EQ(report.warnings, 2u);  // the date of 3, and id 1 given twice
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rfind(dir / "in/a.jsonl:2: invalid JSON", 0), 0u) << errors[0];
  EXPECT_EQ(indexer.document_count(), 3u);
}

const std::string kRange =
    " (as Unix seconds or milliseconds: not in the years 1-9998); indexed without a date";

struct ImportRunResult {
  ImportReport report;
  std::vector<std::string> errors, warnings;
};

ImportRunResult import(Indexer& indexer, const std::vector<std::string>& paths,
                       ImportOptions options = {}) {
  ImportRunResult run;
  ImportCallbacks callbacks;
  callbacks.on_rejected = [&](const InputError& error) { run.errors.push_back(error.what()); };
  callbacks.on_warning = [&](const InputWarning& w) { run.warnings.push_back(w.to_string()); };
  run.report = import_inputs(indexer, paths, callbacks, options);
  return run;
}

// Every reader's date path ends in a warning, never a rejection: an epoch
// number out of range, a boolean, a CSV cell and an RSS date that are no
// dates each cost the article its date only.
TEST(ImportTest, UnreadableDatesInEveryFormatKeepTheArticle) {
  testing::TempDir dir;
  write_file(dir / "a.jsonl",
             "{\"id\": \"j1\", \"title\": \"one\", \"published\": 1e300}\n"
             "{\"id\": \"j2\", \"title\": \"two\", \"published\": false}\n"
             "{\"id\": \"j3\", \"title\": \"three\", \"published\": 1700000000}\n");
  write_file(dir / "b.json", "[{\"id\": \"a1\", \"title\": \"one\", \"published\": 9e99}]\n");
  write_file(dir / "c.csv", "id,title,published\nc1,one,99999999999999999\nc2,two,1700000000.5\n");
  write_file(dir / "d.rss",
             "<rss><channel><item><guid>r1</guid><title>one</title>"
             "<pubDate>1e400</pubDate></item></channel></rss>\n");
  IndexOptions options;
  options.db_path = dir / "db";
  Indexer indexer(options);
  const ImportRunResult run =
      import(indexer, {dir / "a.jsonl", dir / "b.json", dir / "c.csv", dir / "d.rss"});
  EXPECT_TRUE(run.errors.empty()) << run.errors[0];
  EXPECT_EQ(run.report.added, 7u);
  EXPECT_EQ(run.report.rejected, 0u);
  const std::vector<std::string> expected = {
      dir / "a.jsonl:1: published: not a date: 1e+300" + kRange,
      dir / "a.jsonl:2: published: not a date: a boolean; indexed without a date",
      dir / "b.json:1: published: not a date: 9e+99" + kRange,
      dir / "c.csv:2: published: not a date: \"99999999999999999\"; indexed without a date",
      dir / "d.rss:1: published: not a date: \"1e400\"; indexed without a date",
  };
  EXPECT_EQ(run.warnings, expected);
  EXPECT_EQ(indexer.document_count(), 7u);
}

TEST(ImportTest, RerunSkipsUnchangedAndReplacesChanged) {
  testing::TempDir dir;
  write_file(dir / "a.jsonl",
             "{\"id\": \"1\", \"title\": \"one\"}\n{\"id\": \"2\", \"title\": \"two\"}\n");
  IndexOptions options;
  options.db_path = dir / "db";
  Indexer indexer(options);
  EXPECT_EQ(import(indexer, {dir / "a.jsonl"}).report.added, 2u);
  const auto again = import(indexer, {dir / "a.jsonl"}).report;
  EXPECT_EQ(again.unchanged, 2u);
  EXPECT_EQ(again.indexed(), 0u);
  write_file(dir / "a.jsonl",
             "{\"id\": \"1\", \"title\": \"one\"}\n{\"id\": \"2\", \"title\": \"TWO\"}\n");
  const auto changed = import(indexer, {dir / "a.jsonl"}).report;
  EXPECT_EQ(changed.unchanged, 1u);
  EXPECT_EQ(changed.replaced, 1u);
  EXPECT_EQ(indexer.document_count(), 2u);
}

TEST(ImportTest, DuplicateIdsInOneInputWarnAndTheLastWins) {
  testing::TempDir dir;
  write_file(dir / "a.jsonl",
             "{\"id\": \"1\", \"title\": \"first\"}\n{\"id\": \"1\", \"title\": \"last\"}\n");
  IndexOptions options;
  options.db_path = dir / "db";
  Indexer indexer(options);
  const ImportRunResult run = import(indexer, {dir / "a.jsonl"});
  ASSERT_EQ(run.warnings.size(), 1u);
  EXPECT_EQ(run.warnings[0],
            dir / "a.jsonl:2: id: duplicate id 1 in this input; the later record wins");
  EXPECT_EQ(indexer.document_count(), 1u);
  EXPECT_EQ(indexer.ids_of_source(""), std::vector<std::string>{});  // no source given
}

TEST(ImportTest, StrictAndMaxErrorsStopAndDiscardTheBatchInProgress) {
  testing::TempDir dir;
  write_file(
      dir / "a.jsonl",
      "{\"id\": \"1\", \"title\": \"one\"}\n{bad\n{bad\n{\"id\": \"2\", \"title\": \"two\"}\n");
  for (const bool strict : {true, false}) {
    IndexOptions options;
    options.db_path = dir / (strict ? "strict" : "max");
    Indexer indexer(options);
    ImportOptions import_options;
    import_options.strict = strict;
    import_options.max_errors = strict ? 0 : 2;
    const ImportRunResult run = import(indexer, {dir / "a.jsonl"}, import_options);
    EXPECT_TRUE(run.report.stopped);
    EXPECT_EQ(run.report.rejected, strict ? 1u : 2u);
    EXPECT_EQ(indexer.document_count(), 0u) << "the batch with article 1 must be discarded";
  }
}

TEST(ImportTest, PruneSourceDeletesWhatTheInputNoLongerHas) {
  testing::TempDir dir;
  write_file(dir / "day1.jsonl",
             "{\"id\": \"w1\", \"source\": \"Wire\", \"title\": \"a\"}\n"
             "{\"id\": \"w2\", \"source\": \"Wire\", \"title\": \"b\"}\n"
             "{\"id\": \"o1\", \"source\": \"Other\", \"title\": \"c\"}\n");
  write_file(dir / "day2.jsonl", "{\"id\": \"w2\", \"source\": \"Wire\", \"title\": \"b\"}\n");
  IndexOptions options;
  options.db_path = dir / "db";
  Indexer indexer(options);
  import(indexer, {dir / "day1.jsonl"});
  ImportOptions prune;
  prune.prune_sources = {"wire"};
  const ImportRunResult run = import(indexer, {dir / "day2.jsonl"}, prune);
  EXPECT_EQ(run.report.deleted, 1u);
  EXPECT_EQ(indexer.ids_of_source("Wire"), std::vector<std::string>{"w2"});
  EXPECT_EQ(indexer.ids_of_source("Other"), std::vector<std::string>{"o1"});
}

TEST(ImportTest, EmptyArticlesAreRejectedAndMissingIdsDerived) {
  testing::TempDir dir;
  write_file(dir / "a.jsonl",
             "{\"id\": \"empty\", \"title\": \"\", \"body\": \"\"}\n"
             "{\"url\": \"https://example.test/x\", \"title\": \"no id\"}\n");
  IndexOptions options;
  options.db_path = dir / "db";
  Indexer indexer(options);
  const ImportRunResult run = import(indexer, {dir / "a.jsonl"});
  EXPECT_EQ(run.report.rejected, 1u);
  EXPECT_EQ(run.report.rejected_by_reason.at("title: the article has neither a title nor a body"),
            1u);
  EXPECT_EQ(run.report.added, 1u);
  ASSERT_EQ(run.warnings.size(), 1u);
  EXPECT_NE(run.warnings[0].find("id: missing; the url is used as id"), std::string::npos);
}

TEST(ImportTest, MissingInputIsAnInputError) {
  testing::TempDir dir;
  IndexOptions options;
  options.db_path = dir / "db";
  Indexer indexer(options);
  EXPECT_THROW(import_inputs(indexer, {dir / "nope.jsonl"}), InputError);
}

// A directory of mixed formats: each file reported on its own, and one that
// cannot be read costs only itself.
TEST(ImportTest, ReportsEachFileAndGoesOnPastAnUnreadableOne) {
  testing::TempDir dir;
  write_file(dir / "in/a.jsonl", "{\"id\": \"1\", \"title\": \"one\"}\n{oops\n");
  write_file(dir / "in/b.csv", "id,title,published\n2,two,someday\n");
  write_file(dir / "in/c.xml", "<?xml version=\"1.0\"?>\n<catalog><book/></catalog>\n");
  write_file(dir / "in/d.rdf",
             "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
             "xmlns=\"http://purl.org/rss/1.0/\"><item><title>Four</title>"
             "<link>https://example.test/4</link></item></rdf:RDF>\n");
  IndexOptions options;
  options.db_path = dir / "db";
  Indexer indexer(options);
  const ImportRunResult run = import(indexer, {dir / "in"});
  ASSERT_EQ(run.report.per_file.size(), 4u);
  const auto& files = run.report.per_file;
  EXPECT_EQ(files[0].path, dir / "in/a.jsonl");
  EXPECT_EQ(files[0].format, "jsonl");
  EXPECT_EQ(files[0].indexed, 1u);
  EXPECT_EQ(files[0].rejected, 1u);
  EXPECT_EQ(files[1].format, "csv");
  EXPECT_EQ(files[1].indexed, 1u);
  EXPECT_EQ(files[1].warnings, 1u);
  EXPECT_EQ(files[2].format, "");  // not a feed: rejected whole, the run goes on
  EXPECT_EQ(files[2].rejected, 1u);
  EXPECT_EQ(files[3].format, "rss");
  EXPECT_EQ(files[3].indexed, 1u);
  EXPECT_EQ(run.report.indexed(), 3u);
  EXPECT_EQ(run.report.rejected, 2u);
  ASSERT_EQ(run.errors.size(), 2u);
  EXPECT_EQ(run.errors[1], dir / "in/c.xml" +
                               ": XML whose root element <catalog> is none newsdex reads (rss, "
                               "rdf:RDF, feed, newsItem, newsMessage, nitf, html); use --format "
                               "to choose a reader");
}

TEST(ImportTest, ExpandsDirectoriesInSortedOrder) {
  testing::TempDir dir;
  write_file(dir / "z.jsonl", "");
  write_file(dir / "a/b.ndjson", "");
  write_file(dir / "a/c.txt", "");
  write_file(dir / "a/d.csv.gz", "");
  write_file(dir / "a/e.XML", "");
  const auto files = expand_inputs({dir.path().string()});
  EXPECT_EQ(files, (std::vector<std::string>{dir / "a/b.ndjson", dir / "a/d.csv.gz",
                                             dir / "a/e.XML", dir / "z.jsonl"}));
}

}  // namespace
}  // namespace newsdex::indexer
