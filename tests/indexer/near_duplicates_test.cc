// Near-duplicate clusters: the fingerprint, the labelled evaluation set
// (tests/data/near_duplicates), replacing and deleting articles, and the
// parallel build.
#include "near_duplicates.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "newsdex/common/schema.h"
#include "newsdex/indexer/article_reader.h"
#include "newsdex/indexer/indexer.h"
#include "stored_article.h"
#include "storm_story.h"
#include "temp_dir.h"

namespace newsdex::indexer {
namespace {

const std::string kEvalSet =
    std::string(NEWSDEX_SOURCE_DIR) + "/tests/data/near_duplicates/articles.jsonl";

std::vector<std::string_view> words_of(const std::string& text, std::vector<std::string>& store) {
  store.clear();
  std::string word;
  for (char c : text + " ") {
    if (c == ' ') {
      if (!word.empty()) store.push_back(word);
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  return {store.begin(), store.end()};
}

Fingerprint fingerprint_of(const std::string& text) {
  std::vector<std::string> store;
  return Fingerprint::of_words(words_of(text, store));
}

const std::string kText =
    "the port authority said on monday that the storm had closed both container terminals "
    "and that dozens of ships were waiting outside the harbour for the wind to drop before "
    "pilots could bring them in safely shipping lines warned customers of delays of up to a "
    "week and truck drivers queued for hours on the approach roads before being turned away "
    "by the police who closed the harbour road to all but emergency traffic";

TEST(FingerprintTest, IdenticalTextsAreOneStory) {
  const Fingerprint a = fingerprint_of(kText);
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(resemblance(a, fingerprint_of(kText)), 1.0);
  EXPECT_TRUE(same_story(a, fingerprint_of(kText)));
}

TEST(FingerprintTest, TooShortTextHasNoFingerprint) {
  EXPECT_TRUE(fingerprint_of("storm closes port").empty());
  EXPECT_TRUE(fingerprint_of("").empty());
  EXPECT_TRUE(fingerprint_of("storm closes port").band_terms().empty());
}

// Reuters' dividend notices differ in the company and the figures only.
TEST(FingerprintTest, ShortTemplatedTextsMustBeNearlyIdentical) {
  const std::string notice = "qtly div 15 cts vs 15 cts prior pay april 1 record march 15 reuter";
  EXPECT_TRUE(same_story(fingerprint_of(notice), fingerprint_of(notice)));
  EXPECT_FALSE(same_story(
      fingerprint_of(notice),
      fingerprint_of("qtly div 15 cts vs 15 cts prior pay april 10 record march 20 reuter")));
}

TEST(FingerprintTest, EncodingRoundTrips) {
  const Fingerprint a = fingerprint_of(kText);
  const auto b = Fingerprint::decode(a.encode());
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->shingles, a.shingles);
  EXPECT_EQ(b->mins, a.mins);
  // The bands are the document's terms, not part of the value.
  EXPECT_FALSE(b->bands.has_value());
  EXPECT_TRUE(b->band_terms().empty());
  EXPECT_EQ(a.band_terms().size(), Fingerprint::kBands);
  EXPECT_EQ(a.encode().size(), 4 + Fingerprint::kHashes);
  EXPECT_FALSE(Fingerprint::decode("short").has_value());
}

TEST(FingerprintTest, CutCopyIsOneStoryUnrelatedTextIsNot) {
  const std::string cut = kText.substr(0, kText.find(" and truck drivers"));
  EXPECT_TRUE(same_story(fingerprint_of(kText), fingerprint_of(cut + " reporting by ana ruiz")));
  EXPECT_FALSE(same_story(
      fingerprint_of(kText),
      fingerprint_of("shipping lines said on tuesday that freight rates had fallen for a third "
                     "week as port congestion eased and more vessels became available")));
}

// The story of each article of an index: its cluster key, or "alone:" and
// its id for an article without a copy (no key value; its cluster term
// names the cluster it would start).
std::map<std::string, std::string> clusters_of(const std::string& path) {
  Xapian::Database db(path);
  std::map<std::string, std::string> clusters;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    const std::string id =
        internal::decode_stored_article(doc.get_data(), internal::BodyDecoding::kSkip).id;
    const std::string key = schema::cluster_key(doc.get_value(schema::kSlotCluster));
    const std::string term_key = cluster_term_key_of(doc);
    EXPECT_EQ(term_key.size(), 16u) << id;
    if (key.empty()) {
      clusters[id] = "alone:" + id;
    } else {
      // The term lists the cluster's members: it must agree with the value.
      EXPECT_EQ(term_key, key) << id;
      clusters[id] = key;
    }
  }
  return clusters;
}

// The "story" label of every article of the evaluation set, in file order.
std::vector<std::pair<std::string, std::string>> labels() {
  std::vector<std::pair<std::string, std::string>> out;
  std::ifstream in(kEvalSet);
  for (std::string line; std::getline(in, line);) {
    const auto field = [&](const std::string& name) {
      const std::string key = "\"" + name + "\": \"";
      const std::size_t at = line.find(key);
      return line.substr(at + key.size(), line.find('"', at + key.size()) - at - key.size());
    };
    out.emplace_back(field("id"), field("story"));
  }
  return out;
}

void index_eval_set(const std::string& db_path, unsigned threads, std::size_t batch_size) {
  IndexOptions options;
  options.db_path = db_path;
  options.threads = threads;
  options.batch_size = batch_size;
  options.segment_size = 40;
  Indexer indexer(options);
  auto reader = open_reader(kEvalSet, {});
  while (auto article = reader->next()) indexer.add(*article);
  indexer.commit();
}

TEST(NearDuplicateClusterTest, LabelledSetMeetsPrecisionAndRecallTargets) {
  testing::TempDir dir;
  index_eval_set(dir / "db", 1, 50);
  const auto clusters = clusters_of(dir / "db");
  const auto labelled = labels();
  ASSERT_EQ(clusters.size(), labelled.size());
  std::size_t both = 0, predicted = 0, actual = 0;
  for (std::size_t i = 0; i < labelled.size(); ++i) {
    for (std::size_t j = i + 1; j < labelled.size(); ++j) {
      const bool same_label = labelled[i].second == labelled[j].second;
      const bool same_cluster = clusters.at(labelled[i].first) == clusters.at(labelled[j].first);
      both += same_label && same_cluster;
      predicted += same_cluster;
      actual += same_label;
      if (same_label != same_cluster) {
        std::printf("%s: %s / %s\n", same_label ? "missed" : "wrongly merged",
                    labelled[i].first.c_str(), labelled[j].first.c_str());
      }
    }
  }
  const double precision =
      predicted ? static_cast<double>(both) / static_cast<double>(predicted) : 1.0;
  const double recall = static_cast<double>(both) / static_cast<double>(actual);
  std::printf(
      "near-duplicate pairs: %zu labelled, %zu found, %zu right: precision %.3f recall %.3f\n",
      actual, predicted, both, precision, recall);
  EXPECT_GE(precision, 0.98);
  EXPECT_GE(recall, 0.90);
}

TEST(NearDuplicateClusterTest, ParallelBuildGivesTheClustersOfOneThread) {
  testing::TempDir dir;
  index_eval_set(dir / "one", 1, 50);
  index_eval_set(dir / "two", 2, 7);  // many batches and segments per writer
  index_eval_set(dir / "three", 3, 1000);
  const auto one = clusters_of(dir / "one");
  EXPECT_EQ(clusters_of(dir / "two"), one);
  EXPECT_EQ(clusters_of(dir / "three"), one);
  // There are clusters to compare, and only articles with a copy have a
  // key (nothing is removed from this set, so no cluster shrinks to one).
  std::map<std::string, int> members;
  for (const auto& [id, story] : one) ++members[story];
  std::size_t keyed = 0;
  for (const auto& [story, count] : members) {
    if (story.rfind("alone:", 0) == 0) continue;
    EXPECT_GE(count, 2) << story;
    keyed += static_cast<std::size_t>(count);
  }
  EXPECT_GT(keyed, 0u);
  EXPECT_LT(keyed, one.size());
}

IndexOptions options_for(const testing::TempDir& dir, unsigned threads) {
  IndexOptions options;
  options.db_path = dir / "db";
  options.threads = threads;
  return options;
}

Article article(std::string id, std::string body) {
  Article a;
  a.id = std::move(id);
  a.title = "Storm closes port";
  a.source = "Wire " + a.id;
  a.body = std::move(body);
  return a;
}

const std::string& kStory = testing::kStormStory;
const std::string kOtherStory =
    "The central bank raised interest rates by half a point on Thursday and signalled that "
    "further increases were likely as inflation stayed well above its target for a second "
    "year, sending the currency to a three-month high against the dollar.";

// The story of article `id`: its cluster key, or "alone:" and its id when
// it has none (no copy); empty if it is not in the index.
std::string key_of(const std::string& db_path, const std::string& id) {
  Xapian::Database db(db_path);
  auto it = db.postlist_begin(schema::id_term(id));
  if (it == db.postlist_end(schema::id_term(id))) return "";
  const std::string key = schema::cluster_key(db.get_document(*it).get_value(schema::kSlotCluster));
  return key.empty() ? "alone:" + id : key;
}

// Most articles have no copy, and carry no collapse key (slot 9 value): the
// article a first copy joins is given the value of the key of the cluster
// it starts, by one writer, by the parallel build and by a later import.
TEST(NearDuplicateClusterTest, AnArticleGetsAClusterKeyOnlyWithItsFirstCopy) {
  for (unsigned threads : {1u, 2u}) {
    testing::TempDir dir;
    IndexOptions options = options_for(dir, threads);
    {
      Indexer indexer(options);
      indexer.add(article("first", kStory));
      indexer.add(article("bank", kOtherStory));
      indexer.add(article("copy", kStory + " Copyright Wire."));
      indexer.commit();
    }
    EXPECT_EQ(key_of(options.db_path, "bank"), "alone:bank") << threads << " threads";
    const std::string key = key_of(options.db_path, "first");
    EXPECT_EQ(key.size(), 16u) << threads << " threads";
    EXPECT_EQ(key_of(options.db_path, "copy"), key) << threads << " threads";
    {
      // A later import: the copy of "bank" gives "bank" its key.
      Indexer indexer(options);
      indexer.add(article("bank copy", "MILAN (Wire) - " + kOtherStory));
      indexer.commit();
    }
    const std::string bank = key_of(options.db_path, "bank");
    EXPECT_EQ(bank.size(), 16u) << threads << " threads";
    EXPECT_EQ(key_of(options.db_path, "bank copy"), bank) << threads << " threads";
    EXPECT_EQ(key_of(options.db_path, "first"), key) << threads << " threads";
  }
}

TEST(NearDuplicateClusterTest, CopiesJoinTheEarliestCopysCluster) {
  testing::TempDir dir;
  IndexOptions options;
  options.db_path = dir / "db";
  {
    Indexer indexer(options);
    indexer.add(article("first", kStory));
    indexer.add(article("other", kOtherStory));
    indexer.commit();
    // A copy in the same batch as another copy, and one in a later batch.
    indexer.add(article("credit", "PINE HARBOUR (Wire) - " + kStory + " (Reporting by Ana Ruiz)"));
    indexer.commit();
    indexer.add(article("cut", kStory.substr(0, kStory.find("\n\n"))));
    indexer.commit();
  }
  const std::string key = key_of(options.db_path, "first");
  EXPECT_EQ(key_of(options.db_path, "credit"), key);
  EXPECT_EQ(key_of(options.db_path, "cut"), key);
  EXPECT_NE(key_of(options.db_path, "other"), key);
}

Article headline(std::string id, std::string title, std::string url) {
  Article a;
  a.id = std::move(id);
  a.title = std::move(title);
  a.source = "jamanetwork.com";
  a.url = std::move(url);
  return a;
}

// A page whose headline was edited (the JAMA study of the example,
// recorded twice under two headlines, once with tracking parameters): one
// story, though the two headlines share too little text to be copies; two
// items that give only a site's home page are not.
TEST(NearDuplicateClusterTest, RecordsOfOnePageAreOneStoryWhateverTheirHeadlines) {
  for (unsigned threads : {1u, 2u}) {
    testing::TempDir dir;
    IndexOptions options = options_for(dir, threads);
    {
      Indexer indexer(options);
      indexer.add(headline("first",
                           "COVID-19 vaccination was estimated to prevent 27 million infections "
                           "among vaccinated adults, new study finds",
                           "https://jamanetwork.com/journals/jamanetworkopen/fullarticle/"
                           "2793913?utm_source=For_The_Media&utm_medium=referral"));
      indexer.add(headline("other", "Storm closes both container terminals at Pine Harbour",
                           "https://jamanetwork.com/"));
      indexer.add(headline("edited",
                           "Research has found vaccination prevented 235,000 deaths among "
                           "vaccinated persons in the U.S.",
                           "https://www.jamanetwork.com/journals/jamanetworkopen/fullarticle/"
                           "2793913/"));
      indexer.add(headline("home", "Central bank raises rates by half a point",
                           "https://jamanetwork.com/?utm_source=feed"));
      indexer.commit();
    }
    const std::string key = key_of(options.db_path, "first");
    EXPECT_EQ(key_of(options.db_path, "edited"), key) << threads << " threads";
    EXPECT_NE(key_of(options.db_path, "other"), key) << threads << " threads";
    EXPECT_NE(key_of(options.db_path, "home"), key_of(options.db_path, "other"))
        << threads << " threads";
  }
}

TEST(NearDuplicateClusterTest, DeletingTheFirstCopyKeepsTheOthersTogether) {
  testing::TempDir dir;
  IndexOptions options;
  options.db_path = dir / "db";
  Indexer indexer(options);
  indexer.add(article("first", kStory));
  indexer.add(article("second", kStory + " Copyright Wire."));
  indexer.commit();
  const std::string key = key_of(options.db_path, "first");
  ASSERT_TRUE(indexer.remove("first"));
  indexer.commit();
  EXPECT_EQ(key_of(options.db_path, "second"), key);
  // A later copy still finds the cluster through its remaining member.
  indexer.add(article("third", "PINE HARBOUR - " + kStory));
  indexer.commit();
  EXPECT_EQ(key_of(options.db_path, "third"), key);
}

TEST(NearDuplicateClusterTest, ReplacedArticleIsClusteredByItsNewText) {
  testing::TempDir dir;
  IndexOptions options;
  options.db_path = dir / "db";
  Indexer indexer(options);
  indexer.add(article("first", kStory));
  indexer.add(article("second", kStory + " Copyright Wire."));
  indexer.add(article("bank", kOtherStory));
  indexer.commit();
  const std::string key = key_of(options.db_path, "first");
  ASSERT_EQ(key_of(options.db_path, "second"), key);

  // The first copy rewritten as another story: it leaves the cluster, whose
  // key stays with the remaining copy, and joins the other story's.
  indexer.add(article("first", kOtherStory + " Reporting by Ana Ruiz."));
  indexer.commit();
  EXPECT_EQ(key_of(options.db_path, "second"), key);
  EXPECT_EQ(key_of(options.db_path, "first"), key_of(options.db_path, "bank"));

  // Edited slightly, a copy stays in its cluster (it is not compared with
  // its own older version, but with the other copies).
  indexer.add(article("third", "PINE HARBOUR - " + kStory));
  indexer.add(article("second", kStory + " Copyright Wire 2024."));
  indexer.commit();
  EXPECT_EQ(key_of(options.db_path, "second"), key);
  EXPECT_EQ(key_of(options.db_path, "third"), key);

  // Rewritten to stand alone, it starts a cluster of its own, a new key
  // (not the one it had, which "third" keeps).
  indexer.add(article("second",
                      "Completely different words about a local bakery that won a "
                      "regional prize for its sourdough loaves this weekend in town."));
  indexer.commit();
  EXPECT_NE(key_of(options.db_path, "second"), key);
  EXPECT_NE(key_of(options.db_path, "second"), key_of(options.db_path, "bank"));
  EXPECT_EQ(key_of(options.db_path, "third"), key);
}

// One build that replaces and removes its own articles: the parallel build
// settles clusters after its writers finish, yet each version must be
// clustered against the index as it was when that version came in, as one
// writer does ("fourth" finds the story's cluster through "third" and
// "second", both gone by the end of the build).
TEST(NearDuplicateClusterTest, ParallelBuildReplaysReplacementsAndRemovalsInInputOrder) {
  std::map<unsigned, std::map<std::string, std::string>> keys_by_threads;
  for (unsigned threads : {1u, 2u, 3u}) {
    testing::TempDir dir;
    IndexOptions options = options_for(dir, threads);
    options.batch_size = 2;  // several flushes inside the one build
    {
      Indexer indexer(options);
      indexer.add(article("first", kStory));
      indexer.add(article("second", kStory + " Copyright Wire."));
      indexer.add(article("bank", kOtherStory));
      indexer.add(article("first", kOtherStory + " Reporting by Ana Ruiz."));
      indexer.add(article("third", "PINE HARBOUR - " + kStory));
      ASSERT_TRUE(indexer.remove("second"));
      indexer.add(article("fourth", kStory + " (Reporting by Ana Ruiz)"));
      ASSERT_TRUE(indexer.remove("third"));
      indexer.add(testing::storm_fishermen());  // the same event, another story
      indexer.commit();
    }
    auto& keys = keys_by_threads[threads];
    const std::string side = testing::storm_fishermen().id;
    for (const std::string& id :
         {std::string("first"), std::string("bank"), std::string("fourth"), side}) {
      keys[id] = key_of(options.db_path, id);
      EXPECT_FALSE(keys[id].empty()) << id;  // in the index
    }
    EXPECT_EQ(keys["first"], keys["bank"]) << threads << " threads";
    EXPECT_NE(keys["fourth"], keys["bank"]) << threads << " threads";
    EXPECT_NE(keys[side], keys["fourth"]) << threads << " threads";
  }
  EXPECT_EQ(keys_by_threads[2], keys_by_threads[1]);
  EXPECT_EQ(keys_by_threads[3], keys_by_threads[1]);
}

}  // namespace
}  // namespace newsdex::indexer
