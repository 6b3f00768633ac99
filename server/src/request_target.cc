#include "request_target.h"

#include "http_error.h"

namespace newsdex::server {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string percent_decode(std::string_view text, bool plus_is_space) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plus_is_space) {
      decoded += ' ';
    } else if (c == '%') {
      const bool complete = i + 2 < text.size();
      const int high = complete ? hex_digit(text[i + 1]) : -1;
      const int low = complete ? hex_digit(text[i + 2]) : -1;
      if (high < 0 || low < 0) {
        throw HttpError(400, "bad_request",
                        "malformed percent-encoding in '" + std::string(text) +
                            "' (a '%' must be followed by two hex digits)");
      }
      decoded += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      decoded += c;
    }
  }
  return decoded;
}

RequestTarget parse_request_target(std::string_view target) {
  RequestTarget parsed;
  const std::size_t question = target.find('?');
  parsed.path = std::string(target.substr(0, question));
  if (question == std::string_view::npos) return parsed;
  std::string_view query = target.substr(question + 1);
  // A fragment is never sent by browsers; a client that sends one gets it cut.
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view piece = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (piece.empty()) continue;
    const std::size_t equals = piece.find('=');
    if (equals == std::string_view::npos) {
      parsed.parameters.emplace_back(percent_decode(piece, true), std::string());
    } else {
      parsed.parameters.emplace_back(percent_decode(piece.substr(0, equals), true),
                                     percent_decode(piece.substr(equals + 1), true));
    }
  }
  return parsed;
}

}  // namespace newsdex::server
