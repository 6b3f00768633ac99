#include "newsdex/indexer/article_reader.h"

#include <algorithm>
#include <fstream>
#include <iostream>

#include "ascii.h"
#include "atom_reader.h"
#include "decompressed_reader.h"
#include "decompressing_stream.h"
#include "delimited_reader.h"
#include "html_reader.h"
#include "json_array_reader.h"
#include "jsonl_reader.h"
#include "newsdex/common/error.h"
#include "newsml_reader.h"
#include "nitf_reader.h"
#include "prefixed_stream.h"
#include "rss_reader.h"

namespace newsdex::indexer {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct FormatName {
  InputFormat format;
  std::string_view name;
};

constexpr FormatName kFormatNames[] = {
    {InputFormat::kAuto, "auto"},      {InputFormat::kJsonLines, "jsonl"},
    {InputFormat::kJsonArray, "json"}, {InputFormat::kCsv, "csv"},
    {InputFormat::kTsv, "tsv"},        {InputFormat::kRss, "rss"},
    {InputFormat::kAtom, "atom"},      {InputFormat::kNewsMl, "newsml"},
    {InputFormat::kNitf, "nitf"},      {InputFormat::kHtml, "html"},
};

// The name of the first element of markup ("" when `head` is not markup):
// after a byte order mark, white space, <?xml ...?>, comments and <!DOCTYPE>.
std::string root_element(std::string_view head) {
  if (head.compare(0, 3, "\xEF\xBB\xBF") == 0) head.remove_prefix(3);
  for (;;) {
    const auto first = head.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || head[first] != '<') return {};
    head.remove_prefix(first + 1);
    if (head.empty()) return {};
    if (head.front() != '?' && head.front() != '!') break;
    const auto end = head.find('>');
    if (end == std::string_view::npos) return {};
    head.remove_prefix(end + 1);
  }
  const auto end = head.find_first_of(" \t\r\n/>");
  std::string name(head.substr(0, std::min(end, std::size_t{64})));
  return name;
}

}  // namespace

std::string InputWarning::to_string() const {
  std::string text = file;
  if (record > 0) text += ":" + std::to_string(record);
  text += ": ";
  if (!field.empty()) text += field + ": ";
  return text + message;
}

ArticleReader::~ArticleReader() = default;

void ArticleReader::warn(std::uint64_t record, std::string field, std::string message) const {
  if (warning_handler_)
    warning_handler_(InputWarning{name_, record, std::move(field), std::move(message)});
}

void ArticleReader::relay(const InputWarning& warning) const {
  if (warning_handler_) warning_handler_(warning);
}

InputFormat parse_input_format(std::string_view name) {
  for (const FormatName& known : kFormatNames) {
    if (known.name == name) return known.format;
  }
  if (name == "ndjson") return InputFormat::kJsonLines;
  throw ConfigError("unknown input format '" + std::string(name) +
                    "' (use auto, jsonl, json, csv, tsv, rss, atom, newsml, nitf or html)");
}

std::string_view format_name(InputFormat format) {
  for (const FormatName& known : kFormatNames) {
    if (known.format == format) return known.name;
  }
  return "unknown";
}

InputFormat format_from_name(std::string_view path) {
  std::string name = internal::ascii_lower(path);
  for (std::string_view compressed : {".gz", ".zst"}) {
    if (ends_with(name, compressed)) name.resize(name.size() - compressed.size());
  }
  if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) return InputFormat::kJsonLines;
  if (ends_with(name, ".json")) return InputFormat::kJsonArray;
  if (ends_with(name, ".csv")) return InputFormat::kCsv;
  if (ends_with(name, ".tsv") || ends_with(name, ".tab")) return InputFormat::kTsv;
  if (ends_with(name, ".rss") || ends_with(name, ".rdf")) return InputFormat::kRss;
  if (ends_with(name, ".atom")) return InputFormat::kAtom;
  if (ends_with(name, ".nitf")) return InputFormat::kNitf;
  if (ends_with(name, ".html") || ends_with(name, ".htm")) return InputFormat::kHtml;
  return InputFormat::kAuto;
}

InputFormat format_from_content(std::string_view head) {
  // Skip a UTF-8 byte order mark and leading white space.
  if (head.compare(0, 3, "\xEF\xBB\xBF") == 0) head.remove_prefix(3);
  const auto first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return InputFormat::kAuto;
  head.remove_prefix(first);
  if (head.front() == '{') return InputFormat::kJsonLines;
  if (head.front() == '[') return InputFormat::kJsonArray;
  if (head.front() != '<') return InputFormat::kAuto;
  const std::string text = internal::ascii_lower(head.substr(0, 4096));
  // The root element decides (NewsML-G2 items often carry NITF inside);
  // its local name, after the prolog, comments and doctype.
  std::size_t at = 0;
  while ((at = text.find('<', at)) != std::string::npos && at + 1 < text.size() &&
         (text[at + 1] == '?' || text[at + 1] == '!')) {
    at = text.compare(at, 4, "<!--") == 0 ? text.find("-->", at) : at + 1;
  }
  if (at != std::string::npos) {
    const std::size_t end = text.find_first_of(" \t\r\n/>", at);
    std::string root = text.substr(at + 1, end == std::string::npos ? end : end - at - 1);
    root = root.substr(root.find(':') + 1);
    if (root == "nitf") return InputFormat::kNitf;
    if (root == "newsitem" || root == "newsmessage" || root == "packageitem")
      return InputFormat::kNewsMl;
    if (root == "rss" || root == "rdf") return InputFormat::kRss;
    if (root == "feed") return InputFormat::kAtom;
  }
  // Otherwise (a root cut off, a fragment) look for the most specific markers first.
  if (text.find("<nitf") != std::string::npos) return InputFormat::kNitf;
  if (text.find("newsmessage") != std::string::npos ||
      text.find("<newsitem") != std::string::npos || text.find(":newsitem") != std::string::npos) {
    return InputFormat::kNewsMl;
  }
  if (text.find("<rss") != std::string::npos || text.find("<rdf:rdf") != std::string::npos) {
    return InputFormat::kRss;
  }
  if (text.find("<feed") != std::string::npos) return InputFormat::kAtom;
  if (text.find("<html") != std::string::npos || text.find("<!doctype html") != std::string::npos) {
    return InputFormat::kHtml;
  }
  return InputFormat::kAuto;
}

