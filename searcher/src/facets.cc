#include "facets.h"

#include <algorithm>
#include <cmath>

#include "newsdex/common/schema.h"

namespace newsdex::searcher {

void ListValueCountMatchSpy::operator()(const Xapian::Document& doc, double) {
  ++total_;
  schema::for_each_list_item(doc.get_value(slot_),
                             [&](std::string_view item) { ++counts_[std::string(item)]; });
}

Xapian::MatchSpy* ListValueCountMatchSpy::clone() const {
  return new ListValueCountMatchSpy(slot_);  // Xapian takes ownership
}

std::string ListValueCountMatchSpy::name() const { return "newsdex.ListValueCountMatchSpy"; }

Xapian::valueno facet_slot(const FacetRequest& request) {
  // Months and years are counted from the month slot: a spy over days keeps
  // a count per distinct day of the matches, 30 times as many.
  if (request.field == Field::kDate && request.granularity == DateGranularity::kDay) {
    return schema::kSlotDay;
  }
  return static_cast<Xapian::valueno>(field_spec(request.field).facet_slot);
}

namespace {

bool is_multi_valued(Field field) { return field_spec(field).multi_valued; }

// "20231017" (day slot) or "202310" (month slot) -> "2023", "2023-10" or
// "2023-10-17".
std::string date_bucket(const std::string& date, DateGranularity granularity) {
  if (date.size() != 8 && date.size() != 6) return date;
  switch (granularity) {
    case DateGranularity::kYear:
      return date.substr(0, 4);
    case DateGranularity::kMonth:
      return date.substr(0, 4) + "-" + date.substr(4, 2);
    case DateGranularity::kDay:
      if (date.size() != 8) return date;
      return date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2);
  }
  return date;
}

}  // namespace

// Exactly one spy is set: ordinals where the cache has them, else one that
// reads values.
struct FacetCounter::Counted {
  FacetRequest request;
  std::unique_ptr<OrdinalCountMatchSpy> ordinal;
  std::unique_ptr<Xapian::ValueCountMatchSpy> single;
  std::unique_ptr<ListValueCountMatchSpy> list;
};

FacetCounter::FacetCounter(const std::vector<FacetRequest>& requests, FacetCache& cache,
                           const Xapian::Database& db, bool builtin_spies_only)
    : cache_(cache) {
  for (const FacetRequest& request : requests) {
    Counted counted{request, nullptr, nullptr, nullptr};
    const Xapian::valueno slot = facet_slot(request);
    if (is_multi_valued(request.field) && builtin_spies_only) {
      counted.single = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
    } else if (is_multi_valued(request.field)) {
      counted.list = std::make_unique<ListValueCountMatchSpy>(slot);
    } else if (auto ordinals = cache.ordinals_for(db, slot)) {
      counted.ordinal = std::make_unique<OrdinalCountMatchSpy>(std::move(ordinals));
    } else {
      counted.single = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
    }
    counted_.push_back(std::move(counted));
  }
}

FacetCounter::~FacetCounter() = default;

void FacetCounter::attach(Xapian::Enquire& enquire) {
  for (Counted& counted : counted_) {
    // Borrowed: the spies outlive the Enquire's use of them.
    if (counted.ordinal) enquire.add_matchspy(counted.ordinal.get());
    if (counted.single) enquire.add_matchspy(counted.single.get());
    if (counted.list) enquire.add_matchspy(counted.list.get());
  }
}

bool FacetCounter::missed_matches() const {
  return std::any_of(counted_.begin(), counted_.end(), [](const Counted& counted) {
    return counted.ordinal && counted.ordinal->outside() > 0;
  });
}

std::vector<FacetTally> FacetCounter::tallies() {
  std::vector<FacetTally> tallies;
  for (const Counted& counted : counted_) {
    const FacetRequest& request = counted.request;
    FacetTally tally;
    const auto add = [&](std::string value, Xapian::doccount count) {
      if (request.field == Field::kDate) value = date_bucket(value, request.granularity);
      tally.counts[value] += count;
    };
    if (counted.ordinal) {
      tally.seen = counted.ordinal->total();
      const SlotOrdinals& ordinals = counted.ordinal->ordinals();
      const std::vector<Xapian::doccount>& by_ordinal = counted.ordinal->counts();
      for (std::uint32_t ordinal = 1; ordinal < by_ordinal.size(); ++ordinal) {
        if (by_ordinal[ordinal] > 0) add(ordinals.value(ordinal), by_ordinal[ordinal]);
      }
    } else if (counted.single) {
      tally.seen = counted.single->get_total();
      cache_.spy_read(facet_slot(request),
                      static_cast<Xapian::doccount>(counted.single->get_total()));
      const bool is_list = is_multi_valued(request.field);
      for (auto it = counted.single->values_begin(); it != counted.single->values_end(); ++it) {
        if (is_list) {
          // One count per distinct list: each of its items gets it.
          const Xapian::doccount count = it.get_termfreq();
          schema::for_each_list_item(
              *it, [&](std::string_view item) { tally.counts[std::string(item)] += count; });
        } else {
          add(*it, it.get_termfreq());
        }
      }
    } else {
      tally.seen = counted.list->total();
      tally.counts = counted.list->counts();
    }
    tallies.push_back(std::move(tally));
  }
  return tallies;
}

std::vector<Facet> FacetCounter::facets(Xapian::doccount matches,
                                        Xapian::doccount matches_upper_bound) {
  std::vector<FacetRequest> requests;
  for (const Counted& counted : counted_) requests.push_back(counted.request);
  return make_facets(requests, tallies(), matches, matches_upper_bound);
}

void FacetTally::add(const FacetTally& other) {
  for (const auto& [value, count] : other.counts) counts[value] += count;
  seen += other.seen;
}

std::vector<Facet> make_facets(const std::vector<FacetRequest>& requests,
                               const std::vector<FacetTally>& tallies, Xapian::doccount matches,
                               Xapian::doccount matches_upper_bound) {
  std::vector<Facet> facets;
  for (std::size_t i = 0; i < requests.size() && i < tallies.size(); ++i) {
    const FacetRequest& request = requests[i];
    const FacetTally& tally = tallies[i];
    Facet facet;
    facet.name = request.name();
    facet.distinct_values = tally.counts.size();
    // The spies see only the documents the match examined; when that is
    // fewer than all matches, scale the counts up to an estimate.
    facet.exact = tally.seen >= matches_upper_bound;
    const double scale = facet.exact || tally.seen == 0
                             ? 1.0
                             : static_cast<double>(matches) / static_cast<double>(tally.seen);
    for (const auto& [value, count] : tally.counts) {
      facet.values.push_back(
          {value, static_cast<std::uint64_t>(std::llround(static_cast<double>(count) * scale))});
    }
    if (request.field == Field::kDate) {
      // Dates stay in date order; a limit keeps the most recent buckets.
      if (request.limit > 0 && facet.values.size() > request.limit) {
        facet.values.erase(facet.values.begin(),
                           facet.values.end() - static_cast<std::ptrdiff_t>(request.limit));
      }
    } else {
      std::stable_sort(facet.values.begin(), facet.values.end(),
                       [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
      if (request.limit > 0 && facet.values.size() > request.limit) {
        facet.values.resize(request.limit);
      }
    }
    facets.push_back(std::move(facet));
  }
  return facets;
}

}  // namespace newsdex::searcher
