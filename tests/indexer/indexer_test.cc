#include "newsdex/indexer/indexer.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include "newsdex/common/error.h"
#include "newsdex/common/schema.h"
#include "stored_article.h"
#include "temp_dir.h"

namespace newsdex::indexer {
namespace {

Article make_article(const std::string& id, const std::string& title) {
  Article article;
  article.id = id;
  article.title = title;
  article.body = "Body of " + title;
  return article;
}

TEST(IndexerTest, ReindexingAnIdReplacesTheArticle) {
  testing::TempDir dir;
  IndexOptions options;
  options.db_path = dir / "db";
  {
    Indexer indexer(options);
    EXPECT_EQ(indexer.add(make_article("a", "first version")), AddOutcome::kAdded);
    EXPECT_EQ(indexer.add(make_article("b", "other")), AddOutcome::kAdded);
    indexer.commit();
    EXPECT_EQ(indexer.add(make_article("a", "second version")), AddOutcome::kReplaced);
    indexer.commit();
    EXPECT_EQ(indexer.document_count(), 2u);
  }
  Xapian::Database db(options.db_path);
  EXPECT_EQ(db.get_doccount(), 2u);
  EXPECT_EQ(db.get_termfreq(schema::id_term("a")), 1u);
  Xapian::PostingIterator posting = db.postlist_begin(schema::id_term("a"));
  const Article stored = internal::decode_stored_article(db.get_document(*posting).get_data());
  EXPECT_EQ(stored.title, "second version");
  EXPECT_EQ(db.get_termfreq("ZSfirst"), 0u);  // old terms are gone
  EXPECT_EQ(db.get_termfreq("ZSsecond"), 1u);
  EXPECT_EQ(db.get_metadata(std::string(schema::kSchemaVersionKey)), schema::kSchemaVersion);
}

TEST(IndexerTest, RemovesById) {
  testing::TempDir dir;
  IndexOptions options;
  options.db_path = dir / "db";
  Indexer indexer(options);
  indexer.add(make_article("a", "one"));
  indexer.add(make_article("b", "two"));
  EXPECT_TRUE(indexer.remove("a"));
  EXPECT_FALSE(indexer.remove("a"));
  EXPECT_FALSE(indexer.remove("never-indexed"));
  indexer.commit();
  EXPECT_EQ(indexer.document_count(), 1u);
}

TEST(IndexerTest, CommitsEveryBatch) {
  testing::TempDir dir;
  IndexOptions options;
  options.db_path = dir / "db";
  options.batch_size = 2;
  Indexer indexer(options);
  indexer.add(make_article("a", "one"));
  EXPECT_EQ(Xapian::Database(options.db_path).get_doccount(), 0u);
  indexer.add(make_article("b", "two"));  // fills the batch: committed
  EXPECT_EQ(Xapian::Database(options.db_path).get_doccount(), 2u);
}

TEST(IndexerTest, SecondWriterGetsALockError) {
  testing::TempDir dir;
  IndexOptions options;
  options.db_path = dir / "db";
  Indexer first(options);
  try {
    Indexer second(options);
    FAIL() << "a second writer opened the index";
  } catch (const IndexLockedError& error) {
    EXPECT_NE(std::string(error.what()).find("locked by another indexer"), std::string::npos);
  }
}

TEST(IndexerTest, RejectsInvalidOptionsAndArticles) {
  testing::TempDir dir;
  IndexOptions options;
  options.db_path = dir / "db";
  options.batch_size = 0;
  EXPECT_THROW(Indexer{options}, ConfigError);
  options.batch_size = 10;
  Indexer indexer(options);
  EXPECT_THROW(indexer.add(Article{}), ConfigError);
}

TEST(IndexerTest, UnwritablePathIsAnIndexError) {
  IndexOptions options;
  options.db_path = "/proc/newsdex-cannot-write-here/db";
  EXPECT_THROW(Indexer{options}, IndexError);
}

}  // namespace
}  // namespace newsdex::indexer
