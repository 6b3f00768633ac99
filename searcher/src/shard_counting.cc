#include "shard_counting.h"

#include <future>

namespace newsdex::searcher {

ShardCounting::ShardCounting(std::vector<ShardedDatabase::Shard> shards, bool facet_cache,
                             const std::set<Xapian::valueno>& preloaded) {
  counters_.reserve(shards.size());
  for (ShardedDatabase::Shard& shard : shards) {
    // A remote shard's value streams cannot be read from here (Xapian 1.4).
    const bool cached = facet_cache && !shard.remote;
    counters_.push_back({std::move(shard), FacetCache(cached, preloaded)});
    counters_.back().cache.preload(counters_.back().shard.db);
  }
}

CountedMatches ShardCounting::count(const std::string& query,
                                    const std::vector<FacetRequest>& facets, bool stories,
                                    Xapian::doccount up_to) {
  if (counters_.empty()) return CountedMatches{};
  // Shard 0 is counted on this thread, the others beside it. A future of
  // std::async waits for its thread when destroyed, so if one shard throws,
  // none is left running on a counter that goes away.
  std::vector<std::future<CountedMatches>> others;
  others.reserve(counters_.size() - 1);
  for (std::size_t i = 1; i < counters_.size(); ++i) {
    others.push_back(std::async(std::launch::async, [this, i, &query, &facets, stories, up_to] {
      return count_one(counters_[i], query, facets, stories, up_to);
    }));
  }
  CountedMatches all = count_one(counters_[0], query, facets, stories, up_to);
  for (auto& other : others) all.add(other.get());
  return all;
}

CountedMatches ShardCounting::count_one(Counter& counter, const std::string& query,
                                        const std::vector<FacetRequest>& facets, bool stories,
                                        Xapian::doccount up_to) {
  Xapian::Database& db = counter.shard.db;
  if (db.reopen()) counter.cache.forget();
  FacetCounter facet_counter(facets, counter.cache, db, counter.shard.remote);
  const StorySpy story_spy = !stories               ? StorySpy::kNone
                             : counter.shard.remote ? StorySpy::kXapian
                                                    : StorySpy::kNewsdex;
  return count_unranked(db, Xapian::Query::unserialise(query), facet_counter, story_spy, up_to);
}

}  // namespace newsdex::searcher
