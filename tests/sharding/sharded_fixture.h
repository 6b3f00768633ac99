// sharded_fixture.h — one corpus indexed as a single database and as a
// sharded index, for the sharding tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "newsdex/indexer/import.h"
#include "newsdex/indexer/indexer.h"
#include "temp_dir.h"

namespace newsdex::testing {

/// The labelled near-duplicate set (236 articles in 88 clusters, 18 sources,
/// topics, places, dates, three languages) and six reports of one event.
inline std::vector<std::string> sharding_corpus() {
  const std::string data = std::string(NEWSDEX_SOURCE_DIR) + "/tests/data/near_duplicates/";
  return {data + "articles.jsonl", data + "same_event.jsonl"};
}

/// Number of distinct article ids in the corpus (some records are new
/// versions of an earlier id).
inline std::uint64_t sharding_corpus_articles() {
  std::set<std::string> ids;
  const std::regex id_field("\"id\": *\"([^\"]+)\"");
  for (const std::string& file : sharding_corpus()) {
    std::ifstream in(file);
    std::string line;
    std::smatch match;
    while (std::getline(in, line)) {
      if (std::regex_search(line, match, id_field)) ids.insert(match[1]);
    }
  }
  return ids.size();
}

inline std::vector<indexer::SynonymGroup> sharding_synonyms() {
  return {indexer::SynonymGroup{{"AI", "artificial intelligence"}, "", 1},
          indexer::SynonymGroup{{"stocks", "shares", "equities"}, "", 2}};
}

/// Imports the corpus into `options.db_path` with the test synonyms.
inline void build_index(indexer::IndexOptions options, bool with_synonyms = true) {
  indexer::Indexer index(std::move(options));
  if (with_synonyms) index.set_synonyms(sharding_synonyms());
  indexer::import_inputs(index, sharding_corpus());
}

/// Writes `dir`/shards.stub from `lines`.
inline void write_stub(const std::string& dir, const std::vector<std::string>& lines) {
  std::filesystem::create_directories(dir);
  std::ofstream out(std::filesystem::path(dir) / "shards.stub");
  for (const std::string& line : lines) out << line << "\n";
}

}  // namespace newsdex::testing
