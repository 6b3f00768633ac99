#include "decompressed_reader.h"

#include <utility>

#include "newsdex/common/error.h"

namespace newsdex::indexer {

DecompressedReader::DecompressedReader(std::unique_ptr<DecompressingStream> stream,
                                       std::unique_ptr<ArticleReader> inner)
    : ArticleReader(inner->name()), stream_(*stream), inner_(std::move(inner)) {
  inner_->set_warning_handler([this](const InputWarning& warning) { relay(warning); });
  adopt_input(std::move(stream));  // destroyed after inner_, which reads it
}

DecompressedReader::~DecompressedReader() = default;

std::optional<Article> DecompressedReader::next() {
  if (done_) return std::nullopt;
  std::optional<Article> article = inner_->next();
  if (article) return article;
  done_ = true;
  const std::string& error = stream_.buffer().error();
  if (!error.empty()) {
    throw InputError(name(), inner_->record(), "", error + "; what follows is lost");
  }
  return std::nullopt;
}

std::uint64_t DecompressedReader::bytes_read() const noexcept {
  return stream_.buffer().compressed_bytes();
}

}  // namespace newsdex::indexer
