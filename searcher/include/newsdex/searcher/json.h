// newsdex/searcher/json.h — the JSON form of search results (docs/json.md).
#pragma once

#include <string>

#include "newsdex/common/article.h"
#include "newsdex/searcher/result.h"

namespace newsdex::searcher {

/// Serialises `result` as one JSON object; `indent` < 0 gives a single line.
std::string to_json(const SearchResult& result, int indent = -1);

/// Serialises a stored article as one JSON object with the keys of the JSON
/// Lines input (docs/formats.md), in the order of docs/json.md, "Articles".
std::string to_json(const Article& article, int indent = -1);

}  // namespace newsdex::searcher
