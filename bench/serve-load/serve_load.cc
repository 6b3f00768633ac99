// serve-load: a bounded HTTP load generator for newsdex-serve. Sends a fixed
// number of /api/search requests over a fixed number of kept-alive
// connections to a server on this machine and reports requests per second
// and latency percentiles. Any answer other than 200, and any connection
// error, is counted and makes the exit code 1.
#include <algorithm>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli.h"

namespace po = boost::program_options;
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kUsage = R"(Usage: serve-load --port PORT [options]

Sends --requests searches over --connections kept-alive connections to
newsdex-serve on 127.0.0.1, queries taken in turn from --queries (one per
line) or from a built-in mix, each with --params appended. Prints requests/s
and latency p50/p90/p99/max; exit code 1 if any request failed.

Options)";

// A mix of one-word, two-word, phrase, boolean, prefix and misspelt queries.
const std::vector<std::string> kMix = {
    "oil",           "trade",           "bank rates",     "\"interest rates\"",
    "grain exports", "coffee brazil",   "gold OR silver", "dollar -yen",
    "compu*",        "opec oil prices", "wheat",          "earnings",
    "shipping",      "acquisition",     "cocoa",          "inflation",
    "sugar quota",   "merger bid",      "tokyo stocks",   "goverment",
};

std::string percent_encode(const std::string& text) {
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char escape[4];
      std::snprintf(escape, sizeof escape, "%%%02X", c);
      out += escape;
    }
  }
  return out;
}

struct Totals {
  std::mutex mutex;
  std::vector<double> millis;
  std::uint64_t failures = 0;
  std::string first_failure;
};

// One connection's share of the requests; reconnects after an error.
void run_connection(const std::string& host, unsigned short port,
                    const std::vector<std::string>& targets, std::atomic<std::uint64_t>& next,
                    std::uint64_t requests, Totals& totals) {
  std::vector<double> millis;
  std::uint64_t failures = 0;
  std::string first_failure;
  net::io_context io;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  const auto fail = [&](const std::string& why) {
    ++failures;
    if (first_failure.empty()) first_failure = why;
    stream.reset();
  };
  for (std::uint64_t i = next++; i < requests; i = next++) {
    beast::error_code ec;
    if (!stream) {
      stream.emplace(io);
      buffer.clear();
      stream->expires_after(std::chrono::seconds(30));
      stream->async_connect(net::ip::tcp::endpoint(net::ip::make_address(host), port),
                            [&](beast::error_code e) { ec = e; });
      io.restart();
      io.run();
      if (ec) {
        fail("connect: " + ec.message());
        continue;
      }
    }
    http::request<http::empty_body> request(http::verb::get, targets[i % targets.size()], 11);
    request.set(http::field::host, host);
    http::response<http::string_body> response;
    const auto started = Clock::now();
    stream->expires_after(std::chrono::seconds(30));
    http::async_write(*stream, request, [&](beast::error_code e, std::size_t) { ec = e; });
    io.restart();
    io.run();
    if (!ec) {
      http::async_read(*stream, buffer, response,
                       [&](beast::error_code e, std::size_t) { ec = e; });
      io.restart();
      io.run();
    }
    if (ec) {
      fail("request: " + ec.message());
      continue;
    }
    millis.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
    if (response.result_int() != 200) {
      fail("status " + std::to_string(response.result_int()) + " for " +
           std::string(request.target()) + ": " + response.body().substr(0, 200));
    } else if (!response.keep_alive()) {
      stream.reset();
    }
  }
  std::lock_guard<std::mutex> lock(totals.mutex);
  totals.millis.insert(totals.millis.end(), millis.begin(), millis.end());
  totals.failures += failures;
  if (totals.first_failure.empty()) totals.first_failure = first_failure;
}

int run(int argc, char** argv) {
  std::string host = "127.0.0.1", queries_path, params;
  unsigned port = 0, connections = 16;
  std::uint64_t requests = 20000;
  po::options_description visible(kUsage);
  // clang-format off
  visible.add_options()
      ("port", po::value(&port)->required(), "port newsdex-serve listens on")
      ("host", po::value(&host)->default_value(host), "its address (loopback only in tests)")
      ("requests,n", po::value(&requests)->default_value(requests), "requests to send in all")
      ("connections,c", po::value(&connections)->default_value(connections), "concurrent connections")
      ("queries", po::value(&queries_path), "file of queries, one per line (default: a built-in mix)")
      ("params", po::value(&params), "more parameters for every request, e.g. facet=source&facet=date:month")
      ("help,h", "show this help")
      ("version", "show the version");
  // clang-format on
  const auto parsed = newsdex::cli::parse_command_line(argc, argv, "serve-load", visible);
  if (!parsed) return 0;
  if (connections < 1 || connections > 1000 || port < 1 || port > 65535) {
    throw newsdex::cli::UsageError("--connections must be 1 to 1000, --port 1 to 65535");
  }
  std::vector<std::string> queries;
  if (!queries_path.empty()) {
    std::ifstream in(queries_path);
    if (!in) throw newsdex::cli::UsageError("cannot read " + queries_path);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) queries.push_back(line);
    }
  }
  if (queries.empty()) queries = kMix;
  std::vector<std::string> targets;
  for (const std::string& query : queries) {
    targets.push_back("/api/search?q=" + percent_encode(query) + (params.empty() ? "" : "&") +
                      params);
  }

  Totals totals;
  std::atomic<std::uint64_t> next{0};
  const auto started = Clock::now();
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < connections; ++i) {
    threads.emplace_back(run_connection, host, static_cast<unsigned short>(port),
                         std::cref(targets), std::ref(next), requests, std::ref(totals));
  }
  for (auto& thread : threads) thread.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();

  std::vector<double>& millis = totals.millis;
  std::sort(millis.begin(), millis.end());
  const auto at = [&](double q) {
    if (millis.empty()) return 0.0;
    return millis[std::min(millis.size() - 1,
                           static_cast<std::size_t>(q * static_cast<double>(millis.size())))];
  };
  std::printf(
      "%llu requests over %u connections in %.2f s: %.0f requests/s; latency p50 %.2f ms, "
      "p90 %.2f ms, p99 %.2f ms, max %.2f ms; %llu failed\n",
      static_cast<unsigned long long>(requests), connections, seconds,
      static_cast<double>(millis.size()) / seconds, at(0.50), at(0.90), at(0.99),
      millis.empty() ? 0.0 : millis.back(), static_cast<unsigned long long>(totals.failures));
  if (totals.failures > 0) {
    std::fprintf(stderr, "serve-load: first failure: %s\n", totals.first_failure.c_str());
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return newsdex::cli::run_tool("serve-load", [&] { return run(argc, argv); });
}
