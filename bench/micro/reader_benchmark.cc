// The input readers on the same articles in each text format, from memory:
// how fast newsdex turns bytes into articles before any analysis.
//
//   build-bench/bench/micro/reader_benchmark [--benchmark_repetitions=5]
//   NEWSDEX_BENCH_CORPUS=path/to/articles.jsonl   (default: Reuters-21578 in ../shared)
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "bench_corpus.h"
#include "newsdex/common/error.h"
#include "newsdex/indexer/article_reader.h"
#include "readers/jsonl_reader.h"

namespace {

using newsdex::indexer::InputFormat;

constexpr std::size_t kArticles = 5000;

std::string csv_field(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// The same articles as JSON Lines, a JSON array and CSV.
struct Inputs {
  std::string jsonl, json_array, csv;
};

const Inputs& inputs() {
  static const Inputs loaded = [] {
    std::string path;
    std::ifstream in = newsdex::bench::open_bench_corpus(path);
    Inputs made;
    made.json_array = "[\n";
    made.csv = "id,title,body,source,published\n";
    std::size_t count = 0;
    for (std::string line; count < kArticles && std::getline(in, line);) {
      newsdex::Article article;
      try {
        article = newsdex::indexer::parse_article_json(line, path, count + 1);
      } catch (const newsdex::InputError&) {
        continue;
      }
      made.jsonl += line + "\n";
      made.json_array += (count == 0 ? "" : ",\n") + line;
      made.csv +=
          csv_field(article.id) + "," + csv_field(article.title) + "," + csv_field(article.body) +
          "," + csv_field(article.source) + "," +
          csv_field(article.published ? std::to_string(article.published->unix_seconds) : "") +
          "\n";
      ++count;
    }
    made.json_array += "\n]\n";
    return made;
  }();
  return loaded;
}

void read_all(benchmark::State& state, const std::string& text, InputFormat format) {
  std::size_t articles = 0;
  for (auto _ : state) {
    std::istringstream in(text);
    auto reader = newsdex::indexer::make_reader(in, "bench", format, {});
    articles = 0;
    while (reader->next()) ++articles;
    benchmark::DoNotOptimize(articles);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(text.size()));
  state.counters["articles"] = static_cast<double>(articles);
}

void BM_JsonLines(benchmark::State& state) {
  read_all(state, inputs().jsonl, InputFormat::kJsonLines);
}
void BM_JsonArray(benchmark::State& state) {
  read_all(state, inputs().json_array, InputFormat::kJsonArray);
}
void BM_Csv(benchmark::State& state) { read_all(state, inputs().csv, InputFormat::kCsv); }

BENCHMARK(BM_JsonLines)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_JsonArray)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Csv)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
