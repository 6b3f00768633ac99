// facets.h (internal) — counting facet values over all matching articles
// with match spies: from per-document ordinals where the FacetCache has
// them, else by reading each match's value.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "facet_cache.h"
#include "newsdex/searcher/request.h"
#include "newsdex/searcher/result.h"

namespace newsdex::searcher {

/// Counts every item of a multi-valued slot (items joined by
/// schema::kListSeparator), e.g. all topics of each matching article.
/// Local databases only: it is not registered for remote (xapian-tcpsrv) use.
class ListValueCountMatchSpy : public Xapian::MatchSpy {
 public:
  explicit ListValueCountMatchSpy(Xapian::valueno slot) : slot_(slot) {}

  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override;
  std::string name() const override;

  /// Documents seen.
  Xapian::doccount total() const { return total_; }
  const std::map<std::string, Xapian::doccount>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  Xapian::doccount total_ = 0;
  std::map<std::string, Xapian::doccount> counts_;
};

/// The counts of one facet before it is shaped for a result: each value
/// (a date already in its bucket) and its articles, and the matches seen.
/// Tallies of several shards add up.
struct FacetTally {
  std::map<std::string, Xapian::doccount> counts;
  std::uint64_t seen = 0;

  void add(const FacetTally& other);
};

/// The facets `requests` asked for, from their tallies (in the same
/// order): ordered, limited, and scaled up to `matches` when the spies saw
/// fewer than `matches_upper_bound`.
std::vector<Facet> make_facets(const std::vector<FacetRequest>& requests,
                               const std::vector<FacetTally>& tallies, Xapian::doccount matches,
                               Xapian::doccount matches_upper_bound);

/// The value slot a facet is counted from.
Xapian::valueno facet_slot(const FacetRequest& request);

/// The spies of one search: attach them, run the match, read the facets.
class FacetCounter {
 public:
  /// `cache` (borrowed for the life of the counter) supplies ordinals for
  /// `db`'s current revision and learns how many values the spies read.
  /// With `builtin_spies_only` (remote shards, whose xapian-tcpsrv knows
  /// no newsdex class), multi-valued fields are counted by Xapian's own
  /// ValueCountMatchSpy on the joined lists, split afterwards: the same counts.
  FacetCounter(const std::vector<FacetRequest>& requests, FacetCache& cache,
               const Xapian::Database& db, bool builtin_spies_only = false);
  ~FacetCounter();
  FacetCounter(const FacetCounter&) = delete;
  FacetCounter& operator=(const FacetCounter&) = delete;

  void attach(Xapian::Enquire& enquire);

  /// True when a match was newer than the ordinals it was counted with (the
  /// revision changed under the cache): the facets must be counted again.
  bool missed_matches() const;

  /// What the spies counted, in the order requested.
  std::vector<FacetTally> tallies();

  /// The facets, in the order requested. `matches` estimates the matching
  /// articles (every copy: spies see matches before collapsing), at most
  /// `matches_upper_bound`; counts are scaled to it when the spies saw fewer.
  std::vector<Facet> facets(Xapian::doccount matches, Xapian::doccount matches_upper_bound);

 private:
  struct Counted;
  FacetCache& cache_;
  std::vector<Counted> counted_;
};

}  // namespace newsdex::searcher
