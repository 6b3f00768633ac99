// bench_corpus.h — where the micro-benchmarks find their articles.
#pragma once

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

namespace newsdex::bench {

/// $NEWSDEX_BENCH_CORPUS, else Reuters-21578 in ../shared next to the
/// repository, opened; exits with a message when it cannot be read.
inline std::ifstream open_bench_corpus(std::string& path) {
  const char* from_environment = std::getenv("NEWSDEX_BENCH_CORPUS");
  path = from_environment != nullptr
             ? from_environment
             : std::string(NEWSDEX_SOURCE_DIR) + "/../shared/corpora/reuters21578/articles.jsonl";
  std::ifstream in(path);
  if (!in) {
    std::cerr << "cannot read " << path << " (set NEWSDEX_BENCH_CORPUS)\n";
    std::exit(1);
  }
  return in;
}

}  // namespace newsdex::bench
