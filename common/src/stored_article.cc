#include "stored_article.h"

#include <cstdint>

#include "newsdex/common/error.h"

namespace newsdex::internal {
namespace {

// Layout: the magic, then the strings id, source, url, title, body and
// language, then the date (a kind byte and, if dated, the zigzag-encoded
// seconds), then the lists authors, topics and places (a count, then the
// strings). A string is its byte length as a varint, then its bytes.
// Decoding it is a few copies per field, where the JSON object it replaced
// (schema version 2) cost a parse of the whole body on every hit shown.
constexpr std::string_view kMagic = "ND\x01";

enum DateKind : std::uint8_t { kNoDate = 0, kDateTime = 1, kDateOnly = 2 };

void put_varint(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void put_string(std::string& out, std::string_view text) {
  put_varint(out, text.size());
  out.append(text);
}

void put_list(std::string& out, const std::vector<std::string>& items) {
  put_varint(out, items.size());
  for (const std::string& item : items) put_string(out, item);
}

[[noreturn]] void corrupt(const char* what) {
  throw IndexError(std::string("unreadable document data (not a newsdex index?): ") + what);
}

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  std::uint64_t varint() {
    std::uint64_t value = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      if (data_.empty()) corrupt("cut short in a number");
      const auto byte = static_cast<std::uint8_t>(data_.front());
      data_.remove_prefix(1);
      value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    corrupt("number too long");
  }

  std::uint8_t byte() {
    if (data_.empty()) corrupt("cut short");
    const auto value = static_cast<std::uint8_t>(data_.front());
    data_.remove_prefix(1);
    return value;
  }

  std::string string() {
    const std::uint64_t size = varint();
    if (size > data_.size()) corrupt("cut short in a text");
    std::string text(data_.substr(0, size));
    data_.remove_prefix(size);
    return text;
  }

  std::vector<std::string> list() {
    const std::uint64_t count = varint();
    // Every item takes at least its length byte: a larger count is corrupt
    // (and must not reserve memory for it).
    if (count > data_.size()) corrupt("list longer than the data");
    std::vector<std::string> items;
    items.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) items.push_back(string());
    return items;
  }

  bool at_end() const { return data_.empty(); }

 private:
  std::string_view data_;
};

}  // namespace

std::string encode_stored_article(const Article& article) {
  std::string out(kMagic);
  out.reserve(kMagic.size() + article.title.size() + article.body.size() + article.id.size() +
              article.source.size() + article.url.size() + 32);
  put_string(out, article.id);
  put_string(out, article.source);
  put_string(out, article.url);
  put_string(out, article.title);
  put_string(out, article.body);
  put_string(out, article.language);
  if (article.published) {
    out.push_back(static_cast<char>(article.published->date_only ? kDateOnly : kDateTime));
    const std::int64_t seconds = article.published->unix_seconds;
    // Zigzag: dates before 1970 stay short.
    put_varint(out, (static_cast<std::uint64_t>(seconds) << 1) ^
                        static_cast<std::uint64_t>(seconds >> 63));
  } else {
    out.push_back(static_cast<char>(kNoDate));
  }
  put_list(out, article.authors);
  put_list(out, article.topics);
  put_list(out, article.places);
  return out;
}

Article decode_stored_article(std::string_view data) {
  if (data.substr(0, kMagic.size()) != kMagic) corrupt("unknown format");
  Reader in(data.substr(kMagic.size()));
  Article article;
  article.id = in.string();
  article.source = in.string();
  article.url = in.string();
  article.title = in.string();
  article.body = in.string();
  article.language = in.string();
  const std::uint8_t date_kind = in.byte();
  if (date_kind == kDateTime || date_kind == kDateOnly) {
    const std::uint64_t zigzag = in.varint();
    const auto seconds = static_cast<std::int64_t>((zigzag >> 1) ^ (~(zigzag & 1) + 1));
    article.published = Timestamp{seconds, date_kind == kDateOnly};
  } else if (date_kind != kNoDate) {
    corrupt("unknown date kind");
  }
  article.authors = in.list();
  article.topics = in.list();
  article.places = in.list();
  if (!in.at_end()) corrupt("data after the record");
  return article;
}

}  // namespace newsdex::internal
