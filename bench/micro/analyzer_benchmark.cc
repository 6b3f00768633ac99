// The analyzer against Xapian's own TermGenerator, on real news text, in the
// same binary and run. Both turn an article's title and body into the terms
// and positions of a Xapian::Document, English stemming, title weighted.
//
//   build-bench/bench/micro/analyzer_benchmark [--benchmark_repetitions=5]
//   NEWSDEX_BENCH_CORPUS=path/to/articles.jsonl   (default: Reuters-21578 in ../shared)
#include <benchmark/benchmark.h>
#include <simdjson.h>
#include <xapian.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "bench_corpus.h"
#include "document_builder.h"
#include "newsdex/common/analyzer.h"
#include "newsdex/common/schema.h"

namespace {

struct Text {
  std::string title;
  std::string body;
};

constexpr std::size_t kArticles = 5000;
constexpr unsigned kTitleWeight = 3;

const std::vector<Text>& corpus() {
  static const std::vector<Text> texts = [] {
    std::string path;
    std::ifstream in = newsdex::bench::open_bench_corpus(path);
    std::vector<Text> loaded;
    simdjson::dom::parser parser;
    for (std::string line; loaded.size() < kArticles && std::getline(in, line);) {
      simdjson::dom::element doc;
      if (parser.parse(line).get(doc)) continue;
      std::string_view title, body;
      if (doc["title"].get(title) || doc["body"].get(body) || body.empty()) continue;
      loaded.push_back({std::string(title), std::string(body)});
    }
    return loaded;
  }();
  return texts;
}

std::int64_t corpus_bytes() {
  std::int64_t bytes = 0;
  for (const Text& text : corpus())
    bytes += static_cast<std::int64_t>(text.title.size() + text.body.size());
  return bytes;
}

void BM_XapianTermGenerator(benchmark::State& state) {
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  for (auto _ : state) {
    for (const Text& text : corpus()) {
      Xapian::Document doc;
      generator.set_document(doc);
      generator.index_text(text.title, kTitleWeight, "S");
      generator.increase_termpos();
      generator.index_text(text.body);
      benchmark::DoNotOptimize(doc);
    }
  }
  state.SetBytesProcessed(state.iterations() * corpus_bytes());
}
BENCHMARK(BM_XapianTermGenerator)->Unit(benchmark::kMillisecond);

// What the indexer does with text: the Analyzer's tokens and stems as
// postings and terms of a Document (the text part of DocumentBuilder).
void BM_NewsdexAnalyzer(benchmark::State& state) {
  newsdex::Analyzer analyzer;
  std::vector<newsdex::Token> tokens;
  const auto index = [&](Xapian::Document& doc, const std::string& text, const std::string& prefix,
                         unsigned wdf, std::uint32_t position) {
    tokens.clear();
    position = analyzer.tokenize(text, tokens, position);
    std::string term, stemmed;
    for (const newsdex::Token& token : tokens) {
      term.assign(prefix).append(token.term);
      if (token.role == newsdex::TokenRole::kPart) {
        doc.add_term(term, wdf);
      } else {
        doc.add_posting(term, token.position + 1, wdf);
      }
      stemmed.assign("Z").append(prefix).append(analyzer.stem(token, "en"));
      doc.add_term(stemmed, wdf);
    }
    return position + 100;
  };
  for (auto _ : state) {
    for (const Text& text : corpus()) {
      Xapian::Document doc;
      const std::uint32_t next = index(doc, text.title, "S", kTitleWeight, 0);
      index(doc, text.body, "", 1, next);
      benchmark::DoNotOptimize(doc);
    }
  }
  state.SetBytesProcessed(state.iterations() * corpus_bytes());
}
BENCHMARK(BM_NewsdexAnalyzer)->Unit(benchmark::kMillisecond);

// Tokens only: segmentation, normalisation, compounds, variants.
void BM_NewsdexTokenize(benchmark::State& state) {
  newsdex::Analyzer analyzer;
  std::vector<newsdex::Token> tokens;
  for (auto _ : state) {
    for (const Text& text : corpus()) {
      tokens.clear();
      analyzer.tokenize(text.title, tokens, 0);
      analyzer.tokenize(text.body, tokens, 100);
      benchmark::DoNotOptimize(tokens.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * corpus_bytes());
}
BENCHMARK(BM_NewsdexTokenize)->Unit(benchmark::kMillisecond);

// The whole article-to-document mapping the indexer runs: text, filter
// terms, values and the stored JSON.
void BM_NewsdexDocumentBuilder(benchmark::State& state) {
  newsdex::Analyzer analyzer;
  newsdex::indexer::DocumentBuilder builder(analyzer, kTitleWeight);
  std::vector<newsdex::Article> articles;
  for (const Text& text : corpus()) {
    newsdex::Article article;
    article.id = "a" + std::to_string(articles.size());
    article.title = text.title;
    article.body = text.body;
    article.source = "Reuters";
    article.language = "en";
    articles.push_back(std::move(article));
  }
  for (auto _ : state) {
    for (const newsdex::Article& article : articles) {
      benchmark::DoNotOptimize(builder.build(article));
    }
  }
  state.SetBytesProcessed(state.iterations() * corpus_bytes());
}
BENCHMARK(BM_NewsdexDocumentBuilder)->Unit(benchmark::kMillisecond);

// The near-duplicate fingerprint DocumentBuilder makes of every article
// (MinHash over word 3-shingles, near_duplicates.h), from the body's words:
// its share of BM_NewsdexDocumentBuilder is what fingerprinting costs.
void BM_Fingerprint(benchmark::State& state) {
  newsdex::Analyzer analyzer;
  std::vector<newsdex::Token> tokens;
  std::vector<std::vector<std::string>> bodies;
  for (const Text& text : corpus()) {
    tokens.clear();
    analyzer.tokenize(text.body, tokens, 0);
    std::vector<std::string>& words = bodies.emplace_back();
    for (const newsdex::Token& token : tokens) words.push_back(analyzer.stem(token, "en"));
  }
  std::vector<std::string_view> views;
  for (auto _ : state) {
    for (const std::vector<std::string>& words : bodies) {
      views.assign(words.begin(), words.end());
      benchmark::DoNotOptimize(newsdex::indexer::Fingerprint::of_words(views));
    }
  }
  state.SetBytesProcessed(state.iterations() * corpus_bytes());
}
BENCHMARK(BM_Fingerprint)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
