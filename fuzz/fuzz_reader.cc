// Fuzzes every input reader. The first byte picks the format and how the
// rest reaches the reader: straight to that format's reader; through
// open_reader's detection (magic bytes, then content); or compressed here
// with gzip or zstd (whole or cut short) and read back through open_reader.
// A reader may only return articles or throw InputError, and must always
// come to an end.
#include <zlib.h>
#include <zstd.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>

#include "newsdex/common/error.h"
#include "newsdex/indexer/article_reader.h"

using newsdex::indexer::InputFormat;

namespace {

std::string gzip(const std::string& data) {
  z_stream z{};
  if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const std::size_t size = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 1);
  if (ZSTD_isError(size)) return {};
  out.resize(size);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr InputFormat kFormats[] = {
      InputFormat::kJsonLines, InputFormat::kJsonArray, InputFormat::kCsv,
      InputFormat::kTsv,       InputFormat::kRss,       InputFormat::kAtom,
      InputFormat::kNewsMl,    InputFormat::kNitf,      InputFormat::kHtml,
  };
  constexpr std::size_t kFormatCount = std::size(kFormats);
  const InputFormat format = kFormats[data[0] % kFormatCount];
  const unsigned route = data[0] / kFormatCount % 4;
  std::string payload(reinterpret_cast<const char*>(data + 1), size - 1);
  newsdex::indexer::ReaderOptions options;
  std::unique_ptr<newsdex::indexer::ArticleReader> reader;
  std::istringstream plain(payload);
  try {
    if (route == 0) {
      reader = newsdex::indexer::make_reader(plain, "fuzz", format, options);
    } else {
      if (route >= 2) {
        options.format = format;
        const std::string compressed = route == 2 ? gzip(payload) : zstd(payload);
        // Cut off as many bytes as the payload's last byte says.
        const std::size_t cut = payload.empty() ? 0 : static_cast<unsigned char>(payload.back());
        payload = compressed.substr(0, compressed.size() - std::min(cut % 8, compressed.size()));
      }
      reader = newsdex::indexer::open_reader(std::make_unique<std::istringstream>(payload), "fuzz",
                                             options);
    }
  } catch (const newsdex::InputError&) {
    return 0;
  }
  reader->set_warning_handler([](const newsdex::indexer::InputWarning&) {});
  // Each call consumes at least one record (or ends the input), so a bound
  // on the calls catches a reader that stops making progress.
  for (std::size_t calls = 0; calls <= size + 2; ++calls) {
    try {
      if (!reader->next()) return 0;
    } catch (const newsdex::InputError&) {
    }
  }
  __builtin_trap();  // no end in sight: a reader that loops
}
