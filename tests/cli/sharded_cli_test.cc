// The tools on a sharded index: newsdex-index --shards / --shard / --aux,
// newsdex-search on the stub, --timeout and --allow-partial with a shard
// whose server is not running (nothing listens on its port).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "../sharding/tcp_server.h"
#include "temp_dir.h"
#include "tool_run.h"

namespace {

using newsdex::testing::quoted;
using newsdex::testing::run_tool;
using newsdex::testing::TempDir;

const std::string kIndex = NEWSDEX_INDEX_BIN;
const std::string kSearch = NEWSDEX_SEARCH_BIN;
const std::string kSample = std::string(NEWSDEX_SOURCE_DIR) + "/corpus/sample/articles.jsonl";

TEST(ShardedCliTest, IndexesSearchesAndReportsMissingShards) {
  TempDir dir;
  const std::string db = dir / "news";
  auto run = run_tool(kIndex + " --shards 3 --json --db " + quoted(db) + " " + quoted(kSample),
                      newsdex::testing::Capture::kStdout);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(nlohmann::json::parse(run.out)["documents_in_index"], 82);
  EXPECT_TRUE(std::filesystem::exists(db + "/shards.stub"));
  // A later import keeps the layout; another shard count is refused.
  run = run_tool(kIndex + " --db " + quoted(db) + " " + quoted(kSample));
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("82 unchanged"), std::string::npos) << run.out;
  run = run_tool(kIndex + " --shards 2 --db " + quoted(db) + " " + quoted(kSample));
  EXPECT_EQ(run.exit_code, 2);  // a setting that does not fit the index
  EXPECT_NE(run.out.find("has 3 shards"), std::string::npos) << run.out;
  // --aux without --shard is a usage error.
  EXPECT_EQ(run_tool(kIndex + " --aux --db " + quoted(db) + " " + quoted(kSample)).exit_code, 2);

  run = run_tool(kSearch + " --db " + quoted(db) + " --json vaccine",
                 newsdex::testing::Capture::kStdout);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const auto whole = nlohmann::json::parse(run.out);
  EXPECT_GT(whole["hits"].size(), 0u);
  EXPECT_FALSE(whole.contains("partial"));

  // Shard 1 "served" on a port nothing listens on.
  const std::string dead = "127.0.0.1:" + std::to_string(newsdex::testing::free_port());
  {
    std::ofstream stub(db + "/shards.stub");
    stub << "auto aux\nauto shard-0\nremote " << dead << "\nauto shard-2\n";
  }
  run = run_tool(kSearch + " --db " + quoted(db) + " --timeout 1000 vaccine");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("shard " + dead), std::string::npos) << run.out;
  run = run_tool(kSearch + " --db " + quoted(db) + " --allow-partial --json vaccine 2>/dev/null",
                 newsdex::testing::Capture::kStdout);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const auto partial = nlohmann::json::parse(run.out);
  EXPECT_EQ(partial["partial"], true);
  EXPECT_EQ(partial["missing_shards"], nlohmann::json::array({dead}));
  EXPECT_LT(partial["total"]["articles"], whole["total"]["articles"]);
  run = run_tool(kSearch + " --db " + quoted(db) + " --allow-partial vaccine 2>&1 >/dev/null",
                 newsdex::testing::Capture::kStdout);
  EXPECT_NE(run.out.find("warning: partial results: shards did not answer: " + dead),
            std::string::npos)
      << run.out;
  EXPECT_EQ(run_tool(kSearch + " --db " + quoted(db) + " --timeout 0 vaccine").exit_code, 2);
}

}  // namespace
