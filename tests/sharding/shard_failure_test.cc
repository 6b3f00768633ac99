// A shard server that dies or hangs: a clear error naming it within the
// timeout, or (allow_partial) the other shards' results marked partial;
// the server back, searches work again without reopening the Searcher.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

#include "newsdex/common/error.h"
#include "newsdex/searcher/searcher.h"
#include "sharded_fixture.h"
#include "tcp_server.h"

namespace newsdex {
namespace {

using searcher::Searcher;
using searcher::SearcherOptions;
using searcher::SearchRequest;
using testing::TcpServer;
using testing::TempDir;
using Clock = std::chrono::steady_clock;

constexpr std::uint32_t kTimeoutMs = 1500;

class ShardFailureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    indexer::IndexOptions options;
    options.db_path = dir_ / "index";
    options.shards = 3;
    testing::build_index(options, false);
    server_ = std::make_unique<TcpServer>(dir_ / "index/shard-1", testing::free_port());
    testing::write_stub(dir_ / "index", {"auto aux", "auto shard-0", "remote " + server_->address(),
                                         "auto shard-2"});
    query_.query = "stocks OR bank OR storm";
    query_.limit = 50;
    query_.facets.push_back(searcher::FacetRequest::parse("source"));
  }

  static double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
  }

  TempDir dir_;
  std::unique_ptr<TcpServer> server_;
  SearchRequest query_;
};

SearcherOptions with_timeout(bool allow_partial) {
  SearcherOptions options;
  options.shard_timeout_ms = kTimeoutMs;
  options.allow_partial = allow_partial;
  return options;
}

TEST_F(ShardFailureTest, KilledServerIsAnErrorNamingItThenRecovers) {
  Searcher searcher(dir_ / "index", with_timeout(false));
  const auto whole = searcher.search(query_);
  ASSERT_GT(whole.hits.size(), 10u);
  server_->kill();
  const auto start = Clock::now();
  try {
    searcher.search(query_);
    FAIL() << "searched a killed shard without an error";
  } catch (const ShardUnavailableError& e) {
    EXPECT_NE(std::string(e.what()).find(server_->address()), std::string::npos) << e.what();
  }
  EXPECT_LT(seconds_since(start), kTimeoutMs / 1000.0);
  // Opening fails the same way while it is down.
  EXPECT_THROW(Searcher(dir_ / "index", with_timeout(false)), ShardUnavailableError);
  server_->start();
  const auto again = searcher.search(query_);
  EXPECT_EQ(again.total_estimate, whole.total_estimate);
  EXPECT_EQ(again.hits.size(), whole.hits.size());
  EXPECT_FALSE(again.partial);
}

TEST_F(ShardFailureTest, KilledServerGivesPartialResultsThenRecovers) {
  Searcher searcher(dir_ / "index", with_timeout(true));
  const auto whole = searcher.search(query_);
  EXPECT_FALSE(whole.partial);
  server_->kill();
  const auto start = Clock::now();
  const auto partial = searcher.search(query_);
  EXPECT_LT(seconds_since(start), kTimeoutMs / 1000.0);
  EXPECT_TRUE(partial.partial);
  EXPECT_EQ(partial.missing_shards, std::vector<std::string>{server_->address()});
  EXPECT_GT(partial.hits.size(), 0u);
  EXPECT_LT(partial.articles_estimate, whole.articles_estimate);
  // A Searcher opened while the shard is down starts partial too.
  EXPECT_TRUE(Searcher(dir_ / "index", with_timeout(true)).search(query_).partial);
  server_->start();
  // Missing shards are tried again at most once a second.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  const auto again = searcher.search(query_);
  EXPECT_FALSE(again.partial);
  EXPECT_TRUE(again.missing_shards.empty());
  EXPECT_EQ(again.articles_estimate, whole.articles_estimate);
}

TEST_F(ShardFailureTest, HungServerTimesOut) {
  Searcher searcher(dir_ / "index", with_timeout(false));
  ASSERT_GT(searcher.search(query_).hits.size(), 0u);
  server_->freeze();
  const auto start = Clock::now();
  EXPECT_THROW(searcher.search(query_), ShardUnavailableError);
  // The search's read times out, then connecting again to tell which shard
  // is down does too: at most twice the timeout, never a hang.
  const double took = seconds_since(start);
  EXPECT_GE(took, kTimeoutMs / 1000.0 * 0.9);
  EXPECT_LT(took, 2 * kTimeoutMs / 1000.0 + 1.0);
  server_->thaw();
  EXPECT_GT(searcher.search(query_).hits.size(), 0u);
}

}  // namespace
}  // namespace newsdex
