// hit_ids.h — the ids of a search result's hits, in rank order: what the
// searcher tests compare.
#pragma once

#include <string>
#include <vector>

#include "newsdex/searcher/result.h"

namespace newsdex::testing {

inline std::vector<std::string> hit_ids(const searcher::SearchResult& result) {
  std::vector<std::string> ids;
  for (const auto& hit : result.hits) ids.push_back(hit.id);
  return ids;
}

}  // namespace newsdex::testing
