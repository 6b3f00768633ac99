// newsdex-serve's JSON API against a real server on 127.0.0.1: the contract
// (byte for byte newsdex-search --json), every error status, parameter
// validation, Unicode and percent-encoding, the page's files.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
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

const std::string kIndex = NEWSDEX_INDEX_BIN;
const std::string kSearch = NEWSDEX_SEARCH_BIN;
const std::string kServe = NEWSDEX_SERVE_BIN;
const std::string kCorpus = std::string(NEWSDEX_SOURCE_DIR) + "/corpus/sample";

// The time a search took is the one thing two runs cannot share.
std::string without_seconds(const std::string& json) {
  static const std::regex seconds(R"("seconds":[0-9.eE+-]+)");
  return std::regex_replace(json, seconds, "\"seconds\":0");
}

std::string error_code(const HttpReply& reply) {
  try {
    return nlohmann::json::parse(reply.body).at("error").at("code").get<std::string>();
  } catch (const std::exception& e) {
    return std::string("(no error JSON: ") + e.what() + ") " + reply.body;
  }
}

std::string error_message(const HttpReply& reply) {
  try {
    return nlohmann::json::parse(reply.body).at("error").at("message").get<std::string>();
  } catch (const std::exception&) {
    return {};
  }
}

class ServerApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<newsdex::testing::TempDir>();
    db_ = *dir_ / "db";
    const auto index = run_tool(kIndex + " --quiet --db " + newsdex::testing::quoted(db_) + " " +
                                newsdex::testing::quoted(kCorpus));
    ASSERT_EQ(index.exit_code, 0) << index.out;
    server_ = std::make_unique<newsdex::testing::ServerProcess>(
        kServe,
        std::vector<std::string>{"--db", db_, "--threads", "3", "--access-log",
                                 *dir_ / "access.log"},
        *dir_ / "stderr.txt");
  }
  static void TearDownTestSuite() {
    server_.reset();
    dir_.reset();
  }

  static unsigned short port() { return server_->port(); }

  static std::string cli_json(const std::string& arguments) {
    const auto run =
        run_tool(kSearch + " --json --db " + newsdex::testing::quoted(db_) + " " + arguments,
                 newsdex::testing::Capture::kStdout);
    EXPECT_EQ(run.exit_code, 0) << arguments << "\n" << run.out;
    std::string out = run.out;
    if (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }

  static inline std::unique_ptr<newsdex::testing::TempDir> dir_;
  static inline std::string db_;
  static inline std::unique_ptr<newsdex::testing::ServerProcess> server_;
};

TEST_F(ServerApiTest, SearchIsByteForByteTheCliJson) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"q=chip+export", "'chip export'"},
      {"q=oil&facet=source&facet=date:month&limit=3",
       "--facet source --facet date:month "
       "--limit 3 oil"},
      {"q=chips&source=Pacific%20Tech%20Daily&since=2023-10&until=2024-12&sort=newest",
       "--source 'Pacific Tech Daily' --since 2023-10 --until 2024-12 --sort newest chips"},
      {"q=election&rank=fresh&half_life=7&now=2025-01-01",
       "--rank fresh --half-life 7 --now 2025-01-01 election"},
      {"q=vaccine&collapse=false&offset=1&limit=2", "--no-collapse --offset 1 --limit 2 vaccine"},
      {"q=Exporte&lang=de", "--lang de Exporte"},
      {"q=export+chips&any=true&suggest=false&synonyms=false&snippet_chars=60",
       "--any --no-suggest --no-synonyms --snippet-chars 60 'export chips'"},
      {"q=%22chip+(export", "'\"chip (export'"},  // repaired, with warnings
      {"q=semiconductr", "semiconductr"},         // did you mean
      {"facet=topic&facet_limit=3&facet=date:year",
       "--facet topic --facet-limit 3 "
       "--facet date:year"},
      {"", ""},  // no query: the newest articles
  };
  for (const auto& [parameters, arguments] : cases) {
    const HttpReply reply = http_get(port(), "/api/search?" + parameters);
    ASSERT_EQ(reply.status, 200u) << parameters << " " << reply.body << reply.error;
    EXPECT_EQ(reply.header("Content-Type"), "application/json") << parameters;
    EXPECT_EQ(without_seconds(reply.body), without_seconds(cli_json(arguments))) << parameters;
  }
}

