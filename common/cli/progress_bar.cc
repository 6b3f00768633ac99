#include "progress_bar.h"

#include <cstdio>

namespace newsdex::cli {

std::string group_thousands(std::uint64_t value) {
  std::string digits = std::to_string(value);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  return digits;
}

ProgressBar::ProgressBar(bool enabled) : enabled_(enabled) {}

ProgressBar::~ProgressBar() { clear(); }

void ProgressBar::update(std::uint64_t done, std::uint64_t total, std::uint64_t items,
                         double seconds) {
  // Redrawing more than ten times a second only costs time.
  if (!enabled_ || (seconds - last_draw_ < 0.1 && done < total)) return;
  last_draw_ = seconds;
  constexpr int kWidth = 30;
  const double rate = seconds > 0 ? static_cast<double>(items) / seconds : 0;
  std::string line = "\r";
  const double megabytes_per_second =
      seconds > 0 ? static_cast<double>(done) / 1e6 / seconds : 0;
  char rates[64];
  std::snprintf(rates, sizeof rates, "/s, %.1f MB/s", megabytes_per_second);
  const std::string counts = group_thousands(items) + " articles, " +
                             group_thousands(static_cast<std::uint64_t>(rate)) + rates;
  if (total > 0) {
    const double fraction =
        done >= total ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
    const int filled = static_cast<int>(fraction * kWidth);
    line += "[" + std::string(static_cast<std::size_t>(filled), '#') +
            std::string(static_cast<std::size_t>(kWidth - filled), '.') + "] ";
    char percent[16];
    std::snprintf(percent, sizeof percent, "%3d%% ", static_cast<int>(fraction * 100));
    line += percent + counts;
    if (fraction > 0.01 && fraction < 1.0) {
      char eta[32];
      std::snprintf(eta, sizeof eta, ", ETA %.0f s", seconds * (1 - fraction) / fraction);
      line += eta;
    }
  } else {
    line += counts;
  }
  line += "\x1b[K";  // erase the rest of the previous line
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::clear() {
  if (!drawn_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace newsdex::cli
