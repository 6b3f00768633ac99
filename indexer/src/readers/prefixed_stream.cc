#include "prefixed_stream.h"

namespace newsdex::indexer {

PrefixedStreambuf::PrefixedStreambuf(std::string prefix, std::istream& source)
    : prefix_(std::move(prefix)), source_(source) {}

PrefixedStreambuf::PrefixedStreambuf(std::string prefix, std::unique_ptr<std::istream> source)
    : prefix_(std::move(prefix)), owned_(std::move(source)), source_(*owned_) {}

PrefixedStreambuf::int_type PrefixedStreambuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (!prefix_done_) {
    prefix_done_ = true;
    if (!prefix_.empty()) {
      setg(prefix_.data(), prefix_.data(), prefix_.data() + prefix_.size());
      return traits_type::to_int_type(*gptr());
    }
  }
  source_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  const std::streamsize got = source_.gcount();
  if (got <= 0) return traits_type::eof();
  setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
  return traits_type::to_int_type(*gptr());
}

PrefixedStream::PrefixedStream(std::string prefix, std::istream& source)
    : std::istream(nullptr),
      buffer_(std::make_unique<PrefixedStreambuf>(std::move(prefix), source)) {
  rdbuf(buffer_.get());
}

PrefixedStream::PrefixedStream(std::string prefix, std::unique_ptr<std::istream> source)
    : std::istream(nullptr),
      buffer_(std::make_unique<PrefixedStreambuf>(std::move(prefix), std::move(source))) {
  rdbuf(buffer_.get());
}

std::string read_head(std::istream& in, std::size_t size) {
  std::string head(size, '\0');
  in.read(head.data(), static_cast<std::streamsize>(size));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

}  // namespace newsdex::indexer
