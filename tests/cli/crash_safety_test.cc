// Crash safety, for real: newsdex-index is killed with SIGKILL at random
// moments; every time, the index must open, read back whole and hold exactly
// the articles of its last commit (whole batches, in input order); a rerun
// must then complete the job.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <fstream>
#include <random>
#include <string>
#include <thread>

#include "temp_dir.h"

namespace {

constexpr int kArticles = 8000;
constexpr int kBatch = 100;

pid_t start_indexer(const std::string& db, const std::string& input, const char* threads) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    // Quiet, and on its own stdout/stderr so the test output stays readable.
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execl(NEWSDEX_INDEX_BIN, NEWSDEX_INDEX_BIN, "--quiet", "--batch-size",
            std::to_string(kBatch).c_str(), "--threads", threads, "--db", db.c_str(), input.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

// --threads 1 commits batch by batch; the default builds a new index on every
// core and merges at the end, so a kill leaves it empty (or, during the final
// rename, finished on the next open).
class CrashSafetyTest : public ::testing::TestWithParam<const char*> {};

TEST_P(CrashSafetyTest, KillNineLeavesTheLastCommitAndARerunCompletes) {
  const char* const threads = GetParam();
  const bool bulk = std::string(threads) != "1";
  newsdex::testing::TempDir dir;
  const std::string input = dir / "input.jsonl";
  {
    // Varied words, so indexing takes seconds and the kills land mid-run.
    const char* const kWords[] = {"market", "chip",  "export",  "trade",  "vote",   "rate",
                                  "bank",   "oil",   "price",   "growth", "court",  "energy",
                                  "league", "match", "vaccine", "storm",  "budget", "tariff"};
    std::mt19937 words(7);
    std::uniform_int_distribution<std::size_t> pick(0, std::size(kWords) - 1);
    std::ofstream out(input);
    for (int i = 0; i < kArticles; ++i) {
      out << "{\"id\": \"a" << i << "\", \"source\": \"Wire\", \"title\": \"Story " << i
          << "\", \"body\": \"";
      for (int w = 0; w < 150; ++w) out << kWords[pick(words)] << (w % 7) << i % 97 << ' ';
      out << "\", \"published\": \"2024-01-01T00:00:00Z\"}\n";
    }
  }
  const std::string db = dir / "db";
  std::mt19937 random(20261128);
  std::uniform_int_distribution<int> delay_ms(5, 2500);
  int kills_mid_run = 0;
  for (int attempt = 0; attempt < 12; ++attempt) {
    const pid_t pid = start_indexer(db, input, threads);
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) ++kills_mid_run;
    if (!std::ifstream(db + "/iamglass")) continue;  // killed before the index existed

    // Opens, is consistent, and holds whole batches in input order.
    // Every document and term list must read back. (Xapian::Database::check
    // would be the natural tool, but libxapian 1.4.22's check has a
    // new/delete size mismatch that AddressSanitizer reports.)
    Xapian::Database index(db);
    for (auto it = index.postlist_begin(""); it != index.postlist_end(""); ++it) {
      const Xapian::Document document = index.get_document(*it);
      ASSERT_FALSE(document.get_data().empty()) << "attempt " << attempt;
      ASSERT_NE(document.termlist_begin(), document.termlist_end()) << "attempt " << attempt;
    }
    const Xapian::doccount count = index.get_doccount();
    EXPECT_EQ(count % kBatch, 0u) << "a partial batch was committed (attempt " << attempt << ")";
    if (bulk) {
      EXPECT_TRUE(count == 0 || count == static_cast<Xapian::doccount>(kArticles))
          << "a parallel build showed part of its articles (attempt " << attempt << ")";
    }
    for (Xapian::doccount i = 0; i < count; ++i) {
      ASSERT_TRUE(index.term_exists("Qa" + std::to_string(i))) << "missing a" << i;
    }
    EXPECT_FALSE(index.term_exists("Qa" + std::to_string(count)));
  }
  EXPECT_GT(kills_mid_run, 3) << "the indexer finished before most kills: make the input bigger";

  // A rerun skips what was committed and completes the job.
  const pid_t pid = start_indexer(db, input, threads);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(Xapian::Database(db).get_doccount(), static_cast<Xapian::doccount>(kArticles));
  EXPECT_FALSE(std::ifstream(db + ".newsdex-bulk/merge-complete")) << "a build left behind";
}

INSTANTIATE_TEST_SUITE_P(Threads, CrashSafetyTest, ::testing::Values("1", "0"),
                         [](const ::testing::TestParamInfo<const char*>& param) {
                           return std::string(*param.param == '1' ? "OneThread" : "EveryCore");
                         });

}  // namespace
