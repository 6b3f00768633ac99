#include "newsdex/common/error.h"

#include <utility>

namespace newsdex {
namespace {

std::string format_input_error(const std::string& file, std::uint64_t line,
                               const std::string& field, const std::string& reason) {
  std::string message = file;
  if (line > 0) message += ":" + std::to_string(line);
  message += ": ";
  if (!field.empty()) message += field + ": ";
  message += reason;
  return message;
}

}  // namespace

InputError::InputError(std::string file, std::uint64_t line, std::string field, std::string reason)
    : Error(format_input_error(file, line, field, reason)),
      file_(std::move(file)),
      line_(line),
      field_(std::move(field)),
      reason_(std::move(reason)) {}

}  // namespace newsdex
