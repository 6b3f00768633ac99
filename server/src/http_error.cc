#include "http_error.h"

#include <nlohmann/json.hpp>

namespace newsdex::server {

std::string error_json(std::string_view code, std::string_view message) {
  nlohmann::ordered_json error;
  error["code"] = code;
  error["message"] = message;
  nlohmann::ordered_json body;
  body["error"] = std::move(error);
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

HttpError bad_parameter(std::string_view name, std::string_view problem) {
  return HttpError(400, "bad_parameter",
                   "parameter '" + std::string(name) + "': " + std::string(problem));
}

}  // namespace newsdex::server
