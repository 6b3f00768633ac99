// counted_matches.h (internal) — what a search's counting found: how many
// articles match, the facet tallies and the distinct stories. From one
// database's pass, or added up over the shards of a sharded index.
#pragma once

#include <xapian.h>

#include <vector>

#include "facets.h"
#include "story_counter.h"

namespace newsdex::searcher {

struct CountedMatches {
  /// Matching articles, every copy (Xapian's uncollapsed figures).
  Xapian::doccount estimated = 0;
  Xapian::doccount lower_bound = 0;
  Xapian::doccount upper_bound = 0;
  /// One per facet requested, in order.
  std::vector<FacetTally> facets;
  /// The articles and stories the story spy saw, when collapsing.
  StoryTally stories;
  /// The story spy saw every match (fewer than the pass examines at
  /// most), so `stories` is exact.
  bool stories_complete = false;
  /// A facet cache was older than a match: a commit landed unseen, so the
  /// search must run again.
  bool missed_matches = false;

  /// Adds the counts of another shard of the same search (same facets).
  void add(const CountedMatches& other);
};

/// Which spy counts the stories of a counting pass.
enum class StorySpy {
  kNone,     ///< not collapsing
  kNewsdex,  ///< StoryCountMatchSpy (keys as integers: cheaper)
  kXapian,   ///< Xapian's ValueCountMatchSpy: remote shards run no newsdex class
};

/// Counts every match of `query` on `db` (up to `up_to`) in an unranked
/// pass (BoolWeight: no lengths, no weights) with the spies of `facets`
/// attached and the stories counted by `stories`. Not collapsed itself:
/// the spies see every match before collapsing anyway, and Xapian's
/// collapser would read and hash every match's key a second time.
CountedMatches count_unranked(const Xapian::Database& db, const Xapian::Query& query,
                              FacetCounter& facets, StorySpy stories, Xapian::doccount up_to);

/// The counts of a pass whose result is `matches`, with `facets` and
/// `stories` (null: not collapsing) attached to it, which examined at most
/// `examined` matches.
CountedMatches counted_matches_of(const Xapian::MSet& matches, FacetCounter& facets,
                                  StoryCountMatchSpy* stories, Xapian::doccount examined);

}  // namespace newsdex::searcher
