// http_error.h — an answer other than 200, and the JSON body of every error
// (docs/server.md, "Errors").
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace newsdex::server {

/// Thrown while answering a request whose answer is an error: the status,
/// a stable code for programs and a message for people.
class HttpError : public std::runtime_error {
 public:
  HttpError(unsigned status, std::string code, const std::string& message)
      : std::runtime_error(message), status_(status), code_(std::move(code)) {}

  unsigned status() const noexcept { return status_; }
  const std::string& code() const noexcept { return code_; }

 private:
  unsigned status_;
  std::string code_;
};

/// `{"error": {"code": ..., "message": ...}}`; invalid UTF-8 (from a
/// request echoed in the message) is replaced by U+FFFD.
std::string error_json(std::string_view code, std::string_view message);

/// A bad value for a parameter: 400, the parameter named in the message.
HttpError bad_parameter(std::string_view name, std::string_view problem);

}  // namespace newsdex::server
