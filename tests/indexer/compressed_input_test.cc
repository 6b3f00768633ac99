// gzip and zstd input: detected by magic bytes whatever the name, the format
// inside decided as for plain files, damaged data reported, never silent.
#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include <fstream>

#include "newsdex/common/error.h"
#include "newsdex/indexer/article_reader.h"
#include "reader_output.h"
#include "temp_dir.h"

namespace newsdex::indexer {
namespace {

const std::string kJsonl =
    "{\"id\": \"z1\", \"title\": \"First\", \"body\": \"One.\"}\n"
    "{\"id\": \"z2\", \"title\": \"Second\", \"body\": \"Two.\"}\n";

std::string gzip(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);  // +16: gzip
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const std::size_t size = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  EXPECT_FALSE(ZSTD_isError(size));
  out.resize(size);
  return out;
}

using Collected = testing::ReaderOutput;

Collected read_file(const std::string& path, const ReaderOptions& options = {}) {
  const auto reader = open_reader(path, options);
  return testing::read_all(*reader);
}

class CompressedInputTest : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& bytes) {
    const std::string path = dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  testing::TempDir dir_;
};

TEST_F(CompressedInputTest, GzipAndZstdJsonLines) {
  for (const auto& [name, bytes] :
       {std::pair{"feed.jsonl.gz", gzip(kJsonl)}, std::pair{"feed.jsonl.zst", zstd(kJsonl)}}) {
    const Collected collected = read_file(write(name, bytes));
    EXPECT_TRUE(collected.errors.empty()) << name << ": " << collected.errors[0];
    ASSERT_EQ(collected.articles.size(), 2u) << name;
    EXPECT_EQ(collected.articles[1].title, "Second");
    EXPECT_EQ(collected.bytes, bytes.size()) << name;  // progress in compressed bytes
  }
}

TEST_F(CompressedInputTest, FormatInsideFromTheNameOrTheContent) {
  const std::string csv = "id,title\nc1,From CSV\n";
  Collected collected = read_file(write("dump.csv.gz", gzip(csv)));
  ASSERT_EQ(collected.articles.size(), 1u);
  EXPECT_EQ(collected.articles[0].title, "From CSV");
  // No telling name: magic bytes, then the content ('[' = JSON array).
  collected = read_file(write("download.bin", zstd("[{\"id\": \"j\", \"title\": \"T\"}]")));
  ASSERT_EQ(collected.articles.size(), 1u);
  EXPECT_EQ(collected.articles[0].id, "j");
}

TEST_F(CompressedInputTest, ConcatenatedMembersAreAllRead) {
  const std::string second = "{\"id\": \"z3\", \"title\": \"Third\"}\n";
  Collected collected = read_file(write("joined.jsonl.gz", gzip(kJsonl) + gzip(second)));
  EXPECT_TRUE(collected.errors.empty());
  EXPECT_EQ(collected.articles.size(), 3u);
  collected = read_file(write("joined.jsonl.zst", zstd(kJsonl) + zstd(second)));
  EXPECT_EQ(collected.articles.size(), 3u);
}

TEST_F(CompressedInputTest, TruncatedAndCorruptDataAreReported) {
  std::string big;
  for (int i = 0; i < 2000; ++i) {
    big += "{\"id\": \"b" + std::to_string(i) + "\", \"title\": \"Article " +
           std::to_string(i * 7919) + "\"}\n";
  }
  const std::string compressed = gzip(big);
  Collected collected =
      read_file(write("cut.jsonl.gz", compressed.substr(0, compressed.size() / 2)));
  EXPECT_GT(collected.articles.size(), 10u);
  EXPECT_LT(collected.articles.size(), 2000u);
  ASSERT_FALSE(collected.errors.empty());
  EXPECT_NE(collected.errors.back().find("truncated gzip data: the input ends inside a member; "
                                         "what follows is lost"),
            std::string::npos)
      << collected.errors.back();
  EXPECT_EQ(collected.errors.back().rfind(dir_ / "cut.jsonl.gz", 0), 0u);

  const std::string zcompressed = zstd(big);
  collected = read_file(write("cut.jsonl.zst", zcompressed.substr(0, zcompressed.size() - 10)));
  ASSERT_FALSE(collected.errors.empty());
  EXPECT_NE(collected.errors.back().find("truncated zstd data"), std::string::npos)
      << collected.errors.back();

  std::string corrupt = compressed;
  for (std::size_t i = 20; i < 60; ++i) corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
  collected = read_file(write("bad.jsonl.gz", corrupt));
  ASSERT_FALSE(collected.errors.empty());
  EXPECT_NE(collected.errors.back().find("corrupt gzip data"), std::string::npos)
      << collected.errors.back();
}

}  // namespace
}  // namespace newsdex::indexer
