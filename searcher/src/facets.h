// facets.h (internal) — counting facet values over all matching articles
// with Xapian match spies.
#pragma once

#include <xapian.h>

#include <memory>
#include <vector>

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

/// The spies of one search: attach them, run the match, read the facets.
class FacetCounter {
 public:
  explicit FacetCounter(const std::vector<FacetRequest>& requests);
  ~FacetCounter();
  FacetCounter(const FacetCounter&) = delete;
  FacetCounter& operator=(const FacetCounter&) = delete;

  void attach(Xapian::Enquire& enquire);

  /// The facets, in the order requested. `matches` is the MSet's estimate
  /// of all matches; counts are scaled to it when the spies saw fewer.
  std::vector<Facet> facets(const Xapian::MSet& mset) const;

 private:
  struct Counted;
  std::vector<Counted> counted_;
};

}  // namespace newsdex::searcher
