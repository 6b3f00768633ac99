// http_test_client.h — a blocking HTTP/1.1 client on Boost.Beast for the
// server tests: whole requests, and raw bytes for the abuse cases. Every
// call is bounded by a timeout and connects to 127.0.0.1 only.
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace newsdex::testing {

/// What the server answered.
struct HttpReply {
  unsigned status = 0;  ///< 0: no answer (connection closed, timeout)
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string error;  ///< why there was no answer

  std::string header(const std::string& name) const {
    for (const auto& [key, value] : headers) {
      if (boost::beast::iequals(key, name)) return value;
    }
    return {};
  }
};

/// A connection to 127.0.0.1:`port`; requests on it use keep-alive.
class HttpConnection {
 public:
  explicit HttpConnection(unsigned short port,
                          std::chrono::milliseconds timeout = std::chrono::seconds(20))
      : stream_(io_), timeout_(timeout) {
    boost::beast::error_code ec;
    stream_.expires_after(timeout_);
    stream_.async_connect(
        boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port),
        [&](boost::beast::error_code e) { ec = e; });
    run();
    if (ec) throw boost::system::system_error(ec, "connect");
  }

  /// Sends `method target` (plus `extra_headers` and `body`) and reads the
  /// answer.
  HttpReply request(const std::string& method, const std::string& target,
                    const std::vector<std::pair<std::string, std::string>>& extra_headers = {},
                    const std::string& body = {}) {
    namespace http = boost::beast::http;
    http::request<http::string_body> message;
    message.method_string(method);
    message.target(target);
    message.version(11);
    message.set(http::field::host, "127.0.0.1");
    for (const auto& [name, value] : extra_headers) message.set(name, value);
    if (!body.empty() || method == "POST") {
      message.body() = body;
      message.prepare_payload();
    }
    std::string raw;
    {
      std::ostringstream out;
      out << message;
      raw = out.str();
    }
    return exchange(raw, method == "HEAD");
  }

  /// Sends `raw` bytes as they are and reads one answer, if any comes.
  HttpReply exchange(const std::string& raw, bool head = false) {
    HttpReply reply;
    boost::beast::error_code ec;
    write(raw, ec);
    if (ec) {
      reply.error = "write: " + ec.message();
      // The server may have answered and closed before reading all of it.
    }
    return read_reply(head, std::move(reply));
  }

  /// Sends bytes without waiting for an answer.
  bool send(const std::string& raw) {
    boost::beast::error_code ec;
    write(raw, ec);
    return !ec;
  }

  /// Reads one answer (after send()).
  HttpReply read_reply(bool head = false, HttpReply reply = {}) {
    namespace http = boost::beast::http;
    http::response_parser<http::string_body> parser;
    parser.skip(head);
    parser.body_limit(64 * 1024 * 1024);
    boost::beast::error_code ec;
    stream_.expires_after(timeout_);
    http::async_read(stream_, buffer_, parser,
                     [&](boost::beast::error_code e, std::size_t) { ec = e; });
    run();
    if (ec) {
      reply.error += (reply.error.empty() ? "" : "; ") + std::string("read: ") + ec.message();
      return reply;
    }
    const auto& message = parser.get();
    reply.status = message.result_int();
    reply.body = message.body();
    for (const auto& field : message) {
      reply.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    return reply;
  }

  /// Whether the server closed the connection: a read gets end of file (or
  /// a reset) within `wait`.
  bool closed_by_server(std::chrono::milliseconds wait) {
    stream_.expires_after(wait);
    char byte;
    boost::beast::error_code ec;
    stream_.async_read_some(boost::asio::buffer(&byte, 1),
                            [&](boost::beast::error_code e, std::size_t) { ec = e; });
    run();
    return ec && ec != boost::beast::error::timeout;
  }

 private:
  // Beast's deadlines apply to asynchronous operations only: each operation
  // is started asynchronously and run to completion (or to its deadline).
  void run() {
    io_.restart();
    io_.run();
  }

  void write(const std::string& raw, boost::beast::error_code& ec) {
    stream_.expires_after(timeout_);
    boost::asio::async_write(stream_, boost::asio::buffer(raw),
                             [&](boost::beast::error_code e, std::size_t) { ec = e; });
    run();
  }

  boost::asio::io_context io_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::chrono::milliseconds timeout_;
};

/// One request on a new connection.
inline HttpReply http_get(unsigned short port, const std::string& target,
                          const std::string& method = "GET") {
  try {
    HttpConnection connection(port);
    return connection.request(method, target);
  } catch (const std::exception& e) {
    HttpReply reply;
    reply.error = e.what();
    return reply;
  }
}

}  // namespace newsdex::testing
