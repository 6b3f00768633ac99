// The query workload of bench/run, shared by every system's timing harness so
// that each runs the same queries and reports them the same way.
//
// Workload file (written by bench/make-workload): one query per line,
//   CLASS<TAB>WORDS<TAB>SINCE<TAB>UNTIL
// CLASS is term or vocab (one word; see bench/make-workload for how each is
// drawn), and (two words, both required), phrase (the words next to each
// other, in order), three (three words, all required) or date (the words, all
// required, published from SINCE to UNTIL, YYYY-MM-DD both inclusive; empty
// for the other classes). WORDS are lowercase ASCII words separated by single
// spaces, so every engine's query syntax takes them as they are.
//
// A harness times each class in turn, top 10 results, in one of two modes:
// plain (ranked ids only) or full (ranked ids, a snippet of each result's
// body, and exact counts of every match by source and by month). It prints
// one line per class on stdout:
//   CLASS<TAB>QUERIES<TAB>P50_US<TAB>P95_US<TAB>P99_US<TAB>QPS<TAB>MEAN_MATCHES
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace workload {

struct Query {
  std::string query_class;
  std::vector<std::string> words;
  std::string since;  // YYYY-MM-DD, date class only
  std::string until;
};

enum class Mode { kPlain, kFull };

inline Mode parse_mode(const std::string& text) {
  if (text == "plain") return Mode::kPlain;
  if (text == "full") return Mode::kFull;
  throw std::runtime_error("mode must be plain or full, not '" + text + "'");
}

inline std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

// The classes in the order bench/run reports them.
inline const std::vector<std::string>& class_order() {
  static const std::vector<std::string> order{"term", "vocab", "and", "phrase", "three", "date"};
  return order;
}

inline std::map<std::string, std::vector<Query>> read_workload(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot read");
  std::map<std::string, std::vector<Query>> by_class;
  std::size_t line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (line.empty()) continue;
    const std::vector<std::string> fields = split(line, '\t');
    const auto where = path + ":" + std::to_string(line_number) + ": ";
    if (fields.size() != 4) throw std::runtime_error(where + "expected 4 tab-separated fields");
    const auto& order = class_order();
    if (std::find(order.begin(), order.end(), fields[0]) == order.end()) {
      throw std::runtime_error(where + "unknown query class '" + fields[0] + "'");
    }
    Query query{fields[0], split(fields[1], ' '), fields[2], fields[3]};
    if (query.words.empty()) throw std::runtime_error(where + "no words");
    by_class[query.query_class].push_back(std::move(query));
  }
  return by_class;
}

// YYYY-MM-DD -> YYYYMMDD (the form the Xapian baselines store).
inline std::string compact_date(const std::string& iso) {
  std::string digits;
  for (const char c : iso) {
    if (c != '-') digits += c;
  }
  return digits;
}

// Runs `run` (which returns the number of matches) on every query of every
// class, timing each call, and prints the class lines described above.
template <typename RunQuery>
void time_classes(const std::map<std::string, std::vector<Query>>& by_class, RunQuery&& run) {
  using Clock = std::chrono::steady_clock;
  for (const std::string& query_class : class_order()) {
    const auto found = by_class.find(query_class);
    if (found == by_class.end() || found->second.empty()) continue;
    std::vector<double> micros;
    double matches = 0;
    const auto started = Clock::now();
    for (const Query& query : found->second) {
      const auto before = Clock::now();
      matches += static_cast<double>(run(query));
      micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - before).count());
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    std::sort(micros.begin(), micros.end());
    const auto at = [&](double q) {
      return micros[std::min(micros.size() - 1,
                             static_cast<std::size_t>(q * static_cast<double>(micros.size())))];
    };
    const double count = static_cast<double>(micros.size());
    std::printf("%s\t%zu\t%.0f\t%.0f\t%.0f\t%.0f\t%.1f\n", query_class.c_str(), micros.size(),
                at(0.50), at(0.95), at(0.99), count / seconds, matches / count);
  }
}

}  // namespace workload
