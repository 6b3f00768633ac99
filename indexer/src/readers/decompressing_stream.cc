#include "decompressing_stream.h"

#include <zlib.h>
#include <zstd.h>

#include <utility>

namespace newsdex::indexer {

Compression compression_from_magic(std::string_view head) {
  if (head.size() >= 2 && head[0] == '\x1f' && head[1] == '\x8b') return Compression::kGzip;
  if (head.size() >= 4 && head.compare(0, 4, "\x28\xb5\x2f\xfd") == 0) return Compression::kZstd;
  return Compression::kNone;
}

std::string_view compression_name(Compression compression) {
  switch (compression) {
    case Compression::kGzip:
      return "gzip";
    case Compression::kZstd:
      return "zstd";
    case Compression::kNone:
      break;
  }
  return "uncompressed";
}

// The state of zlib or zstd, whichever the stream uses.
struct DecompressingStreambuf::Codec {
  z_stream gzip{};
  bool gzip_ready = false;
  bool gzip_in_member = false;  // inside a gzip member (not between two)
  ZSTD_DStream* zstd = nullptr;
  std::size_t zstd_pending = 0;  // ZSTD_decompressStream's hint: 0 = frame complete

  ~Codec() {
    if (gzip_ready) inflateEnd(&gzip);
    if (zstd != nullptr) ZSTD_freeDStream(zstd);
  }
};

DecompressingStreambuf::DecompressingStreambuf(std::unique_ptr<std::istream> source,
                                               Compression compression)
    : source_(std::move(source)), compression_(compression), codec_(std::make_unique<Codec>()) {
  if (compression_ == Compression::kGzip) {
    // 15 + 32: any window size, gzip or zlib header detected automatically.
    if (inflateInit2(&codec_->gzip, 15 + 32) != Z_OK) {
      error_ = "cannot start gzip decompression";
    } else {
      codec_->gzip_ready = true;
    }
  } else {
    codec_->zstd = ZSTD_createDStream();
    if (codec_->zstd == nullptr || ZSTD_isError(ZSTD_initDStream(codec_->zstd))) {
      error_ = "cannot start zstd decompression";
    }
  }
  if (!error_.empty()) finished_ = true;
}

DecompressingStreambuf::~DecompressingStreambuf() = default;

bool DecompressingStreambuf::refill() {
  if (input_begin_ < input_end_) return true;
  if (source_done_) return false;
  source_->read(input_.data(), static_cast<std::streamsize>(input_.size()));
  input_begin_ = 0;
  input_end_ = static_cast<std::size_t>(source_->gcount());
  compressed_bytes_ += input_end_;
  if (source_->bad()) {
    error_ = "read error";
    source_done_ = true;
    return false;
  }
  if (!*source_) source_done_ = true;
  return input_end_ > 0;
}

std::size_t DecompressingStreambuf::decompress() {
  while (!finished_) {
    const bool have_input = refill();
    if (!have_input && !error_.empty()) {
      finished_ = true;
      break;
    }
    if (compression_ == Compression::kGzip) {
      z_stream& z = codec_->gzip;
      if (!have_input) {
        if (codec_->gzip_in_member) error_ = "truncated gzip data: the input ends inside a member";
        finished_ = true;
        break;
      }
      z.next_in = reinterpret_cast<Bytef*>(&input_[input_begin_]);
      z.avail_in = static_cast<uInt>(input_end_ - input_begin_);
      z.next_out = reinterpret_cast<Bytef*>(output_.data());
      z.avail_out = static_cast<uInt>(output_.size());
      codec_->gzip_in_member = true;
      const int status = inflate(&z, Z_NO_FLUSH);
      input_begin_ = input_end_ - z.avail_in;
      const std::size_t produced = output_.size() - z.avail_out;
      if (status == Z_STREAM_END) {
        // Another member may follow (concatenated gzip files).
        inflateReset(&z);
        codec_->gzip_in_member = false;
      } else if (status != Z_OK && status != Z_BUF_ERROR) {
        error_ = std::string("corrupt gzip data: ") + (z.msg != nullptr ? z.msg : "inflate failed");
        finished_ = true;
        return produced;
      }
      if (produced > 0) return produced;
    } else {
      if (!have_input) {
        if (codec_->zstd_pending != 0)
          error_ = "truncated zstd data: the input ends inside a frame";
        finished_ = true;
        break;
      }
      ZSTD_inBuffer in{&input_[input_begin_], input_end_ - input_begin_, 0};
      ZSTD_outBuffer out{output_.data(), output_.size(), 0};
      const std::size_t status = ZSTD_decompressStream(codec_->zstd, &out, &in);
      input_begin_ += in.pos;
      if (ZSTD_isError(status)) {
        error_ = std::string("corrupt zstd data: ") + ZSTD_getErrorName(status);
        finished_ = true;
        return out.pos;
      }
      codec_->zstd_pending = status;
      if (out.pos > 0) return out.pos;
    }
  }
  return 0;
}

DecompressingStreambuf::int_type DecompressingStreambuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  const std::size_t produced = decompress();
  if (produced == 0) return traits_type::eof();
  setg(output_.data(), output_.data(), output_.data() + produced);
  return traits_type::to_int_type(*gptr());
}

DecompressingStream::DecompressingStream(std::unique_ptr<std::istream> source,
                                         Compression compression)
    : std::istream(nullptr),
      buffer_(std::make_unique<DecompressingStreambuf>(std::move(source), compression)) {
  rdbuf(buffer_.get());
}

}  // namespace newsdex::indexer
