// jsonl_reader.h (internal) — reads articles from JSON Lines.
//
// One JSON object per line with the keys id, source, url, title, body,
// published, authors, topics, places, language (the format of the corpora in
// newsdex's corpus/ folder; see docs/schema.md). Unknown keys are ignored;
// null counts as absent. Blank lines are skipped.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>

#include "newsdex/common/article.h"
#include "newsdex/indexer/article_reader.h"

namespace newsdex::indexer {

/// Pulls one Article at a time from a JSON Lines stream.
///
/// A malformed line makes next() throw newsdex::InputError naming the file,
/// the line and the field; the reader is then positioned after that line, so
/// the caller may count the error and call next() again. Invalid UTF-8 is
/// repaired (U+FFFD) with a warning. Not thread-safe; the stream must outlive
/// the reader (or be adopted by it).
class JsonlReader : public ArticleReader {
 public:
  /// @param in   the stream to read (not owned)
  /// @param name the file name used in error messages ("-" for stdin)
  JsonlReader(std::istream& in, std::string name);
  ~JsonlReader() override;
  JsonlReader(const JsonlReader&) = delete;
  JsonlReader& operator=(const JsonlReader&) = delete;

  /// The next article, or nullopt at the end of the stream.
  /// @throws InputError for a line that is not a valid article
  std::optional<Article> next() override;

  /// 1-based number of the line last read.
  std::uint64_t record() const noexcept override;
  std::uint64_t line() const noexcept { return record(); }

  /// Bytes consumed so far (for progress reporting).
  std::uint64_t bytes_read() const noexcept override;

 private:
  void report(std::uint64_t line, std::string field, std::string message) const;
  class Impl;
  std::unique_ptr<Impl> impl_;
};

/// Parses one JSON object (one line of JSON Lines) into an Article.
/// @throws InputError (with `file` and `line` as given) when it is not valid
Article parse_article_json(std::string_view json, const std::string& file, std::uint64_t line);

}  // namespace newsdex::indexer
