#include "facet_chart.h"

#include <algorithm>
#include <cstdio>

#include "newsdex/common/date.h"

namespace newsdex::cli {
namespace {

constexpr const char* kBlocks[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
constexpr const char* kEighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
constexpr std::size_t kBarWidth = 30;
constexpr std::size_t kTimelineColumns = 60;

// The bucket after `value`: "2023" -> "2024", "2023-12" -> "2024-01",
// "2023-12-31" -> "2024-01-01".
std::string next_bucket(const std::string& value) {
  char buffer[64];
  const long long year = std::stoll(value.substr(0, 4));
  if (value.size() == 4) {
    std::snprintf(buffer, sizeof buffer, "%04lld", year + 1);
  } else if (value.size() == 7) {
    const int month = std::stoi(value.substr(5, 2));
    std::snprintf(buffer, sizeof buffer, "%04lld-%02d", month == 12 ? year + 1 : year,
                  month == 12 ? 1 : month + 1);
  } else {
    const auto month = static_cast<unsigned>(std::stoi(value.substr(5, 2)));
    const auto day = static_cast<unsigned>(std::stoi(value.substr(8, 2)));
    const CivilDate next = civil_from_days(days_from_civil(year, month, day) + 1);
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", next.year, next.month, next.day);
  }
  return buffer;
}

bool is_date_bucket(const std::string& value) {
  const bool digits = value.size() >= 4 && std::all_of(value.begin(), value.begin() + 4,
                                                       [](char c) { return c >= '0' && c <= '9'; });
  return digits && (value.size() == 4 || value.size() == 7 || value.size() == 10);
}

// Display width of a UTF-8 string, counting each code point as one column
// (good enough for the Latin and block characters used here).
std::size_t columns(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string pad(const std::string& text, std::size_t width) {
  const std::size_t used = columns(text);
  return used >= width ? text : text + std::string(width - used, ' ');
}

}  // namespace

std::vector<searcher::FacetValue> fill_date_gaps(const std::vector<searcher::FacetValue>& buckets) {
  if (buckets.empty() || !std::all_of(buckets.begin(), buckets.end(), [&](const auto& b) {
        return is_date_bucket(b.value) && b.value.size() == buckets.front().value.size();
      })) {
    return buckets;
  }
  std::vector<searcher::FacetValue> filled;
  std::string at = buckets.front().value;
  for (const auto& bucket : buckets) {
    // A guard against a pathological span (e.g. a year-0001 date among
    // modern ones with day buckets) making millions of empty buckets.
    while (at < bucket.value && filled.size() < 100000) {
      filled.push_back({at, 0});
      at = next_bucket(at);
    }
    filled.push_back(bucket);
    at = next_bucket(bucket.value);
  }
  return filled;
}

std::string sparkline(const std::vector<searcher::FacetValue>& buckets, std::size_t max_columns) {
  if (buckets.empty() || max_columns == 0) return {};
  const std::size_t per_column = (buckets.size() + max_columns - 1) / max_columns;
  std::vector<std::uint64_t> sums;
  for (std::size_t i = 0; i < buckets.size(); i += per_column) {
    std::uint64_t sum = 0;
    for (std::size_t j = i; j < std::min(buckets.size(), i + per_column); ++j)
      sum += buckets[j].count;
    sums.push_back(sum);
  }
  const std::uint64_t max = *std::max_element(sums.begin(), sums.end());
  std::string line;
  for (const std::uint64_t sum : sums) {
    if (sum == 0 || max == 0) {
      line += " ";
      continue;
    }
    // Any non-zero bucket gets at least the lowest block, so it stays visible.
    const auto level = static_cast<std::size_t>((sum * 7 + max - 1) / max);
    line += kBlocks[std::min<std::size_t>(level, 7)];
  }
  return line;
}

std::string bar(std::uint64_t count, std::uint64_t max, std::size_t width) {
  if (max == 0 || count == 0) return {};
  const std::uint64_t eighths = std::max<std::uint64_t>(1, count * width * 8 / max);
  std::string out;
  for (std::uint64_t i = 0; i < eighths / 8; ++i) out += "█";
  out += kEighths[eighths % 8];
  return out;
}

std::vector<std::string> facet_lines(const searcher::Facet& facet, bool colour) {
  std::vector<std::string> lines;
  const char* bold = colour ? "\x1b[1m" : "";
  const char* reset = colour ? "\x1b[0m" : "";
  std::string heading = std::string(bold) + facet.name + reset;
  if (!facet.exact) heading += " (estimated counts)";
  if (facet.values.empty()) {
    lines.push_back(heading + ": none");
    return lines;
  }
  const bool is_date = facet.name.rfind("date", 0) == 0;
  std::vector<searcher::FacetValue> values = is_date ? fill_date_gaps(facet.values) : facet.values;
  if (is_date) {
    const auto peak =
        std::max_element(values.begin(), values.end(),
                         [](const auto& a, const auto& b) { return a.count < b.count; });
    char summary[160];
    std::snprintf(summary, sizeof summary, " %s … %s, peak %s (%llu)", values.front().value.c_str(),
                  values.back().value.c_str(), peak->value.c_str(),
                  static_cast<unsigned long long>(peak->count));
    lines.push_back(heading + summary);
    lines.push_back("  " + sparkline(values, kTimelineColumns));
    if (values.size() > 24) return lines;  // the timeline says it all
  } else {
    lines.push_back(heading);
  }
  std::size_t label_width = 0;
  std::uint64_t max = 0;
  for (const auto& value : values) {
    label_width = std::max(label_width, columns(value.value));
    max = std::max(max, value.count);
  }
  label_width = std::min<std::size_t>(label_width, 32);
  for (const auto& value : values) {
    char count[24];
    std::snprintf(count, sizeof count, "%6llu ", static_cast<unsigned long long>(value.count));
    lines.push_back("  " + pad(value.value, label_width) + count +
                    bar(value.count, max, kBarWidth));
  }
  return lines;
}

}  // namespace newsdex::cli
