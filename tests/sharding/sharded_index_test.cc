// Writing sharded indexes: the layout, routing by id, updates keeping the
// layout, and per-shard builds (--shard K) equal to one run's shards.
#include <gtest/gtest.h>
#include <xapian.h>

#include <fstream>
#include <map>
#include <set>

#include "newsdex/common/error.h"
#include "newsdex/common/schema.h"
#include "newsdex/common/shard_layout.h"
#include "newsdex/searcher/searcher.h"
#include "sharded_fixture.h"

namespace newsdex {
namespace {

using testing::TempDir;

TEST(ShardLayoutTest, ShardOfIsStableAndSpreadsIds) {
  // Fixed values: a change would send existing articles to other shards.
  EXPECT_EQ(shards::shard_of("nd-0001", 3), shards::shard_of("nd-0001", 3));
  std::map<unsigned, int> per_shard;
  for (int i = 0; i < 3000; ++i) ++per_shard[shards::shard_of("id-" + std::to_string(i), 3)];
  ASSERT_EQ(per_shard.size(), 3u);
  for (const auto& [shard, count] : per_shard) EXPECT_NEAR(count, 1000, 120) << shard;
  EXPECT_EQ(shards::shard_of("", 1), 0u);
}

TEST(ShardLayoutTest, ReadsXapianStubSyntax) {
  TempDir dir;
  testing::write_stub(
      dir / "", {"# comment", "auto aux", "", "remote 10.0.0.5:3333  # shard 0", "glass shard-1",
                 "remote [::1]:4444", "remote :xapian-progsrv /srv/shard-3"});
  const shards::Stub stub = shards::read_stub(dir.path().string());
  EXPECT_TRUE(stub.has_aux);
  ASSERT_EQ(stub.shard_count(), 4u);
  EXPECT_EQ(stub.entries[1].kind, shards::StubEntry::Kind::kRemote);
  EXPECT_EQ(stub.entries[1].host, "10.0.0.5");
  EXPECT_EQ(stub.entries[1].port, 3333u);
  EXPECT_EQ(stub.entries[1].label(), "10.0.0.5:3333");
  EXPECT_EQ(stub.entries[2].path, "shard-1");
  EXPECT_EQ(stub.entries[3].host, "::1");
  EXPECT_EQ(stub.entries[3].label(), "[::1]:4444");
  EXPECT_EQ(stub.entries[4].kind, shards::StubEntry::Kind::kProgram);
  EXPECT_EQ(stub.entries[4].program, "xapian-progsrv");
  EXPECT_EQ(stub.entries[4].args, "/srv/shard-3");
}

TEST(ShardLayoutTest, BadStubLinesAreNamed) {
  TempDir dir;
  for (const char* line :
       {"remote host", "remote host:0", "remote host:99999", "ftp shard-0", "auto"}) {
    testing::write_stub(dir / "", {"auto aux", line});
    try {
      shards::read_stub(dir.path().string());
      ADD_FAILURE() << "accepted: " << line;
    } catch (const IndexError& e) {
      EXPECT_NE(std::string(e.what()).find("shards.stub:2"), std::string::npos) << e.what();
    }
  }
  testing::write_stub(dir / "", {"auto aux"});
  EXPECT_THROW(shards::read_stub(dir.path().string()), IndexError);
}

std::uint64_t doccount(const std::string& path) { return Xapian::Database(path).get_doccount(); }

TEST(ShardedIndexTest, CreatesTheLayoutAndRoutesByIdHash) {
  TempDir dir;
  indexer::IndexOptions options;
  options.db_path = dir / "index";
  options.shards = 3;
  testing::build_index(options);
  std::ifstream stub(dir / "index/shards.stub");
  std::string text((std::istreambuf_iterator<char>(stub)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("auto aux\nauto shard-0\nauto shard-1\nauto shard-2\n"), std::string::npos);
  std::uint64_t total = 0;
  for (unsigned k = 0; k < 3; ++k) {
    Xapian::Database shard(dir / ("index/shard-" + std::to_string(k)));
    total += shard.get_doccount();
    EXPECT_GT(shard.get_doccount(), 50u);
    const std::string prefix(schema::kIdPrefix);
    for (auto t = shard.allterms_begin(prefix); t != shard.allterms_end(prefix); ++t) {
      EXPECT_EQ(shards::shard_of((*t).substr(prefix.size()), 3), k) << *t;
    }
    // The spelling dictionary lives in aux only (remote shards cannot serve it).
    EXPECT_EQ(shard.spellings_begin(), shard.spellings_end());
  }
  EXPECT_EQ(total, testing::sharding_corpus_articles());
  Xapian::Database aux(dir / "index/aux");
  EXPECT_EQ(aux.get_doccount(), 0u);
  EXPECT_NE(aux.spellings_begin(), aux.spellings_end());
  EXPECT_NE(aux.synonym_keys_begin(), aux.synonym_keys_end());
  EXPECT_EQ(aux.get_metadata("newsdex.shards"), "3");
  EXPECT_EQ(aux.get_metadata(std::string(schema::kSchemaVersionKey)), schema::kSchemaVersion);
}

TEST(ShardedIndexTest, LaterImportsKeepTheLayout) {
  TempDir dir;
  indexer::IndexOptions options;
  options.db_path = dir / "index";
  options.shards = 2;
  testing::build_index(options);
  indexer::IndexOptions again;  // no shard count: the layout of the folder
  again.db_path = dir / "index";
  indexer::Indexer index(again);
  EXPECT_EQ(index.document_count(), testing::sharding_corpus_articles());
  Article edited;
  edited.id = "nd-0001";
  edited.title = "Completely rewritten headline about zeppelins";
  edited.body = "Zeppelins return to the skies over the lake this summer.";
  EXPECT_EQ(index.add(edited), indexer::AddOutcome::kReplaced);
  Article added;
  added.id = "new-1";
  added.title = "Zeppelin tours sell out";
  EXPECT_EQ(index.add(added), indexer::AddOutcome::kAdded);
  EXPECT_TRUE(index.remove("nd-0002"));
  EXPECT_FALSE(index.remove("no-such-id"));
  index.commit();
  EXPECT_EQ(index.document_count(), testing::sharding_corpus_articles());
  EXPECT_EQ(doccount(dir / "index/shard-0") + doccount(dir / "index/shard-1"),
            testing::sharding_corpus_articles());
  searcher::Searcher searcher(dir / "index");
  searcher::SearchRequest request;
  request.query = "zeppelins";
  const auto result = searcher.search(request);
  ASSERT_EQ(result.hits.size(), 2u);
  // Asking for another shard count is refused, naming the real one.
  indexer::IndexOptions wrong = again;
  wrong.shards = 3;
  EXPECT_THROW(indexer::Indexer{wrong}, ConfigError);
}

// The first run builds the empty shards in bulk: nothing reaches them
// before its final commit. A crash leaves each shard's segments behind,
// which the next run removes (holding the shard's lock) before it writes.
TEST(ShardedIndexTest, AnInterruptedFirstBuildLeavesTheShardsEmptyAndIsCleanedUp) {
  TempDir dir;
  indexer::IndexOptions options;
  options.db_path = dir / "index";
  options.shards = 2;
  options.batch_size = 10;
  // Where a bulk build of shard-1 writes (indexer/src/bulk_writer.h).
  const std::string work = dir / "index/shard-1.newsdex-bulk";
  {
    indexer::Indexer index(options);
    for (int i = 0; i < 40; ++i) {
      Article article;
      article.id = "crash-" + std::to_string(i);
      article.title = "Harbour crane number " + std::to_string(i);
      article.body = "The harbour crane was inspected on day " + std::to_string(i) + ".";
      index.add(article);
    }
    EXPECT_EQ(index.document_count(), 0u);  // nothing in the shards yet
    ASSERT_TRUE(std::filesystem::exists(work));
    std::filesystem::copy(work, dir / "left-over", std::filesystem::copy_options::recursive);
    index.discard();
  }
  // The run above finished its build with what it had flushed.
  EXPECT_EQ(doccount(dir / "index/shard-0") + doccount(dir / "index/shard-1"), 40u);
  std::filesystem::remove_all(work);
  std::filesystem::rename(dir / "left-over", work);
  indexer::IndexOptions again;
  again.db_path = dir / "index";
  indexer::Indexer index(again);
  EXPECT_FALSE(std::filesystem::exists(work));
  EXPECT_EQ(index.document_count(), 40u);
}

TEST(ShardedIndexTest, RefusesToShardASingleDatabase) {
  TempDir dir;
  indexer::IndexOptions single;
  single.db_path = dir / "index";
  testing::build_index(single, false);
  indexer::IndexOptions sharded = single;
  sharded.shards = 2;
  EXPECT_THROW(indexer::Indexer{sharded}, ConfigError);
  indexer::IndexOptions only = single;
  only.only_shard = 0;
  EXPECT_THROW(indexer::Indexer{only}, ConfigError);
}

// Every document of `a` is in `b` with the same data, values and terms
// (`except_clusters`: but the cluster key, value and term).
void expect_same_documents(const std::string& a_path, const std::string& b_path,
                           bool except_clusters) {
  Xapian::Database a(a_path), b(b_path);
  ASSERT_EQ(a.get_doccount(), b.get_doccount()) << a_path;
  const std::string prefix(schema::kIdPrefix);
  const std::string cluster_prefix(schema::kClusterPrefix);
  for (auto t = a.allterms_begin(prefix); t != a.allterms_end(prefix); ++t) {
    auto in_b = b.postlist_begin(*t);
    ASSERT_NE(in_b, b.postlist_end(*t)) << *t;
    const Xapian::Document x = a.get_document(*a.postlist_begin(*t));
    const Xapian::Document y = b.get_document(*in_b);
    EXPECT_EQ(x.get_data(), y.get_data()) << *t;
    for (const Xapian::Document* doc : {&x, &y}) {
      for (auto v = doc->values_begin(); v != doc->values_end(); ++v) {
        if (except_clusters && v.get_valueno() == schema::kSlotCluster) continue;
        EXPECT_EQ(x.get_value(v.get_valueno()), y.get_value(v.get_valueno()))
            << *t << " slot " << v.get_valueno();
      }
    }
    std::vector<std::pair<std::string, Xapian::termcount>> xt, yt;
    for (auto term = x.termlist_begin(); term != x.termlist_end(); ++term) {
      if (!except_clusters || (*term).rfind(cluster_prefix, 0) != 0) {
        xt.emplace_back(*term, term.get_wdf());
      }
    }
    for (auto term = y.termlist_begin(); term != y.termlist_end(); ++term) {
      if (!except_clusters || (*term).rfind(cluster_prefix, 0) != 0) {
        yt.emplace_back(*term, term.get_wdf());
      }
    }
    EXPECT_EQ(xt, yt) << *t;
  }
}

TEST(ShardedIndexTest, ShardByShardBuildsEqualOneRun) {
  TempDir dir;
  indexer::IndexOptions whole;
  whole.db_path = dir / "whole";
  whole.shards = 3;
  testing::build_index(whole);
  // Each shard built by a run of its own over the whole feed, as each
  // machine would; the first also writes the auxiliary database.
  for (unsigned k = 0; k < 3; ++k) {
    indexer::IndexOptions one;
    one.db_path = dir / "parts";
    one.shards = 3;
    one.only_shard = k;
    if (k == 0) one.write_aux = true;
    indexer::Indexer index(one);
    if (k == 0) index.set_synonyms(testing::sharding_synonyms());
    const auto report = indexer::import_inputs(index, testing::sharding_corpus());
    EXPECT_GT(report.other_shards, 100u);
    EXPECT_EQ(report.added, doccount(dir / ("whole/shard-" + std::to_string(k))));
    if (k != 0) {
      EXPECT_THROW(index.set_synonyms(testing::sharding_synonyms()), ConfigError);
    }
  }
  std::size_t clustered = 0;
  for (unsigned k = 0; k < 3; ++k) {
    const std::string name = "/shard-" + std::to_string(k);
    // Cluster keys included: each run sketches the other shards' articles,
    // so a copy of a story first seen in another shard gets its key.
    expect_same_documents(dir / "whole" + name, dir / "parts" + name, false);
    Xapian::Database shard(dir / "parts" + name);
    for (Xapian::docid did = 1; did <= shard.get_lastdocid(); ++did) {
      try {
        clustered += shard.get_document(did).get_value(schema::kSlotCluster).empty() ? 0 : 1;
      } catch (const Xapian::DocNotFoundError&) {
      }
    }
  }
  // The corpus has copies to cluster, so the keys were compared.
  EXPECT_GT(clustered, 20u);
  // The same spelling dictionary (words and frequencies) and synonyms.
  Xapian::Database a(dir / "whole/aux"), b(dir / "parts/aux");
  std::vector<std::pair<std::string, Xapian::doccount>> x, y;
  for (auto w = a.spellings_begin(); w != a.spellings_end(); ++w)
    x.emplace_back(*w, w.get_termfreq());
  for (auto w = b.spellings_begin(); w != b.spellings_end(); ++w)
    y.emplace_back(*w, w.get_termfreq());
  EXPECT_GT(x.size(), 1000u);
  EXPECT_EQ(x, y);
  std::vector<std::string> sx, sy;
  for (auto s = a.synonym_keys_begin(); s != a.synonym_keys_end(); ++s) sx.push_back(*s);
  for (auto s = b.synonym_keys_begin(); s != b.synonym_keys_end(); ++s) sy.push_back(*s);
  EXPECT_FALSE(sx.empty());
  EXPECT_EQ(sx, sy);
}

}  // namespace
}  // namespace newsdex