namespace {

std::unique_ptr<ArticleReader> reader_for(std::istream& in, std::string name, InputFormat format,
                                          const ReaderOptions& options) {
  switch (format) {
    case InputFormat::kJsonLines:
      return std::make_unique<JsonlReader>(in, std::move(name));
    case InputFormat::kJsonArray:
      return std::make_unique<JsonArrayReader>(in, std::move(name));
    case InputFormat::kCsv:
      return std::make_unique<DelimitedReader>(in, std::move(name), ',', options);
    case InputFormat::kTsv:
      return std::make_unique<DelimitedReader>(in, std::move(name), '\t', options);
    case InputFormat::kHtml:
      return std::make_unique<HtmlReader>(in, std::move(name));
    case InputFormat::kRss:
      return std::make_unique<RssReader>(in, std::move(name));
    case InputFormat::kAtom:
      return std::make_unique<AtomReader>(in, std::move(name));
    case InputFormat::kNewsMl:
      return std::make_unique<NewsMlReader>(in, std::move(name));
    case InputFormat::kNitf:
      return std::make_unique<NitfReader>(in, std::move(name));
    case InputFormat::kAuto:
      throw ConfigError("make_reader needs a concrete input format");
  }
  throw ConfigError("unknown input format " + std::to_string(static_cast<int>(format)));
}

}  // namespace

std::unique_ptr<ArticleReader> make_reader(std::istream& in, std::string name, InputFormat format,
                                           const ReaderOptions& options) {
  auto reader = reader_for(in, std::move(name), format, options);
  reader->format_label_ = std::string(format_name(format));
  return reader;
}

std::unique_ptr<ArticleReader> open_reader(const std::string& path, const ReaderOptions& options) {
  std::unique_ptr<std::istream> input;
  if (path == "-") {
    input = std::make_unique<PrefixedStream>("", std::cin);
  } else {
    auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!*file) throw InputError(path, 0, "", "cannot open for reading");
    input = std::move(file);
  }
  return open_reader(std::move(input), path, options);
}

std::unique_ptr<ArticleReader> open_reader(std::unique_ptr<std::istream> input, std::string name,
                                           const ReaderOptions& options) {
  const std::string& path = name;
  // The first bytes tell the compression and the format when the name does
  // not; they are read once and handed back in front of the rest.
  constexpr std::size_t kHeadBytes = 4096;
  std::string head = read_head(*input, kHeadBytes);
  const Compression compression = compression_from_magic(head);
  std::unique_ptr<DecompressingStream> decompressed;
  std::unique_ptr<PrefixedStream> stream;
  if (compression != Compression::kNone) {
    auto raw = std::make_unique<PrefixedStream>(std::move(head), std::move(input));
    decompressed = std::make_unique<DecompressingStream>(std::move(raw), compression);
    head = read_head(*decompressed, kHeadBytes);
    stream = std::make_unique<PrefixedStream>(head, *decompressed);
  } else {
    stream = std::make_unique<PrefixedStream>(head, std::move(input));
  }
  InputFormat format = options.format;
  if (format == InputFormat::kAuto) format = format_from_name(path);
  if (format == InputFormat::kAuto) format = format_from_content(head);
  if (format == InputFormat::kAuto) {
    // Markup of no kind newsdex reads would only give one JSON error per line.
    if (const std::string root = root_element(head); !root.empty()) {
      throw InputError(path, 0, "",
                       "XML whose root element <" + root +
                           "> is none newsdex reads (rss, rdf:RDF, feed, newsItem, newsMessage, "
                           "nitf, html); use --format to choose a reader");
    }
    // Without a telling name or content, JSON Lines is the canonical input.
    format = InputFormat::kJsonLines;
  }
  auto reader = make_reader(*stream, path, format, options);
  reader->adopt_input(std::move(stream));
  if (!decompressed) return reader;
  std::unique_ptr<ArticleReader> outer =
      std::make_unique<DecompressedReader>(std::move(decompressed), std::move(reader));
  outer->format_label_ =
      std::string(format_name(format)) + " (" + std::string(compression_name(compression)) + ")";
  return outer;
}

}  // namespace newsdex::indexer
