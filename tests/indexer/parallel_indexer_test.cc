// A new index built on several threads (segments merged by compaction) must
// hold exactly what one thread builds: the same articles, terms, positions,
// values, stored data and spelling dictionary.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "bulk_writer.h"
#include "newsdex/common/date.h"
#include "newsdex/common/schema.h"
#include "newsdex/indexer/indexer.h"
#include "stored_article.h"
#include "temp_dir.h"

namespace newsdex::indexer {
namespace {

// Everything an index says about one article, independent of its docid.
struct DocumentContents {
  std::string data;
  std::map<Xapian::valueno, std::string> values;
  std::map<std::string, std::pair<Xapian::termcount, std::vector<Xapian::termpos>>> terms;
  bool operator==(const DocumentContents& other) const {
    return data == other.data && values == other.values && terms == other.terms;
  }
};

struct IndexContents {
  std::map<std::string, DocumentContents> by_id;
  std::map<std::string, Xapian::termcount> spellings;
  std::string schema_version;
};

IndexContents contents_of(const std::string& path) {
  Xapian::Database db(path);
  IndexContents contents;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    DocumentContents document;
    document.data = doc.get_data();
    // Cluster keys included: this build replaces and removes articles it
    // added itself, and its random texts from a dozen words make chance
    // near-duplicates, so the parallel build must replay them in input order.
    for (auto value = doc.values_begin(); value != doc.values_end(); ++value) {
      document.values[value.get_valueno()] = *value;
    }
    for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
      document.terms[*term] = {
          term.get_wdf(),
          std::vector<Xapian::termpos>(term.positionlist_begin(), term.positionlist_end())};
    }
    const std::string id = internal::decode_stored_article(document.data).id;
    EXPECT_TRUE(contents.by_id.emplace(id, std::move(document)).second)
        << "two documents for " << id;
  }
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    contents.spellings[*it] = it.get_termfreq();
  }
  contents.schema_version = db.get_metadata(std::string(schema::kSchemaVersionKey));
  return contents;
}

const char* const kWords[] = {"chip",   "export", "rules",  "Müller", "U.S.",  "e-mail",
                              "market", "oil",    "prices", "芯片",   "rally", "Exporte"};

Article random_article(std::mt19937& random, int id) {
  std::uniform_int_distribution<std::size_t> word(0, std::size(kWords) - 1);
  std::uniform_int_distribution<int> length(1, 30);
  Article article;
  article.id = "a" + std::to_string(id);
  article.source = id % 3 == 0 ? "Global Wire" : "Harbour Times";
  for (int i = length(random) / 5 + 1; i > 0; --i) {
    article.title += std::string(kWords[word(random)]) + " ";
  }
  for (int i = length(random); i > 0; --i) article.body += std::string(kWords[word(random)]) + " ";
  article.topics = {kWords[word(random)]};
  article.published = parse_date("2024-03-" + std::to_string(10 + id % 19));
  return article;
}

// Adds, replaces (changed and unchanged), removes and discards the same way
// into an index built with `threads` writer threads; returns the outcomes.
std::vector<AddOutcome> build(const std::string& path, unsigned threads,
                              std::size_t segment_size = 10000) {
  IndexOptions options;
  options.db_path = path;
  options.threads = threads;
  options.batch_size = 7;  // many segment commits
  options.segment_size = segment_size;
  Indexer indexer(options);
  std::mt19937 random(42);
  std::vector<AddOutcome> outcomes;
  for (int i = 0; i < 300; ++i) outcomes.push_back(indexer.add(random_article(random, i)));
  for (int i = 0; i < 300; i += 7) {
    outcomes.push_back(indexer.add(random_article(random, i)));  // changed: replaced
  }
  std::mt19937 again(42);
  outcomes.push_back(indexer.add(random_article(again, 0)));  // as first added: replaced back
  for (int i = 1; i < 300; i += 11) {
    outcomes.push_back(indexer.remove("a" + std::to_string(i)) ? AddOutcome::kAdded
                                                               : AddOutcome::kUnchanged);
  }
  outcomes.push_back(indexer.remove("missing") ? AddOutcome::kAdded : AddOutcome::kUnchanged);
  // Discarded changes never reach the index.
  indexer.add(random_article(random, 1000));
  indexer.discard();
  indexer.commit();
  return outcomes;
}

