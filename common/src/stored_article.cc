#include "stored_article.h"

#include <zstd.h>

#include <cstdint>
#include <memory>
#include <new>
#include <string>

#include "newsdex/common/error.h"

namespace newsdex::internal {
namespace {

// Layout: the magic, then the strings id, source, url, title and language,
// then the date (a kind byte and, if dated, the zigzag-encoded seconds),
// then the lists authors, topics and places (a count, then the strings),
// and last the body: an encoding byte, then a string holding the body as it
// is or as one zstd frame (which records the size it expands to). A string
// is its byte length as a varint, then its bytes.
//
// Decoding is a few copies per field, where the JSON object of schema
// version 2 cost a parse of the whole body on every hit shown. The body is
// compressed here, on its own, rather than left to Xapian: glass deflates a
// whole record, so every hit inflated its body, snippet or not (17% of a
// one-word search). A zstd frame no longer deflates, so Xapian stores the
// record as it is; the body is decompressed only for a snippet, and zstd
// decodes several times faster than zlib (docs/performance.md).
constexpr std::string_view kMagic = "ND\x02";  // \x01: schema version 3, body plain

enum DateKind : std::uint8_t { kNoDate = 0, kDateTime = 1, kDateOnly = 2 };
enum BodyKind : std::uint8_t { kPlainBody = 0, kZstdBody = 1 };

// Shorter bodies gain nothing from a frame of their own (its header alone is
// 6 bytes or more).
constexpr std::size_t kCompressFrom = 64;
// Larger bodies are stored plain, so that a damaged frame header can never
// make the reader allocate more than this.
constexpr std::size_t kMaxCompressedBody = std::size_t{64} << 20;
// Level 3 (zstd's default) against 9 and 19 on Reuters' bodies: the same
// decoding speed; the higher levels save 1.5% and 2.4% of the size for 2.3x
// and 10x the compression time.
constexpr int kZstdLevel = 3;

struct CompressionContexts {
  std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> compress{nullptr, ZSTD_freeCCtx};
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> decompress{nullptr, ZSTD_freeDCtx};
};

// One context of each kind per thread, made at first use: ZSTD_compress and
// ZSTD_decompress would allocate and initialise one per call.
CompressionContexts& contexts() {
  thread_local CompressionContexts kept;
  return kept;
}

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

// Appends the body section: kZstdBody and a frame when that is smaller.
void put_body(std::string& out, std::string_view body, BodyEncoding encoding) {
  if (encoding == BodyEncoding::kCompressed && body.size() >= kCompressFrom &&
      body.size() <= kMaxCompressedBody) {
    auto& context = contexts().compress;
    if (!context) context.reset(ZSTD_createCCtx());
    if (!context) throw std::bad_alloc();
    std::string frame(ZSTD_compressBound(body.size()), '\0');
    const std::size_t size = ZSTD_compressCCtx(context.get(), frame.data(), frame.size(),
                                               body.data(), body.size(), kZstdLevel);
    if (ZSTD_isError(size)) {
      throw Error(std::string("cannot compress an article body: ") + ZSTD_getErrorName(size));
    }
    if (size < body.size()) {
      frame.resize(size);
      out.push_back(static_cast<char>(kZstdBody));
      put_string(out, frame);
      return;
    }
  }
  out.push_back(static_cast<char>(kPlainBody));
  put_string(out, body);
}

std::string decompress_body(std::string_view frame) {
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR) {
    corrupt("body frame without a size");
  }
  if (size > kMaxCompressedBody) corrupt("body frame too large");
  auto& context = contexts().decompress;
  if (!context) context.reset(ZSTD_createDCtx());
  if (!context) throw std::bad_alloc();
  std::string body(static_cast<std::size_t>(size), '\0');
  const std::size_t written =
      ZSTD_decompressDCtx(context.get(), body.data(), body.size(), frame.data(), frame.size());
  if (ZSTD_isError(written) || written != body.size()) corrupt("damaged body frame");
  return body;
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

  std::string_view view() {
    const std::uint64_t size = varint();
    if (size > data_.size()) corrupt("cut short in a text");
    const std::string_view text = data_.substr(0, size);
    data_.remove_prefix(size);
    return text;
  }

  std::string string() { return std::string(view()); }

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

std::string encode_stored_article(const Article& article, BodyEncoding body) {
  std::string out(kMagic);
  out.reserve(kMagic.size() + article.title.size() + article.body.size() + article.id.size() +
              article.source.size() + article.url.size() + 32);
  put_string(out, article.id);
  put_string(out, article.source);
  put_string(out, article.url);
  put_string(out, article.title);
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
  put_body(out, article.body, body);
  return out;
}

Article decode_stored_article(std::string_view data, BodyDecoding body) {
  if (data.substr(0, kMagic.size()) != kMagic) corrupt("unknown format");
  Reader in(data.substr(kMagic.size()));
  Article article;
  article.id = in.string();
  article.source = in.string();
  article.url = in.string();
  article.title = in.string();
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
  const std::uint8_t body_kind = in.byte();
  const std::string_view stored_body = in.view();
  if (!in.at_end()) corrupt("data after the record");
  if (body_kind == kPlainBody) {
    if (body == BodyDecoding::kDecode) article.body = stored_body;
  } else if (body_kind == kZstdBody) {
    if (body == BodyDecoding::kDecode) article.body = decompress_body(stored_body);
  } else {
    corrupt("unknown body encoding");
  }
  return article;
}

}  // namespace newsdex::internal
