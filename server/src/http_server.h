// http_server.h — newsdex-serve's HTTP/1.1 transport on Boost.Beast: accepts
// connections, reads requests within limits and deadlines, hands each to a
// Router on a pool of threads, writes the answer, logs it, and stops
// gracefully.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <ostream>
#include <string>

#include "router.h"

namespace newsdex::server {

struct HttpServerOptions {
  /// Address and port to listen on; port 0 picks a free one (see port()).
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  /// Threads answering requests; each has its own Searcher.
  unsigned threads = 4;
  /// Time a client has to send a whole request (and to take the answer, and
  /// between requests on a kept-alive connection); then it is disconnected.
  /// This, not a thread per connection, bounds what slow clients hold.
  std::chrono::milliseconds request_timeout{10000};
  /// Request line and headers together at most (431 beyond), the request
  /// target at most (414 beyond), a body at most (413 beyond).
  std::size_t max_header_bytes = 32 * 1024;
  std::size_t max_target_bytes = 8 * 1024;
  std::size_t max_body_bytes = 64 * 1024;
  /// Open connections at most; further ones are closed at once.
  std::size_t max_connections = 1024;
  /// After a stop is asked for, requests being answered get this long to
  /// finish before the server closes what is left.
  std::chrono::milliseconds drain_timeout{10000};
  /// One line per request (time, client, method, target, status, bytes,
  /// milliseconds); null for none. Written under a lock, flushed per line.
  std::ostream* access_log = nullptr;
};

class HttpServer {
 public:
  /// Binds the listening socket.
  /// @throws ConfigError when the address is not an IP address or cannot be bound
  HttpServer(const Router& router, HttpServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// The port listened on (the one picked when 0 was asked for).
  unsigned short port() const;

  /// Serves until stop() or, when `stop_on_signals`, SIGINT or SIGTERM: then
  /// accepts no more connections, lets requests being answered finish (up to
  /// the drain timeout), closes idle connections and returns.
  void run(bool stop_on_signals);

  /// Asks run() to stop; callable from any thread.
  void stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex::server
