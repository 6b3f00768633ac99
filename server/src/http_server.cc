#include "http_server.h"

#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <csignal>
#include <ctime>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "http_error.h"
#include "newsdex/common/error.h"
#include "newsdex/common/version.h"

namespace newsdex::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

// After the last answer on a connection, how long the client has to close
// its side, while what it still sends is read and dropped: closing on unread
// data would reset the connection and could destroy an error answer (a 413
// to a client still sending its body) before the client reads it.
constexpr auto kLingerTime = std::chrono::seconds(2);

// A target as logged: bytes outside printable ASCII escaped, long ones cut.
std::string loggable(std::string_view text) {
  constexpr std::size_t kMaxLogged = 2000;
  std::string out;
  for (const char c : text.substr(0, kMaxLogged)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte > 0x20 && byte < 0x7f) {
      out += c;
    } else {
      constexpr char kHex[] = "0123456789ABCDEF";
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  if (text.size() > kMaxLogged) out += "...";
  return out.empty() ? "-" : out;
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

class Session;

// What the listener and every connection share.
struct Shared {
  Shared(const Router& r, HttpServerOptions o) : router(r), options(std::move(o)) {}

  void log(const std::string& client, std::string_view method, std::string_view target,
           unsigned status, std::size_t bytes, Clock::time_point started) {
    if (options.access_log == nullptr) return;
    const double millis = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    char timing[32];
    std::snprintf(timing, sizeof timing, "%.2fms", millis);
    const std::string line = utc_now() + " " + client + " " + loggable(method) + " " +
                             loggable(target) + " " + std::to_string(status) + " " +
                             std::to_string(bytes) + " " + timing + "\n";
    std::lock_guard<std::mutex> lock(log_mutex);
    *options.access_log << line << std::flush;
  }

  const Router& router;
  const HttpServerOptions options;
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> connections{0};
  std::mutex sessions_mutex;
  std::map<const Session*, std::weak_ptr<Session>> sessions;
  std::mutex log_mutex;
};

// One client connection: reads requests one after the other (HTTP/1.1
// keep-alive), answers each, all on its own strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Shared& shared)
      : stream_(std::move(socket)),
        // Bounds what a connection can make the server hold, pipelined
        // requests included.
        buffer_(shared.options.max_header_bytes + shared.options.max_body_bytes + 16 * 1024),
        shared_(shared) {
    ++shared_.connections;
    beast::error_code ec;
    const auto remote = stream_.socket().remote_endpoint(ec);
    client_ = ec ? "-" : remote.address().to_string() + ":" + std::to_string(remote.port());
  }

  ~Session() {
    {
      std::lock_guard<std::mutex> lock(shared_.sessions_mutex);
      shared_.sessions.erase(this);
    }
    --shared_.connections;
  }

  void start() {
    {
      std::lock_guard<std::mutex> lock(shared_.sessions_mutex);
      shared_.sessions[this] = weak_from_this();
    }
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::read, shared_from_this()));
  }

  // For a graceful stop: a connection waiting for its next request is
  // closed; one being answered closes after its answer.
  void close_if_idle() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) self->close_now();
    });
  }

 private:
  void read() {
    busy_ = false;
    if (shared_.stopping) return close_now();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(shared_.options.max_header_bytes));
    parser_->body_limit(shared_.options.max_body_bytes);
    // One deadline for the whole request, however slowly its bytes come.
    stream_.expires_after(shared_.options.request_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    started_ = Clock::now();
    if (ec == http::error::end_of_stream || ec == net::error::operation_aborted) {
      return close_now();
    }
    if (ec == beast::error::timeout) {
      // The stream is closed already; log only a request that had begun.
      if (parser_->got_some()) shared_.log(client_, "-", "-", 408, 0, started_);
      return;
    }
    if (ec) {
      if (!parser_->got_some()) return close_now();
      busy_ = true;
      if (ec == http::error::header_limit) {
        return answer_error(431, "headers_too_large",
                            "request line and headers exceed " +
                                std::to_string(shared_.options.max_header_bytes) + " bytes");
      }
      if (ec == http::error::body_limit) {
        return answer_error(
            413, "payload_too_large",
            "request body exceeds " + std::to_string(shared_.options.max_body_bytes) + " bytes");
      }
      if (ec == http::error::bad_version) {
        return answer_error(505, "http_version_not_supported",
                            "only HTTP/1.0 and HTTP/1.1 are served");
      }
      return answer_error(400, "bad_request", "malformed HTTP request: " + ec.message());
    }
    busy_ = true;
    const auto& request = parser_->get();
    method_ = std::string(request.method_string());
    target_ = std::string(request.target());
    const bool keep_alive = request.keep_alive() && !shared_.stopping;
    const bool head = request.method() == http::verb::head;
    if (request.version() != 10 && request.version() != 11) {
      return answer_error(505, "http_version_not_supported",
                          "only HTTP/1.0 and HTTP/1.1 are served");
    }
    if (target_.size() > shared_.options.max_target_bytes) {
      return answer_error(
          414, "uri_too_long",
          "request target exceeds " + std::to_string(shared_.options.max_target_bytes) + " bytes");
    }
    send(shared_.router.handle(method_, target_), keep_alive, head, request.version());
  }

  // An answer to a request that could not be read whole: the connection
  // cannot be trusted to be at a request boundary, so it closes.
  void answer_error(unsigned status, std::string code, const std::string& message) {
    Response response;
    response.status = status;
    response.content_type = "application/json";
    response.body = error_json(code, message);
    if (method_.empty()) method_ = "-";
    if (target_.empty()) target_ = "-";
    send(std::move(response), false, false, 11);
  }

  void send(Response response, bool keep_alive, bool head, unsigned version) {
    const auto fill = [&](auto& message) {
      message.result(response.status);
      message.set(http::field::server, "newsdex-serve/" + std::string(newsdex::version()));
      message.set(http::field::content_type, response.content_type);
      message.set("X-Content-Type-Options", "nosniff");
      for (const auto& [name, value] : response.headers) message.set(name, value);
      message.keep_alive(keep_alive);
    };
    const std::size_t bytes = response.body.size();
    if (head) {
      auto message = std::make_shared<http::response<http::empty_body>>();
      message->version(version);
      fill(*message);
      message->content_length(bytes);
      write(std::move(message), keep_alive, response.status, 0);
    } else {
      auto message = std::make_shared<http::response<http::string_body>>();
      message->version(version);
      fill(*message);
      message->body() = std::move(response.body);
      message->prepare_payload();
      write(std::move(message), keep_alive, response.status, bytes);
    }
  }

  template <typename Message>
  void write(std::shared_ptr<Message> message, bool keep_alive, unsigned status,
             std::size_t bytes) {
    stream_.expires_after(shared_.options.request_timeout);
    Message& to_write = *message;
    http::async_write(stream_, to_write,
                      [self = shared_from_this(), message = std::move(message), keep_alive, status,
                       bytes](beast::error_code ec, std::size_t) {
                        self->shared_.log(self->client_, self->method_, self->target_, status,
                                          bytes, self->started_);
                        self->method_.clear();
                        self->target_.clear();
                        if (ec) return self->close_now();
                        if (!keep_alive) return self->close_gracefully();
                        self->read();
                      });
  }

  void close_gracefully() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLingerTime);
    drain();
  }

  void drain() {
    stream_.async_read_some(net::buffer(scratch_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close_now();
                              self->drain();
                            });
  }

  void close_now() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Shared& shared_;
  std::string client_;
  std::string method_, target_;  // of the request being answered, for the log
  Clock::time_point started_ = Clock::now();
  bool busy_ = false;  // a request is being answered
  std::array<char, 4096> scratch_{};
};

}  // namespace

