// router.h — what newsdex-serve answers to each request, apart from HTTP
// transport: the JSON API, the search page's files and every error status.
// Plain values in and out, so it is tested without a network.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "searcher_pool.h"

namespace newsdex::server {

/// One answer: status, content type, body and any further headers.
struct Response {
  unsigned status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

/// Routes GET and HEAD requests (docs/server.md):
///   /                    the search page (its script reads the query string)
///   /static/NAME         the page's script, style sheet and icon
///   /api/search?...      search results, as newsdex-search --json prints them
///   /api/article/ID      the stored article with this (percent-encoded) id
///   /api/health          index revision and article count
/// Searches run on the calling thread's Searcher from `searchers`.
class Router {
 public:
  explicit Router(SearcherPool& searchers) : searchers_(searchers) {}

  /// The answer to `method` on `target` (as sent: path and query string,
  /// percent-encoded). Never throws: every failure is an error response.
  Response handle(std::string_view method, std::string_view target) const;

 private:
  Response route(std::string_view method, std::string_view target) const;
  Response search(const std::string& query_string_target) const;
  Response article(std::string_view encoded_id) const;
  Response health() const;

  SearcherPool& searchers_;
};

}  // namespace newsdex::server
