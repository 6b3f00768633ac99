// delimited_reader.h (internal) — reads CSV (RFC 4180) and TSV files with a
// header row, one article per row.
#pragma once

#include <array>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "newsdex/indexer/article_reader.h"

namespace newsdex::indexer {

/// Reads a table whose first row names the columns. Columns map to article
/// fields by name (id, title, body, source, url, published, authors, topics,
/// places, language), by common aliases (headline, text, date, link, ...;
/// see docs/formats.md) or by ReaderOptions::column_map, which wins.
/// List fields are split at ';' or '|'. record() is the line a row starts
/// on (a quoted CSV field may span lines).
///
/// CSV: fields separated by ',', optionally in double quotes ("" inside
/// quotes is one quote; quoted fields may hold commas and line breaks).
/// TSV: fields separated by tabs, no quoting (a field cannot hold a tab or a
/// line break). CRLF or LF line ends; a UTF-8 byte order mark is skipped.
///
/// A row with another number of fields than the header, or an unclosed quote,
/// is an InputError for that row; the rest is still read.
/// @throws ConfigError from the constructor for a column_map naming an
/// unknown article field
class DelimitedReader : public ArticleReader {
 public:
  /// @param in        the stream to read (not owned; must outlive the reader)
  /// @param separator ',' for CSV, '\t' for TSV
  DelimitedReader(std::istream& in, std::string name, char separator, const ReaderOptions& options);

  std::optional<Article> next() override;
  std::uint64_t record() const noexcept override { return record_; }
  std::uint64_t bytes_read() const noexcept override { return bytes_; }

  /// The article fields a column can map to, in the order above.
  static constexpr std::array<const char*, 10> kFields = {
      "id",        "title",   "body",   "source", "url",
      "published", "authors", "topics", "places", "language"};

 private:
  // Reads one row into fields_; false at the end of the input.
  bool read_row();
  int get();  // next byte or EOF, counting bytes and lines
  void read_header();

  std::istream& in_;
  char separator_;
  std::vector<std::pair<std::string, std::string>> column_map_;
  std::vector<std::string> fields_;
  // For each column, the index in kFields it fills, or -1 when ignored.
  std::vector<int> column_field_;
  std::uint64_t line_ = 1;
  std::uint64_t record_ = 0;
  std::uint64_t bytes_ = 0;
  bool header_read_ = false;
};

}  // namespace newsdex::indexer
