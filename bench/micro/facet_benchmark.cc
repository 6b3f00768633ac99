// Facet counting over all matches of a query on a Reuters index: newsdex's
// FacetCounter (source and month facets, as `--facet source --facet
// date:month`) reading values and from the facet cache's ordinals, against
// Xapian's ValueCountMatchSpy on the same two slots, the same match without
// facets as the floor, and what building the ordinals costs.
//
//   build-bench/bench/micro/facet_benchmark [--benchmark_repetitions=5]
//   NEWSDEX_BENCH_CORPUS=path/to/articles.jsonl   (default: Reuters-21578 in ../shared)
#include <benchmark/benchmark.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "bench_index.h"
#include "facet_cache.h"
#include "facets.h"
#include "newsdex/common/schema.h"

namespace {

constexpr std::size_t kArticles = 5000;

struct Fixture {
  newsdex::bench::BenchIndex index{kArticles};
  Xapian::Database db{index.db_path()};
};

Fixture& fixture() {
  static Fixture made;
  return made;
}

// Argument 0: every article; 1: a word query ("said", most articles);
// 2: a rarer word ("oil").
Xapian::Query query_for(std::int64_t which) {
  if (which == 0) return Xapian::Query::MatchAll;
  return Xapian::Query(which == 1 ? "Zsaid" : "Zoil");
}

// Runs the query as the searcher does with facets: ten hits, every match
// checked.
Xapian::MSet run(Xapian::Enquire& enquire, benchmark::State& state) {
  enquire.set_query(query_for(state.range(0)));
  Xapian::MSet mset = enquire.get_mset(0, 10, fixture().db.get_doccount());
  state.counters["matches"] = mset.get_matches_estimated();
  return mset;
}

void BM_NoFacets(benchmark::State& state) {
  Fixture& f = fixture();  // built before the timing starts
  for (auto _ : state) {
    Xapian::Enquire enquire(f.db);
    Xapian::MSet mset = run(enquire, state);
    benchmark::DoNotOptimize(mset);
  }
}
BENCHMARK(BM_NoFacets)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

const std::vector<newsdex::searcher::FacetRequest>& source_and_month() {
  static const std::vector<newsdex::searcher::FacetRequest> requests = {
      newsdex::searcher::FacetRequest::parse("source"),
      newsdex::searcher::FacetRequest::parse("date:month")};
  return requests;
}

// One search counted by newsdex's FacetCounter with `cache`.
void count_facets(benchmark::State& state, newsdex::searcher::FacetCache& cache) {
  Fixture& f = fixture();
  for (auto _ : state) {
    Xapian::Enquire enquire(f.db);
    newsdex::searcher::FacetCounter counter(source_and_month(), cache, f.db);
    counter.attach(enquire);
    Xapian::MSet mset = run(enquire, state);
    auto facets = counter.facets(mset.get_matches_estimated(), mset.get_matches_upper_bound());
    benchmark::DoNotOptimize(facets);
  }
}

// Reading each match's values (the facet cache off).
void BM_FacetCounter(benchmark::State& state) {
  fixture();  // built before the timing starts
  newsdex::searcher::FacetCache no_cache(false, {});
  count_facets(state, no_cache);
}
BENCHMARK(BM_FacetCounter)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

// From the facet cache's ordinals, built before the timing starts.
void BM_FacetCounterCached(benchmark::State& state) {
  newsdex::searcher::FacetCache cache(true,
                                      {newsdex::schema::kSlotSource, newsdex::schema::kSlotMonth});
  cache.preload(fixture().db);
  count_facets(state, cache);
}
BENCHMARK(BM_FacetCounterCached)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

// Building the ordinals of the source and month slots for every article:
// what a facet cache costs once per commit.
void BM_OrdinalsBuild(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state) {
    newsdex::searcher::SlotOrdinals sources(f.db, newsdex::schema::kSlotSource);
    newsdex::searcher::SlotOrdinals months(f.db, newsdex::schema::kSlotMonth);
    benchmark::DoNotOptimize(sources.value_count() + months.value_count());
  }
  state.counters["articles"] = f.db.get_doccount();
}
BENCHMARK(BM_OrdinalsBuild)->Unit(benchmark::kMillisecond);

void BM_XapianValueCountMatchSpy(benchmark::State& state) {
  Fixture& f = fixture();  // built before the timing starts
  for (auto _ : state) {
    Xapian::Enquire enquire(f.db);
    Xapian::ValueCountMatchSpy sources(newsdex::schema::kSlotSource);
    Xapian::ValueCountMatchSpy months(newsdex::schema::kSlotMonth);
    enquire.add_matchspy(&sources);
    enquire.add_matchspy(&months);
    Xapian::MSet mset = run(enquire, state);
    std::size_t values = 0;
    for (auto it = sources.values_begin(); it != sources.values_end(); ++it) ++values;
    for (auto it = months.values_begin(); it != months.values_end(); ++it) ++values;
    benchmark::DoNotOptimize(values);
  }
}
BENCHMARK(BM_XapianValueCountMatchSpy)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

// What a spy costs before it reads anything: only the docid of each match.
class DocidSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override { sum_ += doc.get_docid(); }
  std::uint64_t sum() const { return sum_; }

 private:
  std::uint64_t sum_ = 0;
};

void BM_DocidOnlySpy(benchmark::State& state) {
  Fixture& f = fixture();  // built before the timing starts
  for (auto _ : state) {
    Xapian::Enquire enquire(f.db);
    DocidSpy spy;
    enquire.add_matchspy(&spy);
    Xapian::MSet mset = run(enquire, state);
    benchmark::DoNotOptimize(spy.sum());
  }
}
BENCHMARK(BM_DocidOnlySpy)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
