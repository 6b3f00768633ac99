// text_file.h — line-by-line reading shared by the collection readers
// (internal to newsdex_eval).
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <istream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex::eval::internal {

/// Splits `line` at runs of spaces and tabs (TREC files use either).
std::vector<std::string_view> split_fields(std::string_view line);

/// Whether `line` holds nothing but white space.
bool is_blank(std::string_view line);

/// Reads `in` line by line, counting lines and dropping a trailing CR.
class LineReader {
 public:
  /// `name` is the file name used in errors; `in` must outlive the reader.
  LineReader(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {}

  /// Reads the next line into `line`; false at the end.
  /// @throws InputError if the stream fails other than by ending
  bool next(std::string& line);

  /// Like next(), skipping lines that hold nothing but white space.
  bool next_record(std::string& line);

  /// Throws the InputError for the line last read: file, line, field, reason.
  [[noreturn]] void fail(const std::string& field, const std::string& reason) const;

  std::uint64_t line_number() const noexcept { return line_number_; }
  const std::string& name() const noexcept { return name_; }

 private:
  std::istream& in_;
  std::string name_;
  std::uint64_t line_number_ = 0;
};

/// Throws the error for a file that cannot be opened: a directory, or what
/// errno says.
[[noreturn]] void throw_cannot_open(const std::string& path);

/// Opens `path` for reading and returns `read(stream, path)`.
/// @throws InputError (line 0) if the file cannot be opened
template <typename Reader>
auto read_file(const std::string& path, Reader read) {
  std::ifstream in(path, std::ios::binary);
  // A directory opens fine on Linux and then reads as empty: refuse it.
  if (!in || std::filesystem::is_directory(path)) throw_cannot_open(path);
  return read(in, path);
}

}  // namespace newsdex::eval::internal
