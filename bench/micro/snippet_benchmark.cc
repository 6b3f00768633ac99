// Snippets: Xapian's MSet::snippet (as the searcher called it before) against
// newsdex's make_snippet, on the same Reuters bodies and queries, in one run.
// Each body is searched for two of its own words; both make a 200-byte
// snippet of it. Ours includes what the searcher does per hit: tokenising
// the body and matching its tokens against the query's terms (QueryTerms,
// built once per query, as in the searcher).
//
//   build-bench/bench/micro/snippet_benchmark [--benchmark_repetitions=5]
//   NEWSDEX_BENCH_CORPUS=path/to/articles.jsonl   (default: Reuters-21578 in ../shared)
#include <benchmark/benchmark.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "bench_index.h"
#include "newsdex/common/analyzer.h"
#include "query_terms.h"
#include "snippet.h"

namespace {

constexpr std::size_t kArticles = 2000;
constexpr unsigned kSnippetBytes = 200;

struct Case {
  std::string body;
  Xapian::Query query;
  Xapian::MSet mset;  // of the query: MSet::snippet reads its statistics
};

struct Fixture {
  newsdex::bench::BenchIndex index{kArticles};
  Xapian::Database db{index.db_path()};
  std::vector<Case> cases;

  Fixture() {
    newsdex::Analyzer analyzer;
    for (const newsdex::Article& article : index.articles()) {
      std::vector<std::string> stems;
      for (const newsdex::Token& token : analyzer.tokenize(article.body)) {
        if (token.kind != newsdex::TokenKind::kWord || token.role != newsdex::TokenRole::kWord ||
            token.term.size() < 4 || newsdex::Analyzer::is_stopword(token.term, "en")) {
          continue;
        }
        stems.push_back("Z" + analyzer.stem(token, "en"));
      }
      if (stems.size() < 3) continue;
      // Two words a third and two thirds in: rarely the same.
      const Xapian::Query query(Xapian::Query::OP_AND, Xapian::Query(stems[stems.size() / 3]),
                                Xapian::Query(stems[2 * stems.size() / 3]));
      Xapian::Enquire enquire(db);
      enquire.set_query(query);
      cases.push_back({article.body, query, enquire.get_mset(0, 10)});
    }
  }
};

const Fixture& fixture() {
  static const Fixture made;
  return made;
}

void count_snippets(benchmark::State& state) {
  const auto snippets = static_cast<double>(fixture().cases.size());
  state.counters["snippets"] = snippets;
  state.counters["per_snippet"] =
      benchmark::Counter(snippets * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_XapianMSetSnippet(benchmark::State& state) {
  const Xapian::Stem stemmer("english");
  const Fixture& f = fixture();  // built before the timing starts
  for (auto _ : state) {
    for (const Case& c : f.cases) {
      std::string snippet =
          c.mset.snippet(c.body, kSnippetBytes, stemmer,
                         Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE |
                             Xapian::MSet::SNIPPET_CJK_NGRAM,
                         "\x01", "\x02", "…");
      benchmark::DoNotOptimize(snippet);
    }
  }
  count_snippets(state);
}
BENCHMARK(BM_XapianMSetSnippet)->Unit(benchmark::kMillisecond);

void BM_NewsdexSnippet(benchmark::State& state) {
  newsdex::Analyzer analyzer;
  const Fixture& f = fixture();  // built before the timing starts
  std::vector<newsdex::searcher::QueryTerms> terms;
  for (const Case& c : f.cases) {
    // The terms the query builder would record: stem, and the term searched.
    std::vector<newsdex::searcher::HighlightTerm> recorded;
    for (auto term = c.query.get_terms_begin(); term != c.query.get_terms_end(); ++term) {
      recorded.push_back({(*term).substr(1), *term, false});
    }
    terms.emplace_back(recorded, c.mset, f.db.get_doccount());
  }
  const std::string language = "en";
  std::vector<newsdex::Token> tokens;
  for (auto _ : state) {
    for (std::size_t i = 0; i < f.cases.size(); ++i) {
      tokens.clear();
      analyzer.tokenize(f.cases[i].body, tokens, 0);
      auto snippet = newsdex::searcher::make_snippet(
          f.cases[i].body, tokens,
          [&](const newsdex::Token& token) { return terms[i].match(token, analyzer, language); },
          kSnippetBytes);
      benchmark::DoNotOptimize(snippet);
    }
  }
  count_snippets(state);
}
BENCHMARK(BM_NewsdexSnippet)->Unit(benchmark::kMillisecond);

// The floor of make_snippet: tokenising the body, nothing else.
void BM_AnalyzerTokenizeOnly(benchmark::State& state) {
  newsdex::Analyzer analyzer;
  const Fixture& f = fixture();  // built before the timing starts
  std::vector<newsdex::Token> tokens;
  for (auto _ : state) {
    for (const Case& c : f.cases) {
      tokens.clear();
      analyzer.tokenize(c.body, tokens, 0);
      benchmark::DoNotOptimize(tokens);
    }
  }
  count_snippets(state);
}
BENCHMARK(BM_AnalyzerTokenizeOnly)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