class HttpServer::Impl {
 public:
  Impl(const Router& router, HttpServerOptions options)
      : shared_(router, std::move(options)),
        acceptor_(net::make_strand(io_)),
        retry_timer_(acceptor_.get_executor()) {
    beast::error_code ec;
    const auto address = net::ip::make_address(shared_.options.address, ec);
    if (ec) throw ConfigError("'" + shared_.options.address + "' is not an IP address");
    const tcp::endpoint endpoint(address, shared_.options.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      throw ConfigError("cannot listen on " + shared_.options.address + ":" +
                        std::to_string(shared_.options.port) + ": " + ec.message());
    }
  }

  unsigned short port() const { return acceptor_.local_endpoint().port(); }

  void run(bool stop_on_signals) {
    std::optional<net::signal_set> signals;
    if (stop_on_signals) {
      signals.emplace(io_, SIGINT, SIGTERM);
      signals->async_wait([this](beast::error_code ec, int) {
        if (!ec) stop();
      });
    }
    accept();
    std::vector<std::thread> threads;
    for (unsigned i = 0; i < std::max(1u, shared_.options.threads); ++i) {
      threads.emplace_back([this] { io_.run(); });
    }
    {
      std::unique_lock<std::mutex> lock(stop_mutex_);
      stop_requested_.wait(lock, [this] { return stop_asked_; });
    }
    shared_.stopping = true;
    net::post(acceptor_.get_executor(), [this, &signals] {
      beast::error_code ignored;
      acceptor_.close(ignored);
      retry_timer_.cancel();
      if (signals) signals->cancel(ignored);
    });
    close_idle_sessions();
    // Answers being computed finish and are written; then their
    // connections close and nothing is left to run. Bounded by the drain
    // timeout, after which whatever is left is abandoned.
    const auto deadline = Clock::now() + shared_.options.drain_timeout;
    while (shared_.connections > 0 && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      close_idle_sessions();  // a connection accepted during the stop
    }
    io_.stop();
    for (auto& thread : threads) thread.join();
    if (signals) {
      // The stop is under way and bounded by the drain timeout: a repeated
      // SIGINT or SIGTERM (a supervisor asking again) must not kill the
      // process by the default action once the signal set is gone, while
      // the rest of the shutdown runs.
      signals.reset();
      std::signal(SIGINT, SIG_IGN);
      std::signal(SIGTERM, SIG_IGN);
    }
  }

