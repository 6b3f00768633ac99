// The ledger that settles a parallel build's duplicate clusters in input
// order while its writers run (cluster_ledger.h), on sketches made by hand.
#include "cluster_ledger.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace newsdex::indexer {
namespace {

Fingerprint fingerprint_of(const std::string& text) {
  std::vector<std::string> store;
  std::istringstream in(text);
  for (std::string word; in >> word;) store.push_back(word);
  return Fingerprint::of_words({store.begin(), store.end()});
}

const std::string kStory =
    "the port authority said on monday that the storm had closed both container terminals "
    "and that dozens of ships were waiting outside the harbour for the wind to drop before "
    "pilots could bring them in safely shipping lines warned customers of delays of up to a "
    "week and truck drivers queued for hours on the approach roads";
const std::string kOther =
    "the central bank raised interest rates by half a point on thursday and signalled that "
    "further increases were likely as inflation stayed well above its target for a second "
    "year sending the currency to a three month high against the dollar";

ArticleSketch sketch(std::uint64_t seq, const std::string& text, std::uint64_t page = 0) {
  ArticleSketch s;
  s.seq = seq;
  s.fingerprint = fingerprint_of(text);
  s.page = page;
  s.key = 1000 + seq;  // of the cluster it would start
  return s;
}

// How `seq` is to be written, in one word: "alone", "valued <key>" (a
// later copy joined it) or "joined <key>".
std::string settled_as(const ClusterLedger& ledger, std::uint64_t seq) {
  const Settlement s = ledger.settlement(seq);
  if (s.joined) return "joined " + s.key;
  return s.valued ? "valued " + s.key : "alone";
}

// Writes `seq` as a waiting writer would (as settled), at docid seq + 1.
void write(ClusterLedger& ledger, std::uint64_t seq) {
  const Settlement s = ledger.settlement(seq);
  ledger.written(seq, static_cast<std::uint32_t>(seq % 2), static_cast<std::uint32_t>(seq / 4),
                 static_cast<Xapian::docid>(seq + 1), s.valued, s.joined);
}

// Writes `seq` as a writer that does not wait would: alone.
void write_alone(ClusterLedger& ledger, std::uint64_t seq) {
  ledger.written(seq, static_cast<std::uint32_t>(seq % 2), static_cast<std::uint32_t>(seq / 4),
                 static_cast<Xapian::docid>(seq + 1), false, false);
}

// The changes left to write, by docid: "term <key>" for a joiner written
// alone, "<key>" for a value, "no value".
std::map<Xapian::docid, std::string> value_changes(ClusterLedger& ledger) {
  std::map<Xapian::docid, std::string> keys;
  for (const ClusterChange& change : ledger.take_changes()) {
    EXPECT_EQ(change.writer, (change.docid - 1) % 2);
    EXPECT_EQ(change.segment, (change.docid - 1) / 4);
    keys[change.docid] =
        change.key.empty() ? "no value" : (change.term ? "term " : "") + change.key;
  }
  return keys;
}

const std::string kFirst = cluster_key_text(1000);

TEST(ClusterLedgerTest, KeysRoundTrip) {
  EXPECT_EQ(cluster_key_text(0x00ab'cdef'0123'4567ULL), "00abcdef01234567");
  EXPECT_EQ(cluster_key_number("00abcdef01234567"), 0x00ab'cdef'0123'4567ULL);
  EXPECT_EQ(page_number("XDU00000000000000ff"), 0xffU);
  EXPECT_EQ(page_number(""), 0U);
}

TEST(ClusterLedgerTest, CopiesJoinTheEarliestCopyWhateverThePublishingOrder) {
  ClusterLedger ledger;
  // Published by two writers, not in input order: nothing is settled
  // until every earlier position is in.
  ledger.publish(sketch(3, kStory + " reporting by ana ruiz"));
  ledger.publish(sketch(1, kOther));
  ledger.publish(sketch(2, "pine harbour wire " + kStory));
  EXPECT_FALSE(ledger.settled(0));
  EXPECT_FALSE(ledger.settled(3));
  ledger.publish(sketch(0, kStory));
  EXPECT_TRUE(ledger.settled(3));
  EXPECT_EQ(settled_as(ledger, 0), "valued " + kFirst);
  EXPECT_EQ(settled_as(ledger, 1), "alone");
  EXPECT_EQ(settled_as(ledger, 2), "joined " + kFirst);
  EXPECT_EQ(settled_as(ledger, 3), "joined " + kFirst);
  for (std::uint64_t seq = 0; seq < 4; ++seq) write(ledger, seq);
  EXPECT_TRUE(value_changes(ledger).empty());  // each written as it ends
}

TEST(ClusterLedgerTest, AnArticleWrittenBeforeItsFirstCopyGetsItsValueAfterwards) {
  ClusterLedger ledger;
  ledger.publish(sketch(0, kStory));
  write(ledger, 0);  // alone, as far as anyone knows
  ledger.publish(sketch(1, kOther));
  ledger.publish(sketch(2, kStory + " copyright wire"));
  write(ledger, 1);
  write(ledger, 2);
  EXPECT_EQ(settled_as(ledger, 2), "joined " + kFirst);
  EXPECT_EQ(value_changes(ledger), (std::map<Xapian::docid, std::string>{{1, kFirst}}));
  EXPECT_TRUE(value_changes(ledger).empty());  // taken: written by the caller
}

TEST(ClusterLedgerTest, ArticlesWrittenAloneWithoutWaitingGetTheirClusterAfterwards) {
  ClusterLedger ledger;
  // Written as soon as analysed, before or after they are settled.
  write_alone(ledger, 0);
  ledger.publish(sketch(1, kStory + " copyright wire"));
  write_alone(ledger, 1);
  ledger.publish(sketch(2, kOther));
  write_alone(ledger, 2);
  ledger.publish(sketch(0, kStory));
  ledger.publish(sketch(3, "pine harbour wire " + kStory));
  write_alone(ledger, 3);
  EXPECT_EQ(value_changes(ledger), (std::map<Xapian::docid, std::string>{
                                       {1, kFirst}, {2, "term " + kFirst}, {4, "term " + kFirst}}));
  EXPECT_TRUE(value_changes(ledger).empty());
}

TEST(ClusterLedgerTest, AVersionCountsOnlyUntilItIsReplacedOrRemoved) {
  ClusterLedger ledger;
  ledger.supersede(0, 3);  // removed after the copy at 1 came in
  ledger.supersede(2, 3);
  ledger.supersede(1, 5);  // replaced at 5
  ledger.publish(sketch(0, kStory));
  ledger.publish(sketch(1, kStory + " copyright wire"));
  ledger.publish(sketch(2, kOther));
  ledger.skip(3);
  ledger.publish(sketch(4, "pine harbour " + kStory));
  ledger.publish(sketch(5, kOther + " corrected"));
  EXPECT_EQ(settled_as(ledger, 1), "joined " + kFirst);
  // 4 came after 0 left and found the story through 1, keyed already.
  EXPECT_EQ(settled_as(ledger, 4), "joined " + kFirst);
  // 2 was gone when 5, its copy, came.
  EXPECT_EQ(settled_as(ledger, 5), "alone");
  write(ledger, 0);
  for (std::uint64_t seq : {1, 2, 4, 5}) write(ledger, seq);
  // 0 never got its value, but it is gone: nothing to change.
  EXPECT_TRUE(value_changes(ledger).empty());
}

TEST(ClusterLedgerTest, AVersionRemovedBeforeACopyComesIsNoCandidate) {
  ClusterLedger ledger;
  ledger.supersede(0, 1);
  ledger.publish(sketch(0, kStory));
  ledger.skip(1);
  ledger.publish(sketch(2, kStory + " copyright wire"));
  EXPECT_EQ(settled_as(ledger, 2), "alone");
}

TEST(ClusterLedgerTest, RecordsOfOnePageAreOneStoryWithoutAFingerprint) {
  ClusterLedger ledger;
  ledger.publish(sketch(0, "short headline", 77));
  ledger.publish(sketch(1, "another headline", 77));
  ledger.publish(sketch(2, "third headline", 78));
  EXPECT_EQ(settled_as(ledger, 0), "valued " + kFirst);
  EXPECT_EQ(settled_as(ledger, 1), "joined " + kFirst);
  EXPECT_EQ(settled_as(ledger, 2), "alone");
}

TEST(ClusterLedgerTest, ADiscardedBatchIsForgottenWithWhatItChanged) {
  ClusterLedger ledger;
  ledger.publish(sketch(0, kStory));
  ledger.publish(sketch(1, kOther));
  for (std::uint64_t seq : {0, 1}) write(ledger, seq);
  ledger.keep_before(2);
  // The discarded batch: a copy of 0, written with its value meanwhile,
  // and the removal of 1.
  ledger.publish(sketch(2, kStory + " copyright wire"));
  ledger.supersede(1, 3);
  ledger.skip(3);
  EXPECT_EQ(settled_as(ledger, 0), "valued " + kFirst);
  write(ledger, 2);
  ledger.discard_from(2);
  // 0 is alone again, 1 is still in the index: a later copy of it finds it.
  ledger.publish(sketch(4, "pine harbour wire " + kOther));
  EXPECT_EQ(settled_as(ledger, 0), "alone");
  EXPECT_EQ(settled_as(ledger, 4), "joined " + cluster_key_text(1001));
  write(ledger, 4);
  EXPECT_EQ(value_changes(ledger),
            (std::map<Xapian::docid, std::string>{{2, cluster_key_text(1001)}}));
}

TEST(ClusterLedgerTest, AValueWrittenForADiscardedCopyIsRemoved) {
  ClusterLedger ledger;
  ledger.publish(sketch(0, kStory));
  ledger.keep_before(1);
  ledger.publish(sketch(1, kStory + " copyright wire"));
  write(ledger, 0);  // after the copy was settled: with its value
  ledger.discard_from(1);
  EXPECT_EQ(value_changes(ledger), (std::map<Xapian::docid, std::string>{{1, "no value"}}));
}

TEST(ClusterLedgerTest, AnAbandonedLedgerEndsEveryWait) {
  ClusterLedger ledger;
  ledger.publish(sketch(1, kStory));
  auto waiting = std::async(std::launch::async, [&] { return ledger.settlement(1); });
  EXPECT_EQ(waiting.wait_for(std::chrono::milliseconds(50)), std::future_status::timeout);
  ledger.abandon(std::make_exception_ptr(std::runtime_error("writer 0 failed")));
  EXPECT_THROW(waiting.get(), std::runtime_error);
}

TEST(MemberTableTest, HoldsWhatWasSetUntilErasedWhateverTheCollisions) {
  MemberTable<std::uint32_t> table;
  std::unordered_map<std::uint32_t, std::uint32_t> expected;
  std::mt19937 random(7);
  for (std::uint32_t i = 0; i < 20000; ++i) {
    const auto hash = static_cast<std::uint32_t>(random() % 50000);  // repeats: some sets overwrite
    table.set(hash, i);
    expected[hash] = i;
  }
  std::uint32_t erased = 0;
  for (auto it = expected.begin(); it != expected.end();) {
    if (it->first % 3 == 0) {
      table.erase(it->first);
      it = expected.erase(it);
      ++erased;
    } else {
      ++it;
    }
  }
  ASSERT_GT(erased, 1000U);
  for (std::uint32_t hash = 0; hash < 50000; ++hash) {
    const auto found = table.find(hash);
    const auto wanted = expected.find(hash);
    if (wanted == expected.end()) {
      EXPECT_FALSE(found) << hash;
    } else {
      ASSERT_TRUE(found) << hash;
      EXPECT_EQ(*found, wanted->second) << hash;
    }
  }
}

}  // namespace
}  // namespace newsdex::indexer
