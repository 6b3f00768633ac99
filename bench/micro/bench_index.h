// bench_index.h — the first articles of the bench corpus, indexed by newsdex
// in a temporary directory (removed at exit), for the searcher benchmarks.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench_corpus.h"
#include "newsdex/common/error.h"
#include "newsdex/indexer/indexer.h"
#include "readers/jsonl_reader.h"

namespace newsdex::bench {

class BenchIndex {
 public:
  explicit BenchIndex(std::size_t count) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "newsdex-bench-XXXXXX").string();
    dir_ = ::mkdtemp(pattern.data());
    std::string path;
    std::ifstream in = open_bench_corpus(path);
    for (std::string line; articles_.size() < count && std::getline(in, line);) {
      try {
        articles_.push_back(indexer::parse_article_json(line, path, articles_.size() + 1));
      } catch (const InputError&) {
      }
    }
    indexer::IndexOptions options;
    options.db_path = db_path();
    options.spelling = false;  // not what is measured
    options.threads = 2;
    indexer::Indexer index(options);
    for (const Article& article : articles_) index.add(article);
    index.commit();
  }
  ~BenchIndex() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  BenchIndex(const BenchIndex&) = delete;
  BenchIndex& operator=(const BenchIndex&) = delete;

  std::string db_path() const { return (dir_ / "db").string(); }
  const std::vector<Article>& articles() const { return articles_; }

 private:
  std::filesystem::path dir_;
  std::vector<Article> articles_;
};

}  // namespace newsdex::bench
