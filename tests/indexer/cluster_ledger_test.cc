// The ledger that settles a parallel build's duplicate clusters in input
// order (cluster_ledger.h), on sketches made by hand.
#include "cluster_ledger.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "story_texts.h"

namespace newsdex::indexer {
namespace {

using story_texts::fingerprint_of;
using story_texts::kOther;
using story_texts::kStory;

ArticleSketch sketch(std::uint64_t seq, const std::string& text, std::uint64_t page = 0) {
  ArticleSketch s;
  s.seq = seq;
  s.fingerprint = fingerprint_of(text);
  s.page = page;
  s.key = 1000 + seq;  // of the cluster it would start
  s.writer = static_cast<std::uint32_t>(seq % 2);
  s.segment = static_cast<std::uint32_t>(seq / 4);
  s.docid = static_cast<Xapian::docid>(seq + 1);
  return s;
}

// The new key of every changed document, by its docid; a starter's (whose
// value only changes) marked "value ".
std::map<Xapian::docid, std::string> settle(ClusterLedger& ledger) {
  std::map<Xapian::docid, std::string> keys;
  for (const ClusterChange& change : ledger.settle()) {
    EXPECT_EQ(change.writer, (change.docid - 1) % 2);
    EXPECT_EQ(change.segment, (change.docid - 1) / 4);
    EXPECT_FALSE(change.held);
    EXPECT_NE(change.kind, ClusterChange::Kind::kAlone);  // only held ones are listed unchanged
    keys[change.docid] = (change.kind == ClusterChange::Kind::kStart ? "value " : "") + change.key;
  }
  return keys;
}

TEST(ClusterLedgerTest, KeysRoundTrip) {
  EXPECT_EQ(cluster_key_text(0x00ab'cdef'0123'4567ULL), "00abcdef01234567");
  EXPECT_EQ(cluster_key_number("00abcdef01234567"), 0x00ab'cdef'0123'4567ULL);
  EXPECT_EQ(page_number("XDU00000000000000ff"), 0xffU);
  EXPECT_EQ(page_number(""), 0U);
}

TEST(ClusterLedgerTest, CopiesJoinTheEarliestCopyWhateverTheWritersOrder) {
  ClusterLedger ledger;
  // Handed over writer by writer, not in input order.
  ledger.add({sketch(3, kStory + " reporting by ana ruiz"), sketch(1, kOther)});
  ledger.add({sketch(2, "pine harbour wire " + kStory), sketch(0, kStory)});
  const auto keys = settle(ledger);
  const std::string first = cluster_key_text(1000);
  // Written alone: the first copy gives its starter the value of the key
  // its term holds; the other story, alone, gets nothing.
  EXPECT_EQ(keys,
            (std::map<Xapian::docid, std::string>{{1, "value " + first}, {3, first}, {4, first}}));
}

TEST(ClusterLedgerTest, AVersionCountsOnlyUntilItIsReplacedOrRemoved) {
  ClusterLedger ledger;
  ledger.add({sketch(0, kStory), sketch(1, kStory + " copyright wire"), sketch(2, kOther),
              sketch(4, "pine harbour " + kStory)});
  ledger.supersede(0, 3);  // removed after the copy at 1 came in
  ledger.supersede(1, 5);  // replaced at 5 (whose sketch is elsewhere)
  ledger.supersede(2, 3);
  const auto keys = settle(ledger);
  // 1 joined 0 but is gone by the end, as is 0: no change to write for
  // them; 4 came after 0 left and found the story through 1, keyed already.
  EXPECT_EQ(keys, (std::map<Xapian::docid, std::string>{{5, cluster_key_text(1000)}}));
}

TEST(ClusterLedgerTest, AVersionRemovedBeforeACopyComesIsNoCandidate) {
  ClusterLedger ledger;
  ledger.add({sketch(0, kStory), sketch(2, kStory + " copyright wire")});
  ledger.supersede(0, 1);
  EXPECT_TRUE(ledger.settle().empty());
}

TEST(ClusterLedgerTest, RecordsOfOnePageAreOneStoryWithoutAFingerprint) {
  ClusterLedger ledger;
  ledger.add({sketch(0, "short headline", 77), sketch(1, "another headline", 77),
              sketch(2, "third headline", 78)});
  const auto keys = settle(ledger);
  EXPECT_EQ(keys, (std::map<Xapian::docid, std::string>{{1, "value " + cluster_key_text(1000)},
                                                        {2, cluster_key_text(1000)}}));
}

TEST(ClusterLedgerTest, HeldArticlesAreAllListedWithTheKeyToWriteThemWith) {
  ClusterLedger ledger;
  ArticleSketch starter = sketch(0, kStory);
  // Held back as probable copies (seen_bands.h): numbered among the held.
  ArticleSketch copy = sketch(1, kStory + " reporting by ana ruiz");
  copy.held = true;
  copy.docid = 0;
  ArticleSketch unlike = sketch(2, kOther);  // a false hint: no copy after all
  unlike.held = true;
  unlike.docid = 1;
  ArticleSketch gone = sketch(3, "pine harbour " + kStory);
  gone.held = true;
  gone.docid = 2;
  ArticleSketch elsewhere = sketch(4, kStory + " wire");  // another shard's
  elsewhere.writer = ArticleSketch::kNoWriter;
  elsewhere.written = false;
  ledger.add({starter, copy, unlike, gone, elsewhere});
  ledger.supersede(3, 5);  // removed before the end: never written
  std::map<std::pair<bool, Xapian::docid>, std::pair<ClusterChange::Kind, std::string>> listed;
  for (const ClusterChange& change : ledger.settle()) {
    listed[{change.held, change.docid}] = {change.kind, change.key};
  }
  const std::string first = cluster_key_text(1000);
  using Kind = ClusterChange::Kind;
  EXPECT_EQ(listed, (std::map<std::pair<bool, Xapian::docid>, std::pair<Kind, std::string>>{
                        {{false, 1}, {Kind::kStart, first}},
                        {{true, 0}, {Kind::kJoin, first}},
                        {{true, 1}, {Kind::kAlone, cluster_key_text(1002)}}}));
}

}  // namespace
}  // namespace newsdex::indexer
