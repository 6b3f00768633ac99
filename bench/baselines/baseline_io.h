// What the baseline programs share: reading a collection's articles and
// queries, writing TREC run lines, and the command line. Both baselines read
// their input through this one file so that only retrieval differs between
// them.
#pragma once

#include <simdjson.h>

#include <exception>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace baseline {

struct Article {
  std::string id;
  std::string title;
  std::string body;
  std::string source;     // empty when the article has none
  std::string published;  // as given (ISO 8601 in the shared corpora); may be empty
};

struct Query {
  std::string id;
  std::string text;
};

// A missing or null field reads as empty (Medline and NPL have no titles);
// any other value that is not a string is an error.
inline std::string text_field(simdjson::dom::element doc, const char* key,
                              const std::string& where) {
  simdjson::dom::element value;
  if (doc[key].get(value) || value.is_null()) return {};
  std::string_view text;
  if (value.get(text)) throw std::runtime_error(where + key + ": not a string");
  return std::string(text);
}

// Calls `add` for every article of a JSON Lines file.
inline void for_each_article(const std::string& path,
                             const std::function<void(const Article&)>& add) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot read");
  simdjson::dom::parser parser;
  std::size_t line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto where = path + ":" + std::to_string(line_number) + ": ";
    simdjson::dom::element doc;
    if (const auto error = parser.parse(line).get(doc)) {
      throw std::runtime_error(where + simdjson::error_message(error));
    }
    Article article{text_field(doc, "id", where), text_field(doc, "title", where),
                    text_field(doc, "body", where), text_field(doc, "source", where),
                    text_field(doc, "published", where)};
    if (article.id.empty()) throw std::runtime_error(where + "id: missing");
    add(article);
  }
}

// queries.tsv: `qid<TAB>text`, blank lines skipped.
inline std::vector<Query> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot read");
  std::vector<Query> queries;
  std::size_t line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const auto tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) {
      throw std::runtime_error(path + ":" + std::to_string(line_number) +
                               ": expected qid<TAB>text");
    }
    queries.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return queries;
}

// One TREC run line. Scores are printed with every digit: rounding could
// create ties, and the evaluator breaks ties by document id, not by our rank.
inline void print_result(std::ostream& out, const std::string& qid, std::string_view docid,
                         std::size_t rank, double score, const std::string& tag) {
  out << qid << " Q0 " << docid << ' ' << rank << ' ' << score << ' ' << tag << '\n';
}

inline void prepare_run_output(std::ostream& out) {
  out.precision(std::numeric_limits<double>::max_digits10);
}

using IndexFunction = std::function<void(const std::string& db, const std::string& docs)>;
using SearchFunction = std::function<void(const std::string& db, const std::vector<Query>& queries,
                                          std::size_t depth, const std::string& tag)>;
// Times bench/run's workload (workload.h) in MODE "plain" or "full".
using BenchFunction = std::function<void(const std::string& db, const std::string& workload,
                                         const std::string& mode)>;

// DEPTH as a positive number, or 0 if it is not one.
// "YYYY-MM-DD..." -> "YYYYMMDD", or empty when `published` does not start so.
inline std::string day_of(const std::string& published) {
  if (published.size() < 10 || published[4] != '-' || published[7] != '-') return {};
  std::string day = published.substr(0, 4) + published.substr(5, 2) + published.substr(8, 2);
  for (const char c : day) {
    if (c < '0' || c > '9') return {};
  }
  return day;
}

inline std::size_t parse_depth(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return 0;
  try {
    return std::stoul(text);
  } catch (const std::out_of_range&) {
    return 0;
  }
}

// `NAME index DB DOCS.jsonl` | `NAME search DB QUERIES.tsv DEPTH TAG` (run on stdout)
// | `NAME bench DB WORKLOAD MODE` (class timings on stdout).
inline int run_main(int argc, char** argv, const IndexFunction& index, const SearchFunction& search,
                    const BenchFunction& bench) {
  const std::string name = argc > 0 ? argv[0] : "baseline";
  const std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
  const bool indexing = args.size() == 3 && args[0] == "index";
  const bool searching = args.size() == 5 && args[0] == "search" && parse_depth(args[3]) > 0;
  const bool benching = args.size() == 4 && args[0] == "bench";
  if (!indexing && !searching && !benching) {
    std::cerr << "usage: " << name << " index DB DOCS.jsonl\n"
              << "       " << name << " search DB QUERIES.tsv DEPTH TAG  (TREC run on stdout)\n"
              << "       " << name << " bench DB WORKLOAD plain|full  (see workload.h)\n";
    return 2;
  }
  try {
    if (indexing) {
      index(args[1], args[2]);
    } else if (searching) {
      search(args[1], read_queries(args[2]), parse_depth(args[3]), args[4]);
    } else {
      bench(args[1], args[2], args[3]);
    }
    std::cout.flush();
    return std::cout ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << name << ": error: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace baseline