void expect_same_index(const std::string& expected_path, const std::string& actual_path) {
  const IndexContents expected = contents_of(expected_path);
  const IndexContents actual = contents_of(actual_path);
  // 28 removals, the last of which was in the batch discard() dropped.
  EXPECT_EQ(expected.by_id.size(), 300u - 27u);
  EXPECT_EQ(actual.by_id.size(), expected.by_id.size());
  for (const auto& [id, document] : expected.by_id) {
    const auto found = actual.by_id.find(id);
    ASSERT_NE(found, actual.by_id.end()) << id;
    EXPECT_TRUE(found->second == document) << id;
  }
  EXPECT_EQ(actual.spellings, expected.spellings);
  EXPECT_EQ(actual.schema_version, schema::kSchemaVersion);
  // Nothing of the build is left beside the index.
  EXPECT_FALSE(std::filesystem::exists(bulk_work_dir(actual_path)));
}

TEST(ParallelIndexerTest, BuildsTheSameIndexAsOneThread) {
  testing::TempDir dir;
  const std::string one = dir / "one";
  const std::string three = dir / "three";
  const std::vector<AddOutcome> sequential = build(one, 1);
  const std::vector<AddOutcome> parallel = build(three, 3);
  EXPECT_EQ(sequential, parallel);
  expect_same_index(one, three);
}

// Segments of 10 documents: every writer closes many, and replaced and
// removed articles are deleted from closed segments.
TEST(ParallelIndexerTest, BuildsTheSameIndexInSmallSegments) {
  testing::TempDir dir;
  const std::string one = dir / "one";
  const std::string small = dir / "small";
  const std::vector<AddOutcome> sequential = build(one, 1);
  const std::vector<AddOutcome> parallel = build(small, 3, 10);
  EXPECT_EQ(sequential, parallel);
  expect_same_index(one, small);
}

TEST(ParallelIndexerTest, AnIndexWithArticlesIsUpdatedByOneWriterInBatches) {
  testing::TempDir dir;
  IndexOptions options;
  options.db_path = dir / "db";
  options.threads = 4;
  {
    Indexer indexer(options);
    std::mt19937 random(1);
    for (int i = 0; i < 20; ++i) indexer.add(random_article(random, i));
    indexer.commit();  // merged: the index now has articles
    EXPECT_EQ(indexer.document_count(), 20u);
    indexer.add(random_article(random, 20));
    indexer.commit();  // a plain commit into the merged index
    EXPECT_EQ(indexer.document_count(), 21u);
  }
  {
    Indexer indexer(options);  // not empty: no bulk build
    EXPECT_FALSE(std::filesystem::exists(bulk_work_dir(options.db_path)));
    std::mt19937 random(1);
    EXPECT_EQ(indexer.add(random_article(random, 0)), AddOutcome::kUnchanged);
  }
}

TEST(ParallelIndexerTest, AnInterruptedBuildLeavesTheIndexEmptyAndIsCleanedUp) {
  testing::TempDir dir;
  IndexOptions options;
  options.db_path = dir / "db";
  options.threads = 2;
  {
    Indexer indexer(options);
    std::mt19937 random(3);
    for (int i = 0; i < 30; ++i) indexer.add(random_article(random, i));
    ASSERT_TRUE(std::filesystem::exists(bulk_work_dir(options.db_path)));
    // Simulate a crash: the segments stay on disk, nothing is merged.
    std::filesystem::copy(bulk_work_dir(options.db_path), dir / "left-over",
                          std::filesystem::copy_options::recursive);
    indexer.discard();
  }
  std::filesystem::remove_all(bulk_work_dir(options.db_path));
  std::filesystem::rename(dir / "left-over", bulk_work_dir(options.db_path));
  options.threads = 1;
  Indexer indexer(options);
  EXPECT_EQ(indexer.document_count(), 0u);
  EXPECT_FALSE(std::filesystem::exists(bulk_work_dir(options.db_path)));
}

TEST(ParallelIndexerTest, AMergeInterruptedBeforeItsRenameIsFinishedOnOpen) {
  testing::TempDir dir;
  const std::string built = dir / "built";
  {
    IndexOptions options;
    options.db_path = built;
    Indexer indexer(options);
    std::mt19937 random(5);
    indexer.add(random_article(random, 1));
    indexer.commit();
  }
  // The state a crash between the final renames leaves: a complete merged
  // index in the work directory and no index at the path.
  const std::string path = dir / "db";
  const std::filesystem::path work = bulk_work_dir(path);
  std::filesystem::create_directories(work);
  std::filesystem::rename(built, work / "merged");
  std::ofstream(work / "merge-complete") << "merged\n";
  IndexOptions options;
  options.db_path = path;
  options.threads = 2;
  Indexer indexer(options);
  EXPECT_EQ(indexer.document_count(), 1u);
  EXPECT_FALSE(std::filesystem::exists(work));
}

}  // namespace
}  // namespace newsdex::indexer