TEST_F(ServerApiTest, MalformedQueryIsRepairedWithAWarningNeverAnError) {
  const HttpReply reply = http_get(port(), "/api/search?q=%28chip+AND");
  ASSERT_EQ(reply.status, 200u) << reply.body;
  const auto json = nlohmann::json::parse(reply.body);
  ASSERT_FALSE(json["warnings"].empty()) << reply.body;
}

TEST_F(ServerApiTest, DuplicatesOfAnArticleAsTheCliListsThem) {
  const auto first = nlohmann::json::parse(http_get(port(), "/api/search?q=vaccine").body);
  ASSERT_FALSE(first["hits"].empty());
  const std::string id = first["hits"][0]["id"];
  const HttpReply reply = http_get(port(), "/api/search?duplicates_of=" + id);
  ASSERT_EQ(reply.status, 200u) << reply.body;
  EXPECT_EQ(without_seconds(reply.body), without_seconds(cli_json("--duplicates-of " + id)));
  const HttpReply unknown = http_get(port(), "/api/search?duplicates_of=no-such-id");
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_EQ(error_code(unknown), "not_found");
}

TEST_F(ServerApiTest, LikeListsRelatedArticlesAsTheCliDoes) {
  const auto first = nlohmann::json::parse(http_get(port(), "/api/search?q=vaccine").body);
  ASSERT_FALSE(first["hits"].empty());
  const std::string id = first["hits"][0]["id"];
  const HttpReply reply = http_get(port(), "/api/search?like=" + id + "&facet=source");
  ASSERT_EQ(reply.status, 200u) << reply.body;
  EXPECT_EQ(without_seconds(reply.body),
            without_seconds(cli_json("--like " + id + " --facet source")));
  EXPECT_EQ(nlohmann::json::parse(reply.body)["like"], id);
  const HttpReply unknown = http_get(port(), "/api/search?like=no-such-id");
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_EQ(error_code(unknown), "not_found");
}

TEST_F(ServerApiTest, ArticleIsTheStoredArticle) {
  const HttpReply reply = http_get(port(), "/api/article/nd-0049");
  ASSERT_EQ(reply.status, 200u) << reply.body;
  const auto article = nlohmann::json::parse(reply.body);
  EXPECT_EQ(article["id"], "nd-0049");
  EXPECT_EQ(article["source"], "Berliner Tagesblatt");
  EXPECT_EQ(article["language"], "de");
  EXPECT_EQ(article["published"], "2023-10-19T05:30:00Z");
  EXPECT_NE(article["title"].get<std::string>().find("Halbleiter"), std::string::npos);
  EXPECT_GT(article["body"].get<std::string>().size(), 200u);
  EXPECT_TRUE(article["topics"].is_array());

  const HttpReply missing = http_get(port(), "/api/article/nd-9999");
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(error_code(missing), "not_found");
  EXPECT_NE(error_message(missing).find("nd-9999"), std::string::npos);
  // An id is percent-decoded; an encoded slash is part of it, not a path.
  EXPECT_EQ(http_get(port(), "/api/article/nd%2D0049").status, 200u);
  EXPECT_EQ(http_get(port(), "/api/article/nd-0049%2Fx").status, 404u);
}

TEST_F(ServerApiTest, HealthGivesRevisionAndArticleCount) {
  const HttpReply reply = http_get(port(), "/api/health");
  ASSERT_EQ(reply.status, 200u) << reply.body;
  const auto health = nlohmann::json::parse(reply.body);
  EXPECT_EQ(health["status"], "ok");
  EXPECT_EQ(health["articles"], 82);
  EXPECT_TRUE(health["revision"].is_number_unsigned()) << reply.body;
  EXPECT_TRUE(health["version"].is_string());
}

