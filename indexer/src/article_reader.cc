#include "newsdex/indexer/article_reader.h"

#include <fstream>
#include <iostream>

#include "newsdex/common/error.h"
#include "newsdex/indexer/jsonl_reader.h"

namespace newsdex::indexer {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

InputFormat format_from_name(std::string_view path) {
  if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson")) return InputFormat::kJsonLines;
  return InputFormat::kAuto;
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

InputFormat parse_input_format(std::string_view name) {
  if (name == "auto") return InputFormat::kAuto;
  if (name == "jsonl" || name == "ndjson") return InputFormat::kJsonLines;
  throw ConfigError("unknown input format '" + std::string(name) + "' (use auto or jsonl)");
}

std::unique_ptr<ArticleReader> make_reader(std::istream& in, std::string name, InputFormat format,
                                           const ReaderOptions& options) {
  (void)options;
  switch (format) {
    case InputFormat::kJsonLines:
      return std::make_unique<JsonlReader>(in, std::move(name));
    case InputFormat::kAuto:
      break;
  }
  throw ConfigError("make_reader needs a concrete input format");
}

std::unique_ptr<ArticleReader> open_reader(const std::string& path, const ReaderOptions& options) {
  InputFormat format = options.format;
  if (format == InputFormat::kAuto) format = format_from_name(path);
  // Without a telling extension, JSON Lines is the canonical input.
  if (format == InputFormat::kAuto) format = InputFormat::kJsonLines;
  if (path == "-") return make_reader(std::cin, "-", format, options);
  auto stream = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*stream) throw InputError(path, 0, "", "cannot open for reading");
  auto reader = make_reader(*stream, path, format, options);
  reader->adopt_input(std::move(stream));
  return reader;
}

}  // namespace newsdex::indexer
