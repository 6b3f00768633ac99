// search_parameters.h — GET /api/search's parameters as a SearchRequest.
// The names are newsdex-search's options with '_' for '-' (docs/server.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "newsdex/searcher/request.h"
#include "request_target.h"

namespace newsdex::server {

/// Most hits one request may ask for, and the deepest page: a bound on the
/// work (and the answer's size) one request can cause.
inline constexpr std::uint32_t kMaxLimit = 1000;
inline constexpr std::uint32_t kMaxOffset = 100000;

/// What to run for one /api/search request.
struct ApiSearch {
  searcher::SearchRequest request;
  /// Set by duplicates_of=ID: list that article's near-duplicates instead.
  std::optional<std::string> duplicates_of;
  /// Set by like=ID: list the articles most like that one (q narrows them).
  std::optional<std::string> like;
};

/// Maps the parameters of /api/search to a search, as newsdex-search maps
/// its command line: q, limit, offset, sort, rank, half_life, now, since,
/// until, source, author, topic, place, lang, facet, facet_limit,
/// snippet_chars, any, suggest, synonyms, collapse, duplicates_of, like,
/// expand. The query
/// `q` is taken as it is (a malformed query is repaired by the searcher);
/// every other value must be valid UTF-8.
/// @throws HttpError 400 (code bad_parameter) naming the parameter for an
///         unknown name, a repeated single-valued one, or a bad value
ApiSearch parse_search_parameters(const std::vector<Parameter>& parameters);

}  // namespace newsdex::server
