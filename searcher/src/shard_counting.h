// shard_counting.h (internal) — the counting pass of a search on a sharded
// index, run on every shard at once.
//
// On one database a broad search is counted (totals, facets, stories) by an
// unranked pass on a thread beside the ranked one, its facets read from the
// facet cache. Through one Xapian::Database of all the shards that pass
// would read the shards one after another on one thread, and without the
// cache: Xapian 1.4 hands a match spy the document number within its
// shard, so per-document ordinals cannot be used on the combined database
// (docs/scaling.md). Here every shard has a handle and a facet cache of its
// own and is counted on its own thread; the counts add up (stories by
// their cluster keys: a story may have copies in several shards). A remote
// shard is counted by Xapian's own spies, on its server.
#pragma once

#include <xapian.h>

#include <set>
#include <string>
#include <vector>

#include "counted_matches.h"
#include "facet_cache.h"
#include "newsdex/searcher/request.h"
#include "sharded_database.h"

namespace newsdex::searcher {

class ShardCounting {
 public:
  /// Takes the shards' own handles (ShardedDatabase::open_apart). With
  /// `facet_cache`, local shards count facets from ordinals once they are
  /// worth building (FacetCache), `preloaded` slots at once.
  ShardCounting(std::vector<ShardedDatabase::Shard> shards, bool facet_cache,
                const std::set<Xapian::valueno>& preloaded);

  /// Counts the matches of `query` (serialised: every thread needs its own
  /// copy) on every shard at once, each up to `up_to` matches, with the
  /// facets asked for and, when `stories`, the distinct stories. Each shard
  /// first moves to its latest commit. Not to be called by two threads at
  /// once.
  /// @throws Xapian::Error from a shard (e.g. NetworkError: a server died)
  CountedMatches count(const std::string& query, const std::vector<FacetRequest>& facets,
                       bool stories, Xapian::doccount up_to);

 private:
  struct Counter {
    ShardedDatabase::Shard shard;
    FacetCache cache;
  };

  static CountedMatches count_one(Counter& counter, const std::string& query,
                                  const std::vector<FacetRequest>& facets, bool stories,
                                  Xapian::doccount up_to);

  std::vector<Counter> counters_;
};

}  // namespace newsdex::searcher
