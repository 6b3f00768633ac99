#include "text_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "newsdex/common/error.h"

namespace newsdex::eval::internal {

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t pos = 0;
  while (true) {
    pos = line.find_first_not_of(" \t\r", pos);
    if (pos == std::string_view::npos) break;
    const std::size_t end = line.find_first_of(" \t\r", pos);
    fields.push_back(line.substr(pos, end == std::string_view::npos ? end : end - pos));
    if (end == std::string_view::npos) break;
    pos = end;
  }
  return fields;
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\f\v") == std::string_view::npos;
}

bool LineReader::next(std::string& line) {
  if (!std::getline(in_, line)) {
    if (in_.bad()) throw InputError(name_, line_number_ + 1, "", "read error");
    return false;
  }
  ++line_number_;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

bool LineReader::next_record(std::string& line) {
  while (next(line)) {
    if (!is_blank(line)) return true;
  }
  return false;
}

void LineReader::fail(const std::string& field, const std::string& reason) const {
  throw InputError(name_, line_number_, field, reason);
}

void throw_cannot_open(const std::string& path) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    throw InputError(path, 0, "", "cannot open: is a directory");
  }
  throw InputError(path, 0, "", std::string("cannot open: ") + std::strerror(errno));
}

}  // namespace newsdex::eval::internal
