// request_target.h — the path and parameters of a request target
// ("/api/search?q=chip+export&source=BBC"), percent-decoded as
// application/x-www-form-urlencoded (RFC 3986 escapes, '+' for a space).
// Beast parses the HTTP message; this splits what it calls the target.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex::server {

/// One name=value pair of a query string, both decoded; in request order,
/// repeats kept ("facet=source&facet=date:month").
using Parameter = std::pair<std::string, std::string>;

struct RequestTarget {
  std::string path;  ///< as sent, still encoded (routing splits it first)
  std::vector<Parameter> parameters;
};

/// Splits `target` at the first '?' and decodes the parameters; a name
/// without '=' has an empty value, empty pieces ("a=1&&b=2") are skipped.
/// @throws HttpError 400 for a '%' not followed by two hex digits
RequestTarget parse_request_target(std::string_view target);

/// Decodes %XX escapes (and '+' as a space when `plus_is_space`). The result
/// may hold any bytes, invalid UTF-8 included: callers check what they need.
/// @throws HttpError 400 for a '%' not followed by two hex digits
std::string percent_decode(std::string_view text, bool plus_is_space);

}  // namespace newsdex::server
