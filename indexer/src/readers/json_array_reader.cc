#include "json_array_reader.h"

#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <utility>

#include "json_article.h"
#include "newsdex/common/error.h"
#include "utf8_repair.h"

namespace newsdex::indexer {
namespace {

constexpr std::size_t kChunkBytes = 1 << 16;
// An element this large is not an article: stop rather than buffer the file.
constexpr std::size_t kMaxElementBytes = std::size_t{64} << 20;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string shown(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x20 && byte < 0x7f) return std::string("'") + c + "'";
  char code[16];
  std::snprintf(code, sizeof code, "0x%02X", byte);
  return code;
}

}  // namespace

JsonArrayReader::JsonArrayReader(std::istream& in, std::string name)
    : ArticleReader(std::move(name)), in_(in), parser_(std::make_unique<simdjson::dom::parser>()) {}

JsonArrayReader::~JsonArrayReader() = default;

char JsonArrayReader::peek(std::size_t pos) {
  while (pos >= buffer_.size() - start_ && !eof_) {
    if (start_ > 0) {  // drop what was consumed before growing
      buffer_.erase(0, start_);
      start_ = 0;
    }
    const std::size_t old_size = buffer_.size();
    buffer_.resize(old_size + kChunkBytes);
    in_.read(&buffer_[old_size], static_cast<std::streamsize>(kChunkBytes));
    buffer_.resize(old_size + static_cast<std::size_t>(in_.gcount()));
    if (in_.bad()) throw InputError(name(), line_, "", "read error");
    if (!in_) eof_ = true;
  }
  return pos < buffer_.size() - start_ ? buffer_[start_ + pos] : '\0';
}

bool JsonArrayReader::at_end(std::size_t pos) {
  peek(pos);
  return pos >= buffer_.size() - start_;
}

void JsonArrayReader::consume(std::size_t count) {
  const auto begin = buffer_.begin() + static_cast<std::ptrdiff_t>(start_);
  line_ += static_cast<std::uint64_t>(
      std::count(begin, begin + static_cast<std::ptrdiff_t>(count), '\n'));
  start_ += count;
  consumed_ += count;
}

void JsonArrayReader::skip_space() {
  if (consumed_ == 0 && !at_end(2) && buffer_.compare(start_, 3, "\xEF\xBB\xBF") == 0) consume(3);
  while (!at_end(0) && is_space(peek(0))) consume(1);
}

std::optional<std::size_t> JsonArrayReader::element_length() {
  const char first = peek(0);
  if (first == '{' || first == '[' || first == '"') {
    int depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (std::size_t i = 0;;) {
      if (at_end(i)) return std::nullopt;  // reads more input when needed
      if (i >= kMaxElementBytes) {
        throw InputError(name(), record_, "", "array element larger than 64 MiB");
      }
      // Scan what is buffered without a call per byte (the buffer may move
      // when at_end() reads more, so `data` is taken afresh each round).
      const char* data = buffer_.data() + start_;
      const std::size_t available = std::min(buffer_.size() - start_, kMaxElementBytes);
      for (; i < available; ++i) {
        const char c = data[i];
        if (in_string) {
          if (escaped) {
            escaped = false;
          } else if (c == '\\') {
            escaped = true;
          } else if (c == '"') {
            in_string = false;
            if (depth == 0) return i + 1;  // a string element
          }
        } else if (c == '"') {
          in_string = true;
        } else if (c == '{' || c == '[') {
          ++depth;
        } else if (c == '}' || c == ']') {
          if (--depth == 0) return i + 1;
        }
      }
    }
  }
  // A number, true, false or null: up to the next separator.
  std::size_t i = 0;
  while (!at_end(i) && !is_space(peek(i)) && peek(i) != ',' && peek(i) != ']') {
    if (++i >= kMaxElementBytes) {
      throw InputError(name(), record_, "", "array element larger than 64 MiB");
    }
  }
  if (at_end(i)) return std::nullopt;
  return i;
}

std::optional<Article> JsonArrayReader::next() {
  if (done_) return std::nullopt;
  if (!started_) {
    skip_space();
    record_ = line_;
    if (at_end(0)) {
      done_ = true;
      warn(0, "", "no JSON array: the input is empty");
      return std::nullopt;
    }
    if (peek(0) != '[') {
      done_ = true;
      throw InputError(
          name(), line_, "",
          "expected a JSON array of articles starting with '[', found " + shown(peek(0)));
    }
    consume(1);
    started_ = true;
  }
  for (;;) {
    skip_space();
    if (at_end(0)) {
      done_ = true;
      record_ = line_;
      throw InputError(name(), line_, "",
                       "truncated JSON array: the input ends before its closing ']'");
    }
    const char c = peek(0);
    if (c == ',') {
      consume(1);
      continue;
    }
    if (c == ']') {
      consume(1);
      done_ = true;
      skip_space();
      if (!at_end(0)) warn(line_, "", "text after the JSON array ignored");
      return std::nullopt;
    }
    break;
  }
  record_ = line_;
  std::optional<std::size_t> length;
  try {
    length = element_length();
  } catch (const InputError&) {
    done_ = true;
    throw;
  }
  if (!length) {
    done_ = true;
    consume(buffer_.size() - start_);
    throw InputError(name(), record_, "",
                     "truncated JSON array: the element starting here is not closed");
  }
  std::string element = buffer_.substr(start_, *length);
  consume(*length);
  if (const std::size_t replaced = internal::repair_utf8(element); replaced > 0) {
    warn(record_, "",
         "invalid UTF-8 replaced by U+FFFD (" + std::to_string(replaced) + " sequence" +
             (replaced == 1 ? ")" : "s)"));
  }
  const std::uint64_t record = record_;
  return parse_article(*parser_, element, name(), record,
                       [this, record](std::string field, std::string message) {
                         warn(record, std::move(field), std::move(message));
                       });
}

}  // namespace newsdex::indexer
