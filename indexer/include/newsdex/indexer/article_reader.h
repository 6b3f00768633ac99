// newsdex/indexer/article_reader.h — reading articles from input files.
//
// Every input format (JSON Lines, ...) has an ArticleReader; open_reader()
// picks one from the file name and its first bytes. Readers hand out raw
// articles; the importer then checks and repairs them (see import.h).
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsdex/common/article.h"

namespace newsdex::indexer {

/// A problem in the input that was repaired or worked around: the record
/// was still read. (A record that cannot be read at all is an InputError.)
struct InputWarning {
  std::string file;
  std::uint64_t record = 0;  ///< line or record number, 1-based; 0 = the whole file
  std::string field;         ///< empty when about the whole record
  std::string message;

  /// "file:record: field: message", like InputError's message.
  std::string to_string() const;
};

/// The input formats newsdex reads.
enum class InputFormat {
  kAuto,       ///< decide from the file name, then from the content
  kJsonLines,  ///< one JSON object per line (.jsonl, .ndjson)
  kJsonArray,  ///< one JSON array of article objects (.json)
  kCsv,        ///< comma-separated values with a header row (.csv)
  kTsv,        ///< tab-separated values with a header row (.tsv)
  kRss,        ///< RSS 2.0 feed
  kAtom,       ///< Atom feed
  kNewsMl,     ///< IPTC NewsML-G2
  kNitf,       ///< IPTC NITF
  kHtml,       ///< one HTML article page (.html, .htm)
};

/// Parses a --format name: auto, jsonl, json, csv, tsv, rss, atom, newsml,
/// nitf, html. @throws ConfigError
InputFormat parse_input_format(std::string_view name);

/// The --format name of a format ("jsonl", ...).
std::string_view format_name(InputFormat format);

/// The format a file name implies, looking through .gz and .zst
/// (kAuto when it implies none; .xml is decided by content).
InputFormat format_from_name(std::string_view path);

/// The format the first bytes of a (decompressed) input imply, or kAuto.
InputFormat format_from_content(std::string_view head);

/// Settings shared by every reader.
struct ReaderOptions {
  InputFormat format = InputFormat::kAuto;
  /// CSV/TSV: article field -> column name, for headers that do not use
  /// the field names ({"title", "headline"}, {"published", "date"}).
  std::vector<std::pair<std::string, std::string>> column_map;
};

/// Pulls articles one at a time from one input.
///
/// A record that cannot be read makes next() throw newsdex::InputError
/// naming file, record and field; the reader is then positioned after that
/// record, so the caller may count the error and call next() again. Repaired
/// problems go to the warning handler. Not thread-safe.
class ArticleReader {
 public:
  virtual ~ArticleReader();

  /// The next article, or nullopt at the end of the input.
  /// @throws InputError for a record that is not a valid article
  virtual std::optional<Article> next() = 0;

  /// Number of the record last read (1-based line number for line formats).
  virtual std::uint64_t record() const noexcept = 0;

  /// Input bytes consumed so far (for progress reporting).
  virtual std::uint64_t bytes_read() const noexcept = 0;

  /// The input's name in messages ("-" for standard input).
  const std::string& name() const noexcept { return name_; }

  /// What is read: the format's --format name ("jsonl", "rss", ...), with
  /// " (gzip)" or " (zstd)" for compressed input.
  const std::string& format_label() const noexcept { return format_label_; }

  /// Where repaired problems are reported (default: nowhere).
  void set_warning_handler(std::function<void(const InputWarning&)> handler) {
    warning_handler_ = std::move(handler);
  }

  /// Makes the reader own the stream it reads (it is destroyed with the
  /// reader, after the reader's own members).
  void adopt_input(std::unique_ptr<std::istream> input) { owned_input_ = std::move(input); }

 protected:
  explicit ArticleReader(std::string name) : name_(std::move(name)) {}
  void warn(std::uint64_t record, std::string field, std::string message) const;
  /// Passes on a warning another reader made (for readers that wrap one).
  void relay(const InputWarning& warning) const;

 private:
  friend std::unique_ptr<ArticleReader> make_reader(std::istream&, std::string, InputFormat,
                                                    const ReaderOptions&);
  friend std::unique_ptr<ArticleReader> open_reader(std::unique_ptr<std::istream>, std::string,
                                                    const ReaderOptions&);
  std::string name_;
  std::string format_label_;
  std::function<void(const InputWarning&)> warning_handler_;
  std::unique_ptr<std::istream> owned_input_;
};

/// Opens `path` ("-": standard input) with the reader for its format.
/// @throws InputError if it cannot be opened or its format is not known
std::unique_ptr<ArticleReader> open_reader(const std::string& path, const ReaderOptions& options);

/// The same for an input already open (read from memory, a socket, ...):
/// `input` is owned by the reader; `name` names it in messages and, with
/// format kAuto, its extension is consulted like a file name's.
/// @throws InputError if its format is not known
std::unique_ptr<ArticleReader> open_reader(std::unique_ptr<std::istream> input, std::string name,
                                           const ReaderOptions& options);

/// A reader over an already open stream (not owned; must outlive the reader).
/// `format` must not be kAuto. @throws ConfigError for kAuto
std::unique_ptr<ArticleReader> make_reader(std::istream& in, std::string name, InputFormat format,
                                           const ReaderOptions& options);

}  // namespace newsdex::indexer
