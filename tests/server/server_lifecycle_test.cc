// newsdex-serve over its life and under abuse, each test with a server of
// its own on 127.0.0.1: 503 until the index exists, commits while serving,
// graceful stop, slow and oversized clients that must not harm others, and
// a short bounded load.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "http_test_client.h"
#include "server_process.h"
#include "temp_dir.h"
#include "tool_run.h"

namespace {

using newsdex::testing::http_get;
using newsdex::testing::HttpConnection;
using newsdex::testing::HttpReply;
using newsdex::testing::run_tool;
using newsdex::testing::ServerProcess;
using Clock = std::chrono::steady_clock;

// A client thread that runs until `done`; it is set and the thread joined
// when it goes out of scope, also when a failed assertion or an exception
// leaves the test early.
class JoiningThread {
 public:
  template <typename Body>
  JoiningThread(std::atomic<bool>& done, Body body)
      : done_(&done), thread_([body = std::move(body)] {
          try {
            body();
          } catch (const std::exception& e) {
            ADD_FAILURE() << "client thread: " << e.what();
          }
        }) {}
  ~JoiningThread() {
    if (thread_.joinable()) {
      *done_ = true;
      thread_.join();
    }
  }
  JoiningThread(JoiningThread&&) = default;

 private:
  std::atomic<bool>* done_;
  std::thread thread_;
};

const std::string kIndex = NEWSDEX_INDEX_BIN;
const std::string kServe = NEWSDEX_SERVE_BIN;
const std::string kLoad = NEWSDEX_SERVE_LOAD_BIN;
const std::string kCorpus = std::string(NEWSDEX_SOURCE_DIR) + "/corpus/sample";

class ServerLifecycleTest : public ::testing::Test {
 protected:
  void index(const std::string& input) {
    const auto run = run_tool(kIndex + " --quiet --db " + newsdex::testing::quoted(db()) + " " +
                              newsdex::testing::quoted(input));
    ASSERT_EQ(run.exit_code, 0) << run.out;
  }
  std::string db() const { return dir_ / "db"; }
  std::unique_ptr<ServerProcess> start(std::vector<std::string> more = {}) {
    std::vector<std::string> arguments = {"--db", db()};
    arguments.insert(arguments.end(), more.begin(), more.end());
    if (std::find(more.begin(), more.end(), "--threads") == more.end()) {
      arguments.insert(arguments.end(), {"--threads", "2"});
    }
    // A file per server: a stopped server's lines must not be read as the new one's.
    return std::make_unique<ServerProcess>(
        kServe, arguments, dir_ / ("stderr-" + std::to_string(++servers_) + ".txt"));
  }
  int servers_ = 0;
  newsdex::testing::TempDir dir_;
};

TEST_F(ServerLifecycleTest, Answers503UntilTheIndexAppears) {
  auto server = start();
  EXPECT_NE(server->stderr_text().find("answering 503"), std::string::npos)
      << server->stderr_text();
  for (const std::string target : {"/api/health", "/api/search?q=chip", "/api/article/nd-0001"}) {
    const HttpReply reply = http_get(server->port(), target);
    EXPECT_EQ(reply.status, 503u) << target << reply.body;
    EXPECT_EQ(reply.header("Retry-After"), "5");
    EXPECT_NE(reply.body.find("\"index_unavailable\""), std::string::npos) << reply.body;
  }
  // Bad parameters are still named, with or without an index.
  EXPECT_EQ(http_get(server->port(), "/api/search?limit=x").status, 400u);
  // The page itself does not need the index.
  EXPECT_EQ(http_get(server->port(), "/").status, 200u);

  index(kCorpus);
  const HttpReply health = http_get(server->port(), "/api/health");
  ASSERT_EQ(health.status, 200u) << health.body;
  EXPECT_EQ(nlohmann::json::parse(health.body)["articles"], 82);
  EXPECT_EQ(server->stop(), 0);
}

TEST_F(ServerLifecycleTest, FollowsCommitsWhileServing) {
  index(kCorpus);
  auto server = start({"--threads", "4"});
  const auto revision = [&] {
    return nlohmann::json::parse(http_get(server->port(), "/api/health").body)["revision"]
        .get<std::uint64_t>();
  };
  const std::uint64_t before = revision();

  // Searches on four connections keep running while the indexer commits.
  std::atomic<bool> done{false};
  std::atomic<int> answered{0}, failed{0};
  std::vector<JoiningThread> clients;
  for (int i = 0; i < 4; ++i) {
    clients.emplace_back(done, [&] {
      HttpConnection connection(server->port());
      while (!done) {
        const HttpReply reply =
            connection.request("GET", "/api/search?q=export&facet=source&facet=date:month");
        (reply.status == 200 ? answered : failed)++;
        if (reply.status != 200) return;
      }
    });
  }
  for (int batch = 0; batch < 5; ++batch) {
    const std::string input = dir_ / ("new-" + std::to_string(batch) + ".jsonl");
    std::ofstream(input) << R"({"id": "fresh-)" << batch
                         << R"(", "source": "Test Wire", "title": "Zorblatt export surprise )"
                         << batch
                         << R"(", "body": "Zorblatt exports rose.", "published": "2025-10-0)"
                         << batch + 1 << R"("})"
                         << "\n";
    index(input);
  }
  done = true;
  clients.clear();
  EXPECT_EQ(failed, 0);
  EXPECT_GT(answered, 0);

  EXPECT_GT(revision(), before);
  const auto found = nlohmann::json::parse(http_get(server->port(), "/api/search?q=zorblatt").body);
  EXPECT_EQ(found["total"]["estimate"], 5) << found.dump();
  const HttpReply article = http_get(server->port(), "/api/article/fresh-4");
  EXPECT_EQ(article.status, 200u) << article.body;
  EXPECT_EQ(nlohmann::json::parse(article.body)["source"], "Test Wire");
}

