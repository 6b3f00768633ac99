// static_assets.h — the search page's files (server/web/), compiled into the
// program so that it serves them without reading the file system.
#pragma once

#include <string_view>

namespace newsdex::server {

struct StaticAsset {
  std::string_view path;          ///< where it is served: "/", "/static/app.js"
  std::string_view content_type;  ///< with charset for text
  std::string_view body;
};

/// The asset served at exactly `path` (no decoding, no normalisation: a
/// path that is not one of the few names listed is no file), or null.
const StaticAsset* find_static_asset(std::string_view path);

}  // namespace newsdex::server
