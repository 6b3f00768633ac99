#include "counted_matches.h"

#include "newsdex/common/schema.h"

namespace newsdex::searcher {

void CountedMatches::add(const CountedMatches& other) {
  estimated += other.estimated;
  lower_bound += other.lower_bound;
  upper_bound += other.upper_bound;
  for (std::size_t i = 0; i < facets.size() && i < other.facets.size(); ++i) {
    facets[i].add(other.facets[i]);
  }
  stories.add(other.stories);
  stories_complete = stories_complete && other.stories_complete;
  missed_matches = missed_matches || other.missed_matches;
}

CountedMatches counted_matches_of(const Xapian::MSet& matches, FacetCounter& facets,
                                  StoryCountMatchSpy* stories, Xapian::doccount examined) {
  CountedMatches counted;
  counted.estimated = matches.get_uncollapsed_matches_estimated();
  counted.lower_bound = matches.get_uncollapsed_matches_lower_bound();
  counted.upper_bound = matches.get_uncollapsed_matches_upper_bound();
  counted.facets = facets.tallies();
  counted.missed_matches = facets.missed_matches();
  if (stories) {
    counted.stories = stories->tally();
    counted.stories_complete = counted.stories.articles < examined;
  }
  return counted;
}

CountedMatches count_unranked(const Xapian::Database& db, const Xapian::Query& query,
                              FacetCounter& facets, StorySpy stories, Xapian::doccount up_to) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  facets.attach(enquire);
  StoryCountMatchSpy story_spy;
  Xapian::ValueCountMatchSpy xapian_story_spy(schema::kSlotCluster);
  if (stories == StorySpy::kNewsdex) enquire.add_matchspy(&story_spy);
  if (stories == StorySpy::kXapian) enquire.add_matchspy(&xapian_story_spy);
  CountedMatches counted =
      counted_matches_of(enquire.get_mset(0, 0, up_to), facets,
                         stories == StorySpy::kNewsdex ? &story_spy : nullptr, up_to);
  if (stories == StorySpy::kXapian) {
    counted.stories = story_tally_of(xapian_story_spy);
    counted.stories_complete = counted.stories.articles < up_to;
  }
  return counted;
}

}  // namespace newsdex::searcher
