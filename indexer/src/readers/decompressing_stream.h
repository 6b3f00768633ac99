// decompressing_stream.h (internal) — an input stream that decompresses
// gzip or zstd data from another stream as it is read.
#pragma once

#include <array>
#include <cstdint>
#include <istream>
#include <memory>
#include <streambuf>
#include <string>
#include <string_view>

namespace newsdex::indexer {

/// The compressions newsdex reads, known by their first bytes.
enum class Compression { kNone, kGzip, kZstd };

/// gzip (1f 8b) or zstd (28 b5 2f fd) from the first bytes of an input.
Compression compression_from_magic(std::string_view head);

/// "gzip" or "zstd".
std::string_view compression_name(Compression compression);

/// Decompresses `source` (owned). Concatenated gzip members and zstd frames
/// are read one after the other, as gunzip and zstd -d do. Corrupt or
/// truncated data ends the stream early and is kept as error(), so a reader
/// sees an end of input and its caller can then report why (a streambuf
/// cannot throw through the standard stream functions without leaving the
/// stream unusable).
class DecompressingStreambuf : public std::streambuf {
 public:
  DecompressingStreambuf(std::unique_ptr<std::istream> source, Compression compression);
  ~DecompressingStreambuf() override;
  DecompressingStreambuf(const DecompressingStreambuf&) = delete;
  DecompressingStreambuf& operator=(const DecompressingStreambuf&) = delete;

  /// Why decompression stopped early ("" when it did not).
  const std::string& error() const noexcept { return error_; }
  /// Compressed bytes read so far.
  std::uint64_t compressed_bytes() const noexcept { return compressed_bytes_; }

 protected:
  int_type underflow() override;

 private:
  struct Codec;
  // Refills input_ from the source; false at its end.
  bool refill();
  // Decompresses into output_; returns the bytes produced (0 at the end).
  std::size_t decompress();

  std::unique_ptr<std::istream> source_;
  Compression compression_;
  std::unique_ptr<Codec> codec_;
  std::array<char, 1 << 16> input_{};
  std::size_t input_begin_ = 0;
  std::size_t input_end_ = 0;
  bool source_done_ = false;
  bool finished_ = false;
  std::array<char, 1 << 16> output_{};
  std::string error_;
  std::uint64_t compressed_bytes_ = 0;
};

/// An istream over a DecompressingStreambuf that owns it.
class DecompressingStream : public std::istream {
 public:
  DecompressingStream(std::unique_ptr<std::istream> source, Compression compression);
  const DecompressingStreambuf& buffer() const noexcept { return *buffer_; }

 private:
  std::unique_ptr<DecompressingStreambuf> buffer_;
};

}  // namespace newsdex::indexer
