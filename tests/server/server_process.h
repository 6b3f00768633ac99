// server_process.h — starts newsdex-serve on 127.0.0.1 with a free port for a
// test, and always stops it: SIGTERM, then SIGKILL if it has not exited
// within a bound (also when the test fails).
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace newsdex::testing {

class ServerProcess {
 public:
  /// Runs `binary` with `arguments` (add --db ...; --listen 127.0.0.1:0 is
  /// added), its stderr into `stderr_path`, and waits up to 20 s for it to
  /// say which port it listens on.
  ServerProcess(const std::string& binary, std::vector<std::string> arguments,
                std::string stderr_path)
      : stderr_path_(std::move(stderr_path)) {
    arguments.insert(arguments.begin(), binary);
    arguments.push_back("--listen");
    arguments.push_back("127.0.0.1:0");
    pid_ = ::fork();
    if (pid_ == 0) {
      // Stopped with the test even if it dies without cleaning up.
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      const int fd = ::open(stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fd >= 0) ::dup2(fd, STDERR_FILENO);
      // Not the test's stdout: a server left behind must not hold a pipe open.
      const int null = ::open("/dev/null", O_WRONLY);
      if (null >= 0) ::dup2(null, STDOUT_FILENO);
      std::vector<char*> argv;
      for (auto& argument : arguments) argv.push_back(argument.data());
      argv.push_back(nullptr);
      ::execv(binary.c_str(), argv.data());
      ::_exit(127);
    }
    const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+)/)");
    for (int i = 0; i < 400 && port_ == 0 && running(); ++i) {
      std::smatch match;
      const std::string text = stderr_text();
      if (std::regex_search(text, match, listening)) {
        port_ = static_cast<unsigned short>(std::stoi(match[1]));
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
    if (port_ == 0) {
      stop();
      throw std::runtime_error("newsdex-serve did not start: " + stderr_text());
    }
  }

  ~ServerProcess() { stop(); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  unsigned short port() const { return port_; }
  pid_t pid() const { return pid_; }

  std::string stderr_text() const {
    std::ifstream in(stderr_path_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  /// Sends `signal` and waits up to `wait` for the exit; returns the exit
  /// status (-1: killed after the wait, or not a normal exit).
  int stop(int signal = SIGTERM, std::chrono::milliseconds wait = std::chrono::seconds(15)) {
    if (pid_ <= 0) return exit_status_;
    ::kill(pid_, signal);
    const auto deadline = std::chrono::steady_clock::now() + wait;
    int status = 0;
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return exit_status_ = -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    pid_ = -1;
    return exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  bool running() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      return false;
    }
    return true;
  }

 private:
  std::string stderr_path_;
  pid_t pid_ = -1;
  unsigned short port_ = 0;
  int exit_status_ = -1;
};

}  // namespace newsdex::testing
