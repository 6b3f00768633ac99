#include "shard_counting.h"

#include <future>

#include "newsdex/common/schema.h"

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
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query::unserialise(query));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  FacetCounter facet_counter(facets, counter.cache, db, counter.shard.remote);
  facet_counter.attach(enquire);
  // A remote shard's server runs no newsdex class: there, Xapian's own spy.
  StoryCountMatchSpy story_spy;
  Xapian::ValueCountMatchSpy remote_story_spy(schema::kSlotCluster);
  if (stories) {
    enquire.add_matchspy(counter.shard.remote ? static_cast<Xapian::MatchSpy*>(&remote_story_spy)
                                              : &story_spy);
  }
  const Xapian::MSet matches = enquire.get_mset(0, 0, up_to);
  CountedMatches counted = counted_matches_of(
      matches, facet_counter, stories && !counter.shard.remote ? &story_spy : nullptr, up_to);
  if (stories && counter.shard.remote) {
    counted.stories = story_tally_of(remote_story_spy);
    counted.stories_complete = counted.stories.articles < up_to;
  }
  return counted;
}

}  // namespace newsdex::searcher
