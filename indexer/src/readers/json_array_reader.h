// json_array_reader.h (internal) — reads a JSON file holding one array of
// article objects ([{...}, {...}]), as many exports and APIs write them.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>

#include "newsdex/indexer/article_reader.h"

namespace simdjson::dom {
class parser;
}

namespace newsdex::indexer {

/// Streams the elements of a top-level JSON array: each is cut out of the
/// input by a small scanner (strings, escapes and nesting) and parsed on its
/// own, so memory stays bounded by the largest element and one bad element
/// costs only itself. record() is the line on which the element starts.
///
/// A non-object element or an invalid one is an InputError for that record;
/// reading goes on with the next element. Input that ends inside an element
/// or before the closing ']' is an InputError ("truncated JSON array"), after
/// which next() returns nothing more.
class JsonArrayReader : public ArticleReader {
 public:
  /// @param in the stream to read (not owned; must outlive the reader)
  JsonArrayReader(std::istream& in, std::string name);
  // Out of line: simdjson's types stay inside the library, whose build
  // settings decide their layout.
  ~JsonArrayReader() override;

  std::optional<Article> next() override;
  std::uint64_t record() const noexcept override { return record_; }
  std::uint64_t bytes_read() const noexcept override { return consumed_; }

 private:
  // The character at buffer_[pos], reading more input when needed; '\0'
  // with at_end() true at the end of the input.
  char peek(std::size_t pos);
  bool at_end(std::size_t pos);
  // Moves past `count` buffered characters, counting lines.
  void consume(std::size_t count);
  // Skips white space (and a byte order mark at the start).
  void skip_space();
  // Length of the element starting at buffer_[0], or nullopt when the input
  // ends inside it.
  std::optional<std::size_t> element_length();

  std::istream& in_;
  std::string buffer_;  // input read, from start_ on not yet consumed
  std::size_t start_ = 0;
  bool eof_ = false;
  bool started_ = false;  // the opening '[' was read
  bool done_ = false;
  std::uint64_t line_ = 1;  // line of buffer_[0]
  std::uint64_t record_ = 0;
  std::uint64_t consumed_ = 0;
  std::unique_ptr<simdjson::dom::parser> parser_;
};

}  // namespace newsdex::indexer