TEST_F(ServerLifecycleTest, StopsGracefullyOnSigtermAndSigint) {
  index(kCorpus);
  for (const int signal : {SIGTERM, SIGINT}) {
    auto server = start();
    // An idle kept-alive connection does not hold the stop up.
    HttpConnection idle(server->port());
    ASSERT_EQ(idle.request("GET", "/api/health").status, 200u);
    const auto started = Clock::now();
    EXPECT_EQ(server->stop(signal, std::chrono::seconds(10)), 0) << server->stderr_text();
    EXPECT_LT(Clock::now() - started, std::chrono::seconds(5));
    EXPECT_NE(server->stderr_text().find("newsdex-serve: stopped"), std::string::npos);
  }
}

TEST_F(ServerLifecycleTest, AnswerBeingSentWhenStoppedArrivesWhole) {
  index(kCorpus);
  auto server = start();
  // A large answer, asked for and not yet read when the stop comes.
  HttpConnection client(server->port());
  ASSERT_TRUE(client.send(
      "GET /api/search?limit=1000&snippet_chars=10000&facet=source HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ::kill(server->pid(), SIGTERM);
  const HttpReply reply = client.read_reply();
  ASSERT_EQ(reply.status, 200u) << reply.error;
  EXPECT_EQ(nlohmann::json::parse(reply.body)["hits"].size(), 82u);
  // Then the kept-alive connection is closed rather than left waiting.
  EXPECT_TRUE(client.closed_by_server(std::chrono::seconds(5)));
  EXPECT_EQ(server->stop(SIGTERM, std::chrono::seconds(10)), 0);
}

TEST_F(ServerLifecycleTest, RequestBeingSentWhenStopped) {
  // A client that has sent half a request when the stop comes is cut off;
  // one that finishes its request is answered. Neither holds the stop up
  // beyond the request timeout.
  index(kCorpus);
  auto server = start({"--request-timeout", "2"});
  HttpConnection half(server->port());
  ASSERT_TRUE(half.send("GET /api/health HTTP/1.1\r\nHost: x\r\n"));
  const auto started = Clock::now();
  EXPECT_EQ(server->stop(SIGTERM, std::chrono::seconds(10)), 0);
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(5));
}

TEST_F(ServerLifecycleTest, SlowClientsDoNotHarmOthers) {
  index(kCorpus);
  // Two threads, and four times as many slowloris connections, each
  // trickling a request that never ends.
  auto server = start({"--threads", "2", "--request-timeout", "2"});
  std::vector<std::unique_ptr<HttpConnection>> slow;
  for (int i = 0; i < 8; ++i) {
    slow.push_back(std::make_unique<HttpConnection>(server->port()));
    ASSERT_TRUE(slow.back()->send("GET /api/search?q=oil HTTP/1.1\r\nHost: x\r\n"));
  }
  for (int i = 0; i < 3; ++i) {
    for (auto& connection : slow) connection->send("X-Slow: " + std::to_string(i) + "\r\n");
    const auto started = Clock::now();
    const HttpReply reply = http_get(server->port(), "/api/search?q=oil&facet=source");
    EXPECT_EQ(reply.status, 200u) << reply.error;
    EXPECT_LT(Clock::now() - started, std::chrono::milliseconds(1500));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  // Past the request timeout, the server has closed them all.
  for (auto& connection : slow) {
    EXPECT_TRUE(connection->closed_by_server(std::chrono::seconds(4)));
  }
  EXPECT_EQ(http_get(server->port(), "/api/health").status, 200u);
  EXPECT_NE(server->stderr_text().find(" 408 "), std::string::npos) << server->stderr_text();
}

TEST_F(ServerLifecycleTest, OversizedAndMalformedRequestsDoNotHarmOthers) {
  index(kCorpus);
  auto server = start();
  std::atomic<bool> done{false};
  std::atomic<int> failed{0}, answered{0};
  auto good = std::make_unique<JoiningThread>(done, [&] {
    HttpConnection connection(server->port());
    while (!done) {
      ((connection.request("GET", "/api/search?q=chip").status == 200) ? answered : failed)++;
    }
  });
  for (int i = 0; i < 20; ++i) {
    HttpConnection headers(server->port());
    EXPECT_EQ(headers.request("GET", "/", {{"X-Big", std::string(60000, 'h')}}).status, 431u);
    HttpConnection body(server->port());
    EXPECT_EQ(body.request("PUT", "/api/search", {}, std::string(256 * 1024, 'b')).status, 413u);
    HttpConnection target(server->port());
    EXPECT_EQ(target.request("GET", "/api/search?q=" + std::string(20000, 'q')).status, 414u);
    HttpConnection garbage(server->port());
    EXPECT_EQ(
        garbage
            .exchange(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) + "\r\n\r\n")
            .status,
        400u);
    EXPECT_EQ(http_get(server->port(), "/api/search?q=%C0%AF%ED%A0%80&source=x").status, 200u);
  }
  done = true;
  good.reset();
  EXPECT_EQ(failed, 0);
  EXPECT_GT(answered, 0);
}

// The peak resident memory of process `pid` (VmHWM), in KiB; 0 if unknown.
long peak_rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

TEST_F(ServerLifecycleTest, ShortLoadWithoutErrors) {
  index(kCorpus);
  auto server = start({"--threads", "4", "--access-log", "none"});
  const auto load = run_tool(kLoad + " --port " + std::to_string(server->port()) +
                             " --requests 2000 --connections 8 --params " +
                             newsdex::testing::quoted("facet=source&facet=date:month"));
  EXPECT_EQ(load.exit_code, 0) << load.out;
  EXPECT_NE(load.out.find("2000 requests over 8 connections"), std::string::npos) << load.out;
  EXPECT_NE(load.out.find(" 0 failed"), std::string::npos) << load.out;
  std::cout << load.out;
  EXPECT_TRUE(server->running());
  // Memory stays bounded: one Searcher per thread and a request's worth of
  // buffers each, whatever the number of requests served (about 15 MB here).
  const long peak_kib = peak_rss_kib(server->pid());
  EXPECT_GT(peak_kib, 0);
  EXPECT_LT(peak_kib, 256 * 1024) << "peak RSS " << peak_kib << " KiB";
}

}  // namespace