  void stop() {
    std::lock_guard<std::mutex> lock(stop_mutex_);
    stop_asked_ = true;
    stop_requested_.notify_all();
  }

 private:
  void accept() {
    acceptor_.async_accept(net::make_strand(io_),
                           beast::bind_front_handler(&Impl::on_accept, this));
  }

  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (!acceptor_.is_open()) return;
    if (ec) {
      // E.g. out of file descriptors: try again shortly rather than spin.
      retry_timer_.expires_after(std::chrono::milliseconds(50));
      retry_timer_.async_wait([this](beast::error_code wait_error) {
        if (!wait_error && acceptor_.is_open()) accept();
      });
      return;
    }
    if (shared_.connections >= shared_.options.max_connections) {
      shared_.log("-", "-", "-", 503, 0, Clock::now());
      beast::error_code ignored;
      socket.close(ignored);
    } else {
      std::make_shared<Session>(std::move(socket), shared_)->start();
    }
    accept();
  }

  void close_idle_sessions() {
    std::vector<std::shared_ptr<Session>> open;
    {
      std::lock_guard<std::mutex> lock(shared_.sessions_mutex);
      for (const auto& [key, session] : shared_.sessions) {
        if (auto alive = session.lock()) open.push_back(std::move(alive));
      }
    }
    for (const auto& session : open) session->close_if_idle();
  }

  // Declared first so it is destroyed last: the io_context's destructor
  // destroys handlers that may still hold sessions, which refer to it.
  Shared shared_;
  net::io_context io_;
  tcp::acceptor acceptor_;
  net::steady_timer retry_timer_;
  std::mutex stop_mutex_;
  std::condition_variable stop_requested_;
  bool stop_asked_ = false;
};

HttpServer::HttpServer(const Router& router, HttpServerOptions options)
    : impl_(std::make_unique<Impl>(router, std::move(options))) {}
HttpServer::~HttpServer() = default;
unsigned short HttpServer::port() const { return impl_->port(); }
void HttpServer::run(bool stop_on_signals) { impl_->run(stop_on_signals); }
void HttpServer::stop() { impl_->stop(); }

}  // namespace newsdex::server
