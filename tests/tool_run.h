// tool_run.h — runs a built command-line tool as a user would, for the tests
// of the tools' output and exit codes.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace newsdex::testing {

/// What a tool printed and how it exited.
struct ToolRun {
  int exit_code = -1;  ///< -1 when it did not exit normally
  std::string out;
};

/// Which of the tool's streams ToolRun::out captures.
enum class Capture { kStdout, kStdoutAndStderr };

/// Runs `command` through the shell and waits for it.
inline ToolRun run_tool(const std::string& command, Capture capture = Capture::kStdoutAndStderr) {
  ToolRun result;
  const std::string line = capture == Capture::kStdoutAndStderr ? command + " 2>&1" : command;
  FILE* pipe = ::popen(line.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer;
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    result.out.append(buffer.data(), n);
  }
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

/// `text` in single quotes, for a shell command line (no quotes inside).
inline std::string quoted(const std::string& text) { return "'" + text + "'"; }

}  // namespace newsdex::testing
