// progress_bar.h — a one-line progress bar on stderr for long runs.
// Draws only when stderr is a terminal, so logs and pipes stay clean.
#pragma once

#include <cstdint>
#include <string>

namespace newsdex::cli {

class ProgressBar {
 public:
  /// @param enabled draw at all (pass stderr_is_terminal() && !quiet)
  explicit ProgressBar(bool enabled);
  ~ProgressBar();  // clears the line

  /// Redraws: `done` of `total` bytes (total 0 = unknown), with a count of
  /// items and elapsed seconds for the rate and the time left.
  void update(std::uint64_t done, std::uint64_t total, std::uint64_t items, double seconds);

  /// Erases the bar so normal output can follow.
  void clear();

 private:
  bool enabled_;
  bool drawn_ = false;
  double last_draw_ = -1;
};

/// "1,234,567": digits grouped by thousands.
std::string group_thousands(std::uint64_t value);

}  // namespace newsdex::cli