TEST_F(ServerApiTest, BadParametersAre400AndNameTheParameter) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"limit=ten", "limit"},
      {"limit=-1", "limit"},
      {"limit=1001", "limit"},
      {"limit=99999999999999999999", "limit"},
      {"offset=1.5", "offset"},
      {"offset=100001", "offset"},
      {"sort=sideways", "sort"},
      {"rank=random", "rank"},
      {"half_life=7", "half_life"},
      {"now=2024-01-01", "now"},
      {"rank=fresh&half_life=0", "half_life"},
      {"rank=fresh&half_life=inf", "half_life"},
      {"rank=fresh&now=someday", "now"},
      {"facet=colour", "facet"},
      {"facet_limit=x&facet=source", "facet_limit"},
      {"collapse=maybe", "collapse"},
      {"any=yes", "any"},
      {"colour=red", "colour"},
      {"q=a&q=b", "q"},
      {"limit=1&limit=2", "limit"},
      {"source=", "source"},
      {"source=%FF%FE", "source"},
      {"duplicates_of=nd-0001&q=chip", "duplicates_of"},
      {"like=nd-0001&duplicates_of=nd-0002", "like"},
      {"expand=sometimes", "expand"},
      {"since=yesterday", "since"},
      {"until=2024-13", "until"},
  };
  for (const auto& [parameters, named] : cases) {
    const HttpReply reply = http_get(port(), "/api/search?" + parameters);
    EXPECT_EQ(reply.status, 400u) << parameters << " " << reply.body;
    EXPECT_EQ(error_code(reply), "bad_parameter") << parameters;
    EXPECT_NE(error_message(reply).find(named), std::string::npos)
        << parameters << ": " << error_message(reply);
  }
  const HttpReply escape = http_get(port(), "/api/search?q=100%");
  EXPECT_EQ(escape.status, 400u) << escape.body;
  EXPECT_EQ(error_code(escape), "bad_request");
}

TEST_F(ServerApiTest, UnicodeAndPercentEncoding) {
  // 芯片 (chip), percent-encoded as a browser sends it.
  const HttpReply chinese = http_get(port(), "/api/search?q=%E8%8A%AF%E7%89%87");
  ASSERT_EQ(chinese.status, 200u) << chinese.body;
  EXPECT_EQ(without_seconds(chinese.body), without_seconds(cli_json("芯片")));
  EXPECT_GE(nlohmann::json::parse(chinese.body)["hits"].size(), 1u);
  // '+' and %20 are both spaces; %2B is a plus.
  EXPECT_EQ(without_seconds(http_get(port(), "/api/search?q=chip+export").body),
            without_seconds(http_get(port(), "/api/search?q=chip%20export").body));
  EXPECT_EQ(nlohmann::json::parse(http_get(port(), "/api/search?q=a%2Bb").body)["query"], "a+b");
  // French with accents, a source with spaces and an apostrophe.
  const HttpReply french = http_get(port(), "/api/search?q=r%C3%A9acteurs+nucl%C3%A9aires");
  ASSERT_EQ(french.status, 200u);
  EXPECT_GE(nlohmann::json::parse(french.body)["hits"].size(), 1u) << french.body;
  // Invalid UTF-8 in the query is repaired, never an error, and the answer
  // is valid JSON (U+FFFD in place of the bad bytes).
  const HttpReply invalid = http_get(port(), "/api/search?q=chip%FF%C3");
  ASSERT_EQ(invalid.status, 200u) << invalid.body;
  EXPECT_EQ(nlohmann::json::parse(invalid.body)["query"], "chip\xEF\xBF\xBD\xEF\xBF\xBD");
  const HttpReply invalid_id = http_get(port(), "/api/article/%FF");
  EXPECT_EQ(invalid_id.status, 404u);
  EXPECT_TRUE(nlohmann::json::accept(invalid_id.body)) << invalid_id.body;
}

TEST_F(ServerApiTest, UnknownPathsAre404AndOtherMethods405) {
  for (const std::string path : {"/nope", "/api", "/api/", "/api/searchx", "/api/article/",
                                 "/static/", "/static/nope.js", "/index.html"}) {
    const HttpReply reply = http_get(port(), path);
    EXPECT_EQ(reply.status, 404u) << path;
    EXPECT_EQ(error_code(reply), "not_found") << path;
  }
  for (const std::string method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
    const HttpReply reply = http_get(port(), "/api/search?q=chip", method);
    EXPECT_EQ(reply.status, 405u) << method;
    EXPECT_EQ(reply.header("Allow"), "GET, HEAD") << method;
    EXPECT_EQ(error_code(reply), "method_not_allowed");
  }
  EXPECT_EQ(http_get(port(), "/", "POST").status, 405u);
}

