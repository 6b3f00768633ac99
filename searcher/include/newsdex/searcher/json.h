// newsdex/searcher/json.h — the JSON form of search results (docs/json.md).
#pragma once

#include <string>

#include "newsdex/searcher/result.h"

namespace newsdex::searcher {

/// Serialises `result` as one JSON object; `indent` < 0 gives a single line.
std::string to_json(const SearchResult& result, int indent = -1);

}  // namespace newsdex::searcher
