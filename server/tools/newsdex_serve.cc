// newsdex-serve: the search API and search page over HTTP. A thin shell
// over the newsdex_server library (server/src).
#include <fstream>
#include <iostream>
#include <thread>

#include "cli.h"
#include "http_server.h"
#include "newsdex/common/error.h"
#include "router.h"
#include "searcher_pool.h"

namespace po = boost::program_options;
using namespace newsdex;

namespace {

constexpr std::string_view kTool = "newsdex-serve";

constexpr const char* kUsage = R"(Usage: newsdex-serve [options]

Serves a newsdex index over HTTP: a JSON API with the parameters and output
of newsdex-search --json (GET /api/search?q=..., /api/article/ID,
/api/health) and a search page at /. Listens on 127.0.0.1 unless told
otherwise. Follows the indexer's commits. Until the index can be opened, the
API answers 503. SIGINT or SIGTERM stop it after the requests being answered.
The API is in docs/server.md.

Examples:
  newsdex-serve --db news.db
  newsdex-serve --db news.db --listen 0.0.0.0:8080 --threads 8
  newsdex-serve --db news.db --listen 127.0.0.1:0 --access-log access.log

Exit codes: 0 stopped by a signal, 1 failure (cannot listen),
            2 bad command line.

Options)";

struct Listen {
  std::string address;
  unsigned short port = 0;
};

// "127.0.0.1:8080", "[::1]:8080", ":8080" (the loopback address).
Listen parse_listen(const std::string& text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos) {
    throw cli::UsageError("--listen '" + text + "': expected ADDRESS:PORT");
  }
  Listen listen;
  listen.address = text.substr(0, colon);
  if (listen.address.size() >= 2 && listen.address.front() == '[' && listen.address.back() == ']') {
    listen.address = listen.address.substr(1, listen.address.size() - 2);
  }
  if (listen.address.empty()) listen.address = "127.0.0.1";
  const std::string port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoul(port) > 65535) {
    throw cli::UsageError("--listen '" + text + "': '" + port + "' is not a port number");
  }
  listen.port = static_cast<unsigned short>(std::stoul(port));
  return listen;
}

int run(int argc, char** argv) {
  std::string db_path, listen_text = "127.0.0.1:8080", access_log = "-";
  unsigned threads = std::max(2u, std::thread::hardware_concurrency());
  double request_timeout = 10;
  std::size_t max_connections = 1024;
  po::options_description visible(kUsage);
  cli::add_db_option(visible, db_path);
  // clang-format off
  visible.add_options()
      ("listen,l", po::value(&listen_text)->default_value(listen_text), "address and port to listen on (port 0: any free port)")
      ("threads,t", po::value(&threads)->default_value(threads), "threads answering requests, each with its own searcher")
      ("access-log", po::value(&access_log)->default_value(access_log), "file to append a line per request to (- for stderr, none for no log)")
      ("request-timeout", po::value(&request_timeout)->default_value(request_timeout), "seconds a client has to send a request (or take an answer)")
      ("max-connections", po::value(&max_connections)->default_value(max_connections), "open connections at most; more are refused")
      ("help,h", "show this help")
      ("version", "show the version");
  // clang-format on
  const auto parsed = cli::parse_command_line(argc, argv, kTool, visible);
  if (!parsed) return cli::kExitOk;

  if (threads < 1 || threads > 256) throw cli::UsageError("--threads must be 1 to 256");
  if (!(request_timeout > 0 && request_timeout <= 3600)) {
    throw cli::UsageError("--request-timeout must be above 0 and at most 3600 seconds");
  }
  if (max_connections < 1) throw cli::UsageError("--max-connections must be at least 1");
  const Listen listen = parse_listen(listen_text);

  std::ofstream log_file;
  server::HttpServerOptions options;
  if (access_log == "-") {
    options.access_log = &std::cerr;
  } else if (access_log != "none") {
    log_file.open(access_log, std::ios::app);
    if (!log_file) throw ConfigError("--access-log: cannot open '" + access_log + "' for writing");
    options.access_log = &log_file;
  }
  options.address = listen.address;
  options.port = listen.port;
  options.threads = threads;
  options.request_timeout =
      std::chrono::milliseconds(static_cast<std::int64_t>(request_timeout * 1000));
  options.max_connections = max_connections;

  server::SearcherPool searchers(db_path, {});
  try {
    // Opened once here only to say at start-up whether the index is there.
    searchers.for_this_thread();
  } catch (const IndexError& e) {
    std::cerr << kTool << ": warning: " << e.what() << "; answering 503 until it can be opened\n";
  }
  searchers.forget_this_thread();
  const server::Router router(searchers);
  server::HttpServer server(router, options);
  std::cerr << kTool << ": listening on http://"
            << (listen.address.find(':') != std::string::npos ? "[" + listen.address + "]"
                                                              : listen.address)
            << ":" << server.port() << "/ (index " << db_path << ", " << threads << " threads)"
            << std::endl;
  server.run(true);
  std::cerr << kTool << ": stopped" << std::endl;
  return cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  return cli::run_tool(kTool, [&] { return run(argc, argv); });
}