TEST_F(ServerApiTest, OversizedRequestsAre413And414And431) {
  const HttpReply long_target = http_get(port(), "/api/search?q=" + std::string(9000, 'a'));
  EXPECT_EQ(long_target.status, 414u) << long_target.error;
  EXPECT_EQ(error_code(long_target), "uri_too_long");

  HttpConnection headers(port());
  const HttpReply big_headers =
      headers.request("GET", "/api/health", {{"X-Filler", std::string(40000, 'x')}});
  EXPECT_EQ(big_headers.status, 431u) << big_headers.error;
  EXPECT_EQ(error_code(big_headers), "headers_too_large");

  HttpConnection body(port());
  const HttpReply big_body = body.request("POST", "/api/search", {}, std::string(100000, 'x'));
  EXPECT_EQ(big_body.status, 413u) << big_body.error;
  EXPECT_EQ(error_code(big_body), "payload_too_large");

  // A body announced far beyond the limit is refused before it is sent.
  HttpConnection announced(port());
  const HttpReply huge = announced.exchange(
      "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000000\r\n\r\n");
  EXPECT_EQ(huge.status, 413u) << huge.error;
  // The server is still fine.
  EXPECT_EQ(http_get(port(), "/api/health").status, 200u);
}

TEST_F(ServerApiTest, MalformedHttpIs400) {
  HttpConnection connection(port());
  const HttpReply reply = connection.exchange("GARBAGE\r\n\r\n");
  EXPECT_EQ(reply.status, 400u) << reply.error;
  EXPECT_EQ(error_code(reply), "bad_request");
  HttpConnection version(port());
  const HttpReply future = version.exchange("GET / HTTP/9.9\r\n\r\n");
  EXPECT_EQ(future.status, 505u) << future.error;
  EXPECT_EQ(error_code(future), "http_version_not_supported");
}

TEST_F(ServerApiTest, PathTraversalFindsNoFile) {
  for (const std::string path :
       {"/../../../../etc/passwd", "/static/../../CMakeLists.txt",
        "/static/%2e%2e/%2e%2e/etc/passwd", "/static/..%2F..%2Fetc%2Fpasswd",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "//etc/passwd", "/static//app.js", "/static/./app.js",
        "/api/article/../../etc/passwd", "/static/app.js%00.txt",
        "/static/%252e%252e/etc/passwd"}) {
    HttpConnection connection(port());
    const HttpReply reply = connection.exchange("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(reply.status, 404u) << path << " " << reply.error;
    EXPECT_EQ(reply.body.find("root:"), std::string::npos) << path;
    EXPECT_EQ(reply.body.find("cmake_minimum_required"), std::string::npos) << path;
  }
}

TEST_F(ServerApiTest, ServesThePageAndItsFiles) {
  const HttpReply page = http_get(port(), "/?q=chip&source=Global+Wire");
  ASSERT_EQ(page.status, 200u);
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page.header("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  EXPECT_NE(page.body.find("/static/app.js"), std::string::npos);
  const HttpReply script = http_get(port(), "/static/app.js");
  ASSERT_EQ(script.status, 200u);
  EXPECT_EQ(script.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(http_get(port(), "/static/style.css").header("Content-Type"),
            "text/css; charset=utf-8");
  // HEAD: the headers of GET, no body.
  const HttpReply head = http_get(port(), "/", "HEAD");
  EXPECT_EQ(head.status, 200u);
  EXPECT_EQ(head.header("Content-Length"), std::to_string(page.body.size()));
  EXPECT_TRUE(head.body.empty());
}

TEST_F(ServerApiTest, KeepAliveServesManyRequestsOnOneConnection) {
  HttpConnection connection(port());
  for (int i = 0; i < 20; ++i) {
    const HttpReply reply = connection.request("GET", "/api/search?q=oil&limit=1");
    ASSERT_EQ(reply.status, 200u) << i << reply.error;
  }
}

TEST_F(ServerApiTest, AccessLogHasALinePerRequest) {
  ASSERT_EQ(http_get(port(), "/api/search?q=access+log+probe").status, 200u);
  ASSERT_EQ(http_get(port(), "/no/such/page").status, 404u);
  // A line is written once the answer is sent: the client may read it first.
  std::string log;
  for (int i = 0; i < 100 && log.find("/no/such/page") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::ifstream in(*dir_ / "access.log");
    std::stringstream text;
    text << in.rdbuf();
    log = text.str();
  }
  EXPECT_TRUE(
      std::regex_search(log, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ 127\.0\.0\.1:\d+ GET )"
                                        R"(/api/search\?q=access\+log\+probe 200 \d+ [0-9.]+ms)")))
      << log;
  EXPECT_NE(log.find("GET /no/such/page 404 "), std::string::npos) << log;
}

}  // namespace
