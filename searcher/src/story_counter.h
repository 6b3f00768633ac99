// story_counter.h (internal) — the totals of a collapsed search: how many
// articles match and how many distinct stories (duplicate clusters) they
// make.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

namespace newsdex::searcher {

/// The articles and distinct stories among some matches: of one database,
/// or added up over the shards of a sharded index (a cluster may have
/// copies in several shards, so stories add up by their keys).
struct StoryTally {
  Xapian::doccount articles = 0;
  Xapian::doccount without_key = 0;  ///< articles with no copy: a story each
  std::vector<std::uint64_t> keys;   ///< distinct cluster keys, sorted

  Xapian::doccount stories() const noexcept {
    return static_cast<Xapian::doccount>(keys.size()) + without_key;
  }
  void add(const StoryTally& other);
};

/// The tally of Xapian's own ValueCountMatchSpy on the cluster slot (what
/// remote shards, which run no newsdex class, count with).
StoryTally story_tally_of(const Xapian::ValueCountMatchSpy& spy);

/// Counts every match it sees and the distinct cluster keys among them.
///
/// Xapian's own ValueCountMatchSpy would count the same, but it copies each
/// key into a std::map entry; this spy keeps the 8-byte keys as integers
/// and sorts them once, which made collapsed searches on broad queries
/// markedly cheaper (docs/news.md, "What collapsing costs"). Like every
/// custom spy it runs only where the documents are: not inside a remote
/// shard's server.
class StoryCountMatchSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double weight) override;

  /// Matches seen.
  Xapian::doccount articles() const noexcept { return articles_; }
  /// Distinct stories among them: each cluster counts once, and an article
  /// without a cluster key counts as a story of its own.
  Xapian::doccount stories();
  StoryTally tally();

 private:
  Xapian::doccount articles_ = 0;
  Xapian::doccount without_key_ = 0;
  std::vector<std::uint64_t> keys_;
  bool sorted_ = true;
};

}  // namespace newsdex::searcher
