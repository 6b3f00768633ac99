// html_reader.h (internal) — reads one HTML article page as one article.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>

#include "newsdex/indexer/article_reader.h"

namespace newsdex::indexer {

/// Reads a whole HTML page (record 1) and extracts title, url, date,
/// authors, source, topics, language and body from meta tags, JSON-LD and
/// the page text. The page is made UTF-8 as XML feeds are (see
/// decode_to_utf8(): the charset a <meta> declares, stray Windows-1252
/// bytes and double-encoded UTF-8 repaired with warnings). Never throws for bad HTML:
/// a page without title and body is handed on for the importer to reject.
class HtmlReader : public ArticleReader {
 public:
  /// @param in the stream to read (not owned; must outlive the reader)
  HtmlReader(std::istream& in, std::string name);

  /// The page's article the first time, then nullopt.
  /// @throws InputError on a read error
  std::optional<Article> next() override;
  std::uint64_t record() const noexcept override { return record_; }
  std::uint64_t bytes_read() const noexcept override { return bytes_; }

 private:
  /// The whole input, counted in bytes_, made UTF-8 (see decode_to_utf8()).
  std::string read_page();
  /// Cuts `html` where its tags nest too deep for gumbo, with a warning.
  void bound_nesting(std::string& html) const;

  std::istream& in_;
  std::uint64_t record_ = 0;
  std::uint64_t bytes_ = 0;
  bool done_ = false;
};

}  // namespace newsdex::indexer
