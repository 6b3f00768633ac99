// tcp_server.h — a real xapian-tcpsrv serving one database on 127.0.0.1,
// for tests. It runs in a session of its own (xapian-tcpsrv signals its
// whole process group when it stops: without setsid it would take the test
// runner with it) and is always stopped by the destructor.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

namespace newsdex::testing {

/// A free TCP port on 127.0.0.1 (bound and released: another process could
/// take it in between, which a test would see as a server that fails to start).
inline unsigned free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("no free port on 127.0.0.1");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

inline bool accepts_connections(unsigned port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return connected;
}

class TcpServer {
 public:
  /// Starts `xapian-tcpsrv --interface 127.0.0.1 --port PORT DB` and waits
  /// (at most 10 s) until it accepts connections.
  TcpServer(std::string database, unsigned port) : database_(std::move(database)), port_(port) {
    start();
  }
  ~TcpServer() { stop(); }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;

  unsigned port() const noexcept { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

  void start() {
    if (pid_ > 0) return;
    const std::string port = std::to_string(port_);
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::setsid();
      // Dies with the test, should the test crash before stopping it.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      // Keeps no pipe of the test runner open.
      const int null = ::open("/dev/null", O_RDWR);
      ::dup2(null, STDIN_FILENO);
      ::dup2(null, STDOUT_FILENO);
      ::dup2(null, STDERR_FILENO);
      ::execl(NEWSDEX_XAPIAN_TCPSRV, NEWSDEX_XAPIAN_TCPSRV, "--quiet", "--interface", "127.0.0.1",
              "--port", port.c_str(), database_.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!accepts_connections(port_)) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("xapian-tcpsrv on port " + port + " exited at start");
      }
      if (std::chrono::steady_clock::now() > deadline) {
        stop();
        throw std::runtime_error("xapian-tcpsrv on port " + port + " did not start within 10 s");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  /// Kills the server and the children serving its connections (SIGKILL:
  /// a crash, not a shutdown), and waits for it.
  void kill() { signal_and_reap(SIGKILL); }

  /// Stops it (SIGTERM, then SIGKILL after 5 s).
  void stop() { signal_and_reap(SIGTERM); }

  /// Freezes (SIGSTOP) or thaws (SIGCONT) the server and its children: a
  /// hung server, which accepts but never answers.
  void freeze() {
    if (pid_ > 0) ::kill(-pid_, SIGSTOP);
  }
  void thaw() {
    if (pid_ > 0) ::kill(-pid_, SIGCONT);
  }

 private:
  void signal_and_reap(int signal) {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGCONT);
    ::kill(-pid_, signal);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    int status = 0;
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(-pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    // Connection children are in the same group; make sure none outlives it.
    ::kill(-pid_, SIGKILL);
    pid_ = -1;
  }

  std::string database_;
  unsigned port_;
  pid_t pid_ = -1;
};

}  // namespace newsdex::testing
