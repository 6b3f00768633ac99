// prefixed_stream.h (internal) — an input stream that first gives back bytes
// already read from its source (to sniff the format), then the rest.
#pragma once

#include <array>
#include <istream>
#include <memory>
#include <streambuf>
#include <string>

namespace newsdex::indexer {

/// Reads `prefix`, then everything left in `source` (owned when given as a
/// unique_ptr, borrowed otherwise).
class PrefixedStreambuf : public std::streambuf {
 public:
  PrefixedStreambuf(std::string prefix, std::istream& source);
  PrefixedStreambuf(std::string prefix, std::unique_ptr<std::istream> source);

 protected:
  int_type underflow() override;

 private:
  std::string prefix_;
  bool prefix_done_ = false;
  std::unique_ptr<std::istream> owned_;
  std::istream& source_;
  std::array<char, 1 << 16> buffer_{};
};

/// An istream over a PrefixedStreambuf that owns its buffer.
class PrefixedStream : public std::istream {
 public:
  PrefixedStream(std::string prefix, std::istream& source);
  PrefixedStream(std::string prefix, std::unique_ptr<std::istream> source);

 private:
  std::unique_ptr<PrefixedStreambuf> buffer_;
};

/// Reads up to `size` bytes from the start of `in` (fewer at its end).
std::string read_head(std::istream& in, std::size_t size);

}  // namespace newsdex::indexer
