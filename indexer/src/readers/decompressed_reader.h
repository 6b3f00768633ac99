// decompressed_reader.h (internal) — the reader of a compressed input: the
// reader of the format inside, plus the report of damaged compressed data.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "decompressing_stream.h"
#include "newsdex/indexer/article_reader.h"

namespace newsdex::indexer {

/// Wraps the reader of the decompressed content. When that reader reaches
/// the end, a decompression error (truncated or corrupt data) becomes one
/// InputError naming the file and the last record read, so data lost to a
/// damaged file is never silent. bytes_read() counts compressed bytes, so
/// progress matches the file's size.
class DecompressedReader : public ArticleReader {
 public:
  /// `stream` is what `inner` reads; both are owned.
  DecompressedReader(std::unique_ptr<DecompressingStream> stream,
                     std::unique_ptr<ArticleReader> inner);
  ~DecompressedReader() override;

  std::optional<Article> next() override;
  std::uint64_t record() const noexcept override { return inner_->record(); }
  std::uint64_t bytes_read() const noexcept override;

 private:
  const DecompressingStream& stream_;
  std::unique_ptr<ArticleReader> inner_;
  bool done_ = false;
};

}  // namespace newsdex::indexer
