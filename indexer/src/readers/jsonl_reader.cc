#include "jsonl_reader.h"

#include <simdjson.h>

#include "json_article.h"
#include "newsdex/common/error.h"
#include "utf8_repair.h"

namespace newsdex::indexer {
namespace {

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

Article parse_article_json(std::string_view json, const std::string& file, std::uint64_t line) {
  // A parser per call keeps this function reentrant; the reader keeps one.
  simdjson::dom::parser parser;
  return parse_article(parser, json, file, line, {});
}

class JsonlReader::Impl {
 public:
  Impl(std::istream& in, std::string name, const JsonlReader& owner)
      : in_(in),
        name_(std::move(name)),
        owner_(owner),
        warn_([this](std::string field, std::string message) {
          owner_.report(line_, std::move(field), std::move(message));
        }) {}

  std::optional<Article> next() {
    while (std::getline(in_, line_text_)) {
      ++line_;
      bytes_ += line_text_.size() + 1;
      if (line_ == 1 && line_text_.compare(0, 3, "\xEF\xBB\xBF") == 0) line_text_.erase(0, 3);
      if (is_blank(line_text_)) continue;
      if (const std::size_t replaced = internal::repair_utf8(line_text_); replaced > 0) {
        owner_.report(line_, "",
                      "invalid UTF-8 replaced by U+FFFD (" + std::to_string(replaced) +
                          " sequence" + (replaced == 1 ? ")" : "s)"));
      }
      return parse_article(parser_, line_text_, name_, line_, warn_);
    }
    if (in_.bad()) throw InputError(name_, line_, "", "read error");
    return std::nullopt;
  }

  std::uint64_t line() const { return line_; }
  std::uint64_t bytes_read() const { return bytes_; }

 private:
  std::istream& in_;
  std::string name_;
  const JsonlReader& owner_;
  const FieldWarning warn_;
  std::string line_text_;
  simdjson::dom::parser parser_;
  std::uint64_t line_ = 0;
  std::uint64_t bytes_ = 0;
};

JsonlReader::JsonlReader(std::istream& in, std::string name)
    : ArticleReader(name), impl_(std::make_unique<Impl>(in, std::move(name), *this)) {}
JsonlReader::~JsonlReader() = default;
std::optional<Article> JsonlReader::next() { return impl_->next(); }
std::uint64_t JsonlReader::record() const noexcept { return impl_->line(); }
void JsonlReader::report(std::uint64_t line, std::string field, std::string message) const {
  warn(line, std::move(field), std::move(message));
}
std::uint64_t JsonlReader::bytes_read() const noexcept { return impl_->bytes_read(); }

}  // namespace newsdex::indexer
