#include "router.h"

#include <nlohmann/json.hpp>

#include "http_error.h"
#include "newsdex/common/error.h"
#include "newsdex/common/version.h"
#include "newsdex/searcher/json.h"
#include "request_target.h"
#include "search_parameters.h"
#include "static_assets.h"

namespace newsdex::server {
namespace {

constexpr std::string_view kJson = "application/json";
constexpr std::string_view kApiPrefix = "/api/";
constexpr std::string_view kArticlePrefix = "/api/article/";

Response json_response(std::string body) {
  Response response;
  response.content_type = std::string(kJson);
  response.body = std::move(body);
  // Results follow the index's commits: never reuse a stored copy.
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Response error_response(const HttpError& error) {
  Response response = json_response(error_json(error.code(), error.what()));
  response.status = error.status();
  if (error.status() == 405) response.headers.emplace_back("Allow", "GET, HEAD");
  if (error.status() == 503) response.headers.emplace_back("Retry-After", "5");
  return response;
}

Response asset_response(const StaticAsset& asset) {
  Response response;
  response.content_type = std::string(asset.content_type);
  response.body = std::string(asset.body);
  response.headers.emplace_back("Cache-Control", "no-cache");
  // The page builds its DOM from API data with textContent only; the policy
  // is the second line of defence should that ever slip.
  response.headers.emplace_back("Content-Security-Policy",
                                "default-src 'self'; img-src 'self'; object-src 'none'; "
                                "base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
  return response;
}

}  // namespace

Response Router::handle(std::string_view method, std::string_view target) const {
  try {
    return route(method, target);
  } catch (const HttpError& e) {
    return error_response(e);
  } catch (const ConfigError& e) {
    // What the library rejects in a request (e.g. a `since` that is no date).
    return error_response(HttpError(400, "bad_parameter", e.what()));
  } catch (const NotFoundError& e) {
    return error_response(HttpError(404, "not_found", e.what()));
  } catch (const IndexError& e) {
    // The index may have been removed or rebuilt: open it afresh next time.
    searchers_.forget_this_thread();
    return error_response(HttpError(503, "index_unavailable", e.what()));
  } catch (const std::exception& e) {
    return error_response(HttpError(500, "internal", e.what()));
  }
}

Response Router::route(std::string_view method, std::string_view target) const {
  const std::string_view path = target.substr(0, target.find('?'));
  const bool is_api = path.substr(0, kApiPrefix.size()) == kApiPrefix;
  const StaticAsset* asset = is_api ? nullptr : find_static_asset(path);
  const bool known = asset != nullptr || path == "/api/search" || path == "/api/health" ||
                     (path.size() > kArticlePrefix.size() &&
                      path.substr(0, kArticlePrefix.size()) == kArticlePrefix);
  if (!known) {
    throw HttpError(404, "not_found", "no such path: " + percent_decode(path, false));
  }
  if (method != "GET" && method != "HEAD") {
    throw HttpError(405, "method_not_allowed",
                    "method " + std::string(method) + " is not allowed here (use GET)");
  }
  if (asset != nullptr) return asset_response(*asset);
  if (path == "/api/search") return search(std::string(target));
  if (path == "/api/health") return health();
  return article(path.substr(kArticlePrefix.size()));
}

Response Router::search(const std::string& target) const {
  const ApiSearch api = parse_search_parameters(parse_request_target(target).parameters);
  searcher::Searcher& searcher = searchers_.for_this_thread();
  const searcher::SearchResult result =
      api.duplicates_of ? searcher.duplicates_of(*api.duplicates_of, api.request)
      : api.like        ? searcher.related(*api.like, api.request)
                        : searcher.search(api.request);
  return json_response(searcher::to_json(result));
}

Response Router::article(std::string_view encoded_id) const {
  const std::string id = percent_decode(encoded_id, false);
  return json_response(searcher::to_json(searchers_.for_this_thread().article(id)));
}

Response Router::health() const {
  searcher::Searcher& searcher = searchers_.for_this_thread();
  nlohmann::ordered_json health;
  health["status"] = "ok";
  health["articles"] = searcher.document_count();
  const auto revision = searcher.revision();
  health["revision"] = revision ? nlohmann::ordered_json(*revision) : nlohmann::ordered_json();
  health["version"] = std::string(version());
  return json_response(health.dump());
}

}  // namespace newsdex::server
